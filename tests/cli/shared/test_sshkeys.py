"""The OpenSSH public key check shared by `ssh-key create` and `vm create --public-key`."""

from __future__ import annotations

import io

import pytest

from idcctl.cli.shared.sshkeys import checked_line, default_key_file, is_private, read_public_key
from idcctl.errors import UsageError
from idcctl.shell.state import State
from tests.cli.conftest import ECDSA_KEY, ED25519_KEY, PRIVATE_BODY, PRIVATE_KEY

RSA_SHAPE = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDCMockPublicKeyData user@host"  # the reference's: no real body


def test_a_key_line_is_kept_whitespace_folded_and_its_comment_may_hold_spaces():
    assert checked_line(f"\n  {ED25519_KEY}  \n", where="x") == ED25519_KEY
    assert checked_line(ED25519_KEY.rsplit(" ", 1)[0], where="x") == ED25519_KEY.rsplit(" ", 1)[0]
    assert checked_line(f"# my key\n{ECDSA_KEY} with  spaces", where="x") == f"{ECDSA_KEY} with  spaces"


@pytest.mark.parametrize(("text", "words"), [
    ("", "is empty"),
    (f"{ED25519_KEY}\n{ECDSA_KEY}\n", "holds 2 key lines"),
    ("ssh-ed25519", "is not an OpenSSH public key line"),
    ("ssh-foo AAAAC3NzaC1lZDI1NTE5 x", "is not an OpenSSH public key line"),
    (RSA_SHAPE, "does not hold a key of type ssh-rsa"),  # not valid base64
    ("ssh-rsa " + ED25519_KEY.split()[1], "does not hold a key of type ssh-rsa"),  # an ed25519 body
    ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5", "does not hold a key of type ssh-ed25519"),  # the type alone
])
def test_what_is_not_a_public_key_line_is_refused_without_being_quoted(text, words):
    with pytest.raises(UsageError) as info:
        checked_line(text, where="--public-key")
    assert words in str(info.value) and info.value.exit_code == 2
    body = text.split()[1] if len(text.split()) > 1 else "\0"
    assert body not in str(info.value) + (info.value.hint or "")


@pytest.mark.parametrize("marker", ["-----BEGIN OPENSSH PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----",
                                    "-----BEGIN PRIVATE KEY-----", "-----BEGIN ENCRYPTED PRIVATE KEY-----",
                                    "PuTTY-User-Key-File-3: ssh-ed25519"])
def test_private_keys_are_recognised(marker):
    assert is_private(f"{marker}\n{PRIVATE_BODY}\n")
    with pytest.raises(UsageError, match="is a private key") as info:
        checked_line(f"{marker}\n{PRIVATE_BODY}\n", where="--public-key")
    assert PRIVATE_BODY not in str(info.value) + (info.value.hint or "")
    assert not is_private(ED25519_KEY)


def test_a_file_holding_a_private_key_names_its_pub_neighbour(tmp_path):
    secret = tmp_path / "id_ed25519"
    secret.write_text(PRIVATE_KEY)
    (tmp_path / "id_ed25519.pub").write_text(ED25519_KEY + "\n")
    state = State(env={}, stdin=io.StringIO())
    with pytest.raises(UsageError) as info:
        read_public_key(state, f"@{secret}")
    assert str(info.value).startswith(f"--public-key @{secret} is a private key")
    assert info.value.hint == f"nothing was sent or shown; the public key is probably @{secret}.pub"
    assert read_public_key(state, f"@{secret}.pub") == ED25519_KEY


def test_stdin_and_a_path_written_without_at(tmp_path):
    public = tmp_path / "id.pub"
    public.write_text(ECDSA_KEY)
    assert read_public_key(State(env={}, stdin=io.StringIO(ECDSA_KEY + "\n")), "@-") == ECDSA_KEY
    with pytest.raises(UsageError) as info:
        read_public_key(State(env={}, stdin=io.StringIO()), str(public))
    assert info.value.hint == "to read the key from that file, write --public-key @FILE"


def test_the_default_key_is_ed25519_then_rsa(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_key_file() is None
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".ssh" / "id_rsa.pub").write_text("x")
    assert default_key_file() == "~/.ssh/id_rsa.pub"
    (tmp_path / ".ssh" / "id_ed25519.pub").write_text("x")
    assert default_key_file() == "~/.ssh/id_ed25519.pub"
