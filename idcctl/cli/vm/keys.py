"""The SSH keys `vm create` puts on a new VM: ``--public-key`` lines and stored ``--ssh-key`` keys.

Each becomes one ``public_keys`` value of the create request. A
``--public-key`` (TEXT, @FILE or @-) is checked as `ssh-key create` checks
it; a ``--ssh-key`` is a stored key's name or UUID, looked up with one
`ssh-key list` call before anything is sent, whose stored key is sent as the
API keeps it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from idcctl.errors import UsageError

if TYPE_CHECKING:
    from idcctl.shell.state import State


def public_keys(state: State, given: list[str], stored: list[str]) -> list[str]:
    """The key lines to send, --public-key ones first; an unknown --ssh-key is exit 4 (nothing sent)."""
    from idcctl.cli.shared.resolve import listed, pick
    from idcctl.cli.shared.sshkeys import read_public_key
    from idcctl.resources import KINDS

    lines = [read_public_key(state, value) for value in given]
    if stored:
        kind = KINDS["ssh_key"]
        keys = listed(state, "ssh_key")
        for ref in stored:
            key = pick(keys, ref, kind=kind.noun, list_hint=kind.list_command, name_keys=("name",))
            line = key.get("public_key")
            if not isinstance(line, str) or not line.strip():
                raise UsageError(f"SSH key '{ref}' holds no public key", hint="'idcctl ssh-key list' shows them")
            lines.append(line.strip())
    return list(dict.fromkeys(lines))  # the same key twice is one key
