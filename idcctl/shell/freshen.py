"""TAB names kept fresh by idcctl's own writes: what a create, rename or delete changes, at once.

The CLI's client reports each successful answer (`idcctl.api.hooks.ClientHooks.after_response`);
for a write to a kind of resource (`idcctl.resources.written`: the kind's
collection, or one item right below it) the cached TAB names of that kind,
in the command's location and the one the URL names, are changed in place
(`idcctl.shell.names.edit`):

- a delete naming its item (in the path, or as ``uuid``/``name`` in the
  query or body) removes that item's entry;
- any other write whose answer is the resource (it has the kind's id)
  puts that answer's entry in place of the old one: a create adds the new
  name, a rename replaces the old one, a clone adds the copy;
- any other write to the kind forgets the cached names, so the next TAB
  asks the API instead of offering what may be gone.

A write of one kind below another's item (`vm disk add`, `vm disk remove`)
forgets the names of the kind it writes (disks); a VM's snapshots, and writes
below an item (a load balancer's targets, a firewall's VMs, a floating IP's
assignment) change no names. Nothing here fails a command.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from idcctl.api.hooks import Answered
    from idcctl.resources import Kind
    from idcctl.shell.state import State


def after_write(state: State, answered: Answered) -> None:
    """Change the TAB names a successful write (not a read) changed (`state`'s profile and API URL)."""
    try:
        from idcctl.resources import written
        from idcctl.shell import names

        url = urlsplit(answered.url)
        hit = written(url.path)
        if hit is None:
            return
        kind, item, location, whole = hit
        change = _forget if whole else _change(kind, answered, item, _fields(url.query, answered.body))
        settings = state.settings
        names.edit(kind.key, state.env, settings.profile, (state.location, location or state.location),
                   settings["api_url"], change)
    except Exception:  # noqa: BLE001 - a cache is never the reason a command fails
        pass


def _change(kind: Kind, answered: Answered, item: str | None, fields: dict[str, str]) -> Any:
    """The edit of the cached entries (`names.edit`) that this write makes."""
    from idcctl.shell.namelist import entry_of, pairs

    def without(gone: str) -> Any:
        def kept(value: list[Any]) -> list[Any] | None:
            found = pairs(value)  # None (forget) when some entry is not a name
            return [entry for entry, (name, ident) in zip(value, found) if gone not in (ident, name)] \
                if len(found) == len(value) else None

        return kept

    if answered.method == "DELETE":
        gone = item or fields.get(kind.id_field) or fields.get("uuid")
        return without(gone) if gone else _forget
    data = answered.data
    entry = entry_of(kind.key, data) if isinstance(data, dict) and data.get(kind.id_field) else None
    if entry is None:
        return _forget
    drop = without(entry[1])

    def upsert(value: list[Any]) -> list[Any] | None:
        kept = drop(value)
        return None if kept is None else [*kept, entry]

    return upsert


def _forget(value: list[Any]) -> None:
    return None


def _fields(query: str, body: str | None) -> dict[str, str]:
    """The query's and the body's fields (form or a JSON object), as text; {} for any other body."""
    fields = dict(parse_qsl(query))
    text = (body or "").strip()
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except ValueError:
            return fields
        if isinstance(parsed, dict):
            fields.update({str(k): str(v) for k, v in parsed.items() if isinstance(v, (str, int))})
    elif text:
        fields.update(parse_qsl(text))
    return fields
