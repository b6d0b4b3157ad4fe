"""What a TAB names file holds, and what a TAB offers from it. Stdlib only, for TAB.

An entry is ``[name, id]`` for each listed item (`extract`: the kind's name
field from `idcctl.resources.KINDS`, an unnamed one by its id), or
``[os_name, [versions]]`` for images; a bare name (id unknown) is what
caches written before ids were kept hold, still read (`pairs`). A name that
one item has is offered as it is; a name that several share, which a command
refuses as ambiguous (exit 4), is offered as each one's id (`offered`).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_NAMES = 20000  # more than any TAB shows; keeps the names file well under MAX_FILE
MAX_NAME = 128  # a longer name is no use on a command line


def extract(kind: str, data: Any) -> list[Any]:
    """The entries of a list answer: [name, id] pairs, or [os_name, [versions]] pairs for images."""
    items = data if isinstance(data, list) else []
    if kind == "image":
        # What `vm create` accepts: published versions (as `image list` shows them), and only
        # images that have one, so a TAB never completes to an OS the create refuses.
        images = [[str(i["os_name"]), [str(v.get("os_version")) for v in i.get("versions") or []
                                        if isinstance(v, dict) and v.get("os_version")
                                        and v.get("published", True)][:MAX_NAMES]]
                  for i in items if isinstance(i, dict) and i.get("os_name")]
        return [pair for pair in images if pair[1]][:MAX_NAMES]
    # Each is kept with its id: a name that several share is offered by their ids (`offered`).
    found = (entry_of(kind, item) for item in items)
    unique = {tuple(pair): pair for pair in found if pair is not None}
    return list(unique.values())[:MAX_NAMES]


def entry_of(kind: str, item: Any) -> list[Any] | None:
    """[name, id] of one listed item, or None (no name nor id, or one too long for a command line).

    An unnamed one (a disk without display_name) is named by its id, which works as well.
    """
    from idcctl.resources import KINDS

    if not isinstance(item, dict):
        return None
    row = KINDS[kind]
    ident = None if item.get(row.id_field) in (None, "") else str(item[row.id_field])
    name = str(item.get(row.ref_field) or ident or "")
    return [name, ident] if name and len(name) <= MAX_NAME and len(ident or "") <= MAX_NAME else None


def pairs(value: Any) -> list[tuple[str, str | None]]:
    """(name, id) of each cached entry: an [name, id] pair, or a bare name (id None) as older caches hold."""
    found = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, str):
            found.append((item, None))
        elif isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) \
                and isinstance(item[1], (str, type(None))):
            found.append((item[0], item[1]))
    return found


def offered(value: Any, incomplete: str) -> list[tuple[str, str]]:
    """TAB candidates (value, help) from cached entries, those starting with `incomplete`.

    A shared name's ids are offered instead, described by the name (zsh and
    fish show it beside each id), so a TAB never completes to an ambiguous
    name. They are matched by the id only: shells filter candidates by what
    was typed, and bash would replace a typed name with the ids' common prefix.
    """
    found = pairs(value)
    count: dict[str, int] = {}
    for name, _ in found:
        count[name] = count.get(name, 0) + 1
    unique = [(name, "") for name in dict.fromkeys(n for n, _ in found) if count[name] == 1]
    shared = [(ident, name) for name, ident in found if count[name] > 1 and ident]
    return ([(v, h) for v, h in unique if v.startswith(incomplete)]
            + [(v, h) for v, h in shared if v.startswith(incomplete)])
