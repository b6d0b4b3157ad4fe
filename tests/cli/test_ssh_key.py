"""`ssh-key` commands: exact JSON requests, the local key check, 409, the default key offer, confirmations."""

from __future__ import annotations

import httpx
import pytest
import respx

from tests.cli.conftest import ED25519_KEY, PRIVATE_BODY, PRIVATE_KEY, api, json_of, ok
from tests.conftest import BASE

KEYS = "/v1/user-resource/ssh_keys"
K1 = "3f8f4c5a-2c6d-4f0a-9a3a-8c9f6e3f1a2b"
K2 = "9a7c1df2-6e44-4330-b6a1-3b77f5c1e8d0"
LAPTOP = {"uuid": K1, "name": "laptop", "public_key": ED25519_KEY, "user_id": 268,
          "created_at": "2025-01-12T09:21:33Z"}
OFFICE = {"uuid": K2, "name": "office-desktop",
          "public_key": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDCMockPublicKeyData user@host", "user_id": 268,
          "created_at": "2025-02-03T14:02:11Z"}


def test_list_table_shows_type_fingerprint_and_comment(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([LAPTOP, OFFICE]))
        result = invoke("ssh-key", "list", "-l", "bus02")  # account-wide: never location-scoped
    assert result.exit_code == 0, result.stderr
    # The fingerprint is ssh-keygen -l's; the reference's example key has a body that is not base64.
    assert result.stdout == (
        "NAME            UUID                                  TYPE         FINGERPRINT"
        "                                         COMMENT     CREATED\n"
        f"laptop          {K1}  ssh-ed25519  SHA256:Y5GYdxb4nvb9FYIYNR1yWveqiG9KsVy8B84EIDqFtFU  ops@laptop "
        " 2025-01-12 09:21:33\n"
        f"office-desktop  {K2}  ssh-rsa      -                                                   user@host  "
        " 2025-02-03 14:02:11\n")


def test_list_json_is_unchanged_and_quiet_prints_uuids(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([LAPTOP, OFFICE]))
        assert invoke("ssh-key", "list", "-o", "json").json() == [LAPTOP, OFFICE]
        assert invoke("ssh-key", "list", "-q").stdout == f"{K1}\n{K2}\n"


@pytest.mark.parametrize("how", ["text", "file", "stdin"])
def test_create_sends_the_checked_key_line(invoke, tmp_path, how):
    public = tmp_path / "id_ed25519.pub"
    public.write_text(f"{ED25519_KEY}\n")
    value, stdin = {"text": (f" {ED25519_KEY} ", ""), "file": (f"@{public}", ""),
                    "stdin": ("@-", ED25519_KEY + "\n")}[how]
    with api() as mock:
        route = mock.post(KEYS).mock(return_value=httpx.Response(201, json=LAPTOP))
        result = invoke("ssh-key", "create", "--name", "laptop", "--public-key", value, "-o", "json", input=stdin)
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"name": "laptop", "public_key": ED25519_KEY}
    assert result.json() == LAPTOP
    assert "new VMs get it with 'idcctl vm create ... --ssh-key laptop'" in result.stderr


def test_a_taken_name_is_a_clear_message(invoke):
    with api() as mock:
        mock.post(KEYS).mock(return_value=httpx.Response(409, json={"message": "Conflict"}))
        result = invoke("ssh-key", "create", "--name", "laptop", "--public-key", ED25519_KEY)
    assert result.exit_code == 1
    assert result.stderr == ("error: an SSH key named 'laptop' already exists (HTTP 409); 'idcctl ssh-key list' "
                             "shows the names; pick another or rename that key\n")


@pytest.mark.parametrize("as_file", [False, True], ids=["text", "file"])
@pytest.mark.parametrize("command", ["ssh-key", "vm"])
def test_a_private_key_is_refused_never_shown_and_never_sent(invoke, tmp_path, as_file, command):
    secret = tmp_path / "id_ed25519"
    secret.write_text(PRIVATE_KEY)
    value = f"@{secret}" if as_file else PRIVATE_KEY
    args = (["ssh-key", "create", "--name", "laptop"] if command == "ssh-key" else
            ["vm", "create", "--name", "web-01", "--os", "ubuntu", "--os-version", "22.04-lts", "--disk-size", "20",
             "--vcpu", "2", "--ram", "2048", "--username", "ops", "--password-stdin"])
    with respx.mock(assert_all_called=False) as mock:
        anything = mock.route().mock(return_value=httpx.Response(200, json=[]))
        result = invoke(*args, "--public-key", value, "--debug", input="Secret123\n")
    assert result.exit_code == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "is a private key" in result.stderr
    for line in PRIVATE_KEY.splitlines():
        assert line not in result.stdout + result.stderr
    assert all(PRIVATE_BODY.encode() not in call.request.content + str(call.request.url).encode()
               for call in anything.calls)
    assert not anything.called  # not even the reads a create makes first


def test_no_key_on_a_terminal_offers_the_default_file(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".ssh" / "id_ed25519.pub").write_text(ED25519_KEY + "\n")
    with api() as mock:
        route = mock.post(KEYS).mock(return_value=httpx.Response(201, json=LAPTOP))
        result = invoke("ssh-key", "create", "--name", "laptop", tty=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert "Store the public key ~/.ssh/id_ed25519.pub? [y/N]" in result.stderr
    assert json_of(route)["public_key"] == ED25519_KEY
    with api(assert_all_called=False) as mock:
        declined = invoke("ssh-key", "create", "--name", "laptop", tty=True, input="n\n")
        assert not mock.calls
    assert declined.exit_code == 1


def test_no_key_without_a_terminal_is_refused_with_a_hint(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    with api(assert_all_called=False) as mock:
        result = invoke("ssh-key", "create", "--name", "laptop")
        assert not mock.calls
    assert result.exit_code == 2
    assert result.stderr == ("error: --public-key is required without a terminal to ask on; "
                             "e.g. --public-key @~/.ssh/id_ed25519.pub\n")


def test_rename_by_name(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([LAPTOP, OFFICE]))
        route = mock.patch(f"{KEYS}/{K1}").mock(return_value=ok({**LAPTOP, "name": "personal-laptop"}))
        result = invoke("ssh-key", "rename", "laptop", "personal-laptop", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert json_of(route) == {"name": "personal-laptop"}
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([LAPTOP, OFFICE]))
        mock.patch(f"{KEYS}/{K1}").mock(return_value=httpx.Response(409, json={"message": "Conflict"}))
        taken = invoke("ssh-key", "rename", K1, "office-desktop")
    assert taken.exit_code == 1 and "an SSH key named 'office-desktop' already exists" in taken.stderr


def test_delete_asks_first_and_refuses_without_a_terminal(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([LAPTOP]))
        route = mock.delete(f"{KEYS}/{K1}").mock(return_value=httpx.Response(204))
        result = invoke("ssh-key", "delete", "laptop", tty=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1
    assert f"Delete SSH key laptop ({K1})? VMs made with it keep it" in result.stderr
    with api(assert_all_called=False) as mock:
        mock.get(KEYS).mock(return_value=ok([LAPTOP]))
        delete = mock.delete(f"{KEYS}/{K1}")
        refused = invoke("ssh-key", "delete", "laptop")
        assert not delete.called
    assert refused.exit_code == 2 and "--yes" in refused.stderr


def test_an_unknown_key_is_exit_4(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([LAPTOP]))
        result = invoke("ssh-key", "delete", "desk", "--yes")
    assert result.exit_code == 4 and "no SSH key named 'desk'; 'idcctl ssh-key list' shows them" in result.stderr
