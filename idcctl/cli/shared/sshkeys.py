"""OpenSSH public keys given on the command line (`ssh-key create`, `vm create --public-key`).

A key is ``TEXT`` or ``@FILE`` (``@-``: stdin) and must be one OpenSSH
public key line: a known type, a base64 body that decodes and whose
embedded type is the declared one, and an optional comment. The API checks
nothing ("no strict format validation is performed"), so a typo would
leave a VM nobody can log in to: the check happens here, before anything is
sent. A private key given by mistake (PEM or OpenSSH private key headers,
PuTTY key files) is refused without being shown: no message ever quotes
what was given, only the option and the file name.
"""

from __future__ import annotations

import binascii
import os
from typing import TYPE_CHECKING

from idcctl.errors import UsageError

if TYPE_CHECKING:
    from idcctl.shell.state import State

KEY_TYPES = ("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
             "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "ssh-dss")
# Markers of private key files: PEM and OpenSSH ("-----BEGIN ... PRIVATE KEY-----"), PuTTY, ssh.com.
_PRIVATE = ("PRIVATE KEY-----", "PuTTY-User-Key-File-", "SSH2 ENCRYPTED PRIVATE KEY", "SSH PRIVATE KEY FILE")
DEFAULT_FILES = ("~/.ssh/id_ed25519.pub", "~/.ssh/id_rsa.pub")  # offered by `ssh-key create` on a terminal
_SHAPE = "an OpenSSH public key line (TYPE BASE64 [COMMENT], as in a .pub file)"


def is_private(text: str) -> bool:
    return any(marker in text for marker in _PRIVATE)


def checked_line(text: str, *, where: str) -> str:
    """The one public key line of `text`, or a UsageError naming `where` (never the text itself)."""
    if is_private(text):
        raise UsageError(f"{where} is a private key, which never leaves this machine: give its public "
                         "key (the .pub file beside it)", hint="nothing was sent or shown")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if len(lines) != 1:
        raise UsageError(f"{where} holds {len(lines)} key lines; give one public key each time"
                         if lines else f"{where} is empty")
    parts = lines[0].split(None, 2)
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise UsageError(f"{where} is not {_SHAPE}", hint=f"known types: {', '.join(KEY_TYPES[:5])} ...")
    if _embedded_type(parts[1]) != parts[0]:
        raise UsageError(f"{where} is not {_SHAPE}: its base64 body does not hold a key of type {parts[0]}")
    return " ".join(parts)


def _embedded_type(body: str) -> str | None:
    """The key type a public key blob names first (a uint32 length, then the type), or None."""
    try:
        blob = binascii.a2b_base64(body, strict_mode=True)
    except (binascii.Error, ValueError):
        return None
    size = int.from_bytes(blob[:4], "big")
    if len(blob) < 4 + size + 4 or size > 64:  # the type, then at least one more field
        return None
    try:
        return blob[4:4 + size].decode("ascii")
    except UnicodeDecodeError:
        return None


def read_public_key(state: State, value: str, *, option: str = "--public-key") -> str:
    """A checked key line from TEXT, @FILE or @- (stdin)."""
    from idcctl.fileio import MAX_INPUT, read_capped, read_capped_stream

    if value == "@-":
        return checked_line(read_capped_stream(state.inp, limit=MAX_INPUT, what=f"{option} @-"),
                            where=f"{option} @- (stdin)")
    if value.startswith("@"):
        path = os.path.expanduser(value[1:])
        text = read_capped(path, limit=MAX_INPUT, what=option)
        try:
            return checked_line(text, where=f"{option} {value}")
        except UsageError as exc:
            if is_private(text) and os.path.isfile(path + ".pub"):
                exc.hint = f"nothing was sent or shown; the public key is probably @{value[1:]}.pub"
            raise
    try:
        return checked_line(value, where=option)
    except UsageError as exc:
        if "\n" not in value and len(value) < 4096 and os.path.isfile(os.path.expanduser(value)):
            exc.hint = f"to read the key from that file, write {option} @FILE"
        raise


def default_key_file() -> str | None:
    """The first of ~/.ssh/id_ed25519.pub and ~/.ssh/id_rsa.pub that exists, as written (with ~)."""
    return next((name for name in DEFAULT_FILES if os.path.isfile(os.path.expanduser(name))), None)
