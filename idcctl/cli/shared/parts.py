"""One resource in tables: its scalar fields, then its parts (rules, targets, VMs) as titled tables.

`lb show`, `firewall show` and `vm show` (the firewalls protecting the VM)
show a resource this way on a terminal. json/yaml, ``-q`` and ``--columns``
get the API's data unchanged and whole instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from idcctl.shell.state import State

Part = tuple[str, list[dict[str, Any]], str]  # (title, rows, kind of the rows)


def in_parts(state: State) -> bool:
    """Whether a show prints tables with parts (not json/yaml, -q or --columns)."""
    from idcctl.cli.shared.concurrent import wants_table

    return wants_table(state) and not state.flag("columns")


def render_with_parts(state: State, data: Any, kind: str, parts: Callable[[dict[str, Any]], list[Part]]) -> None:
    """The scalar fields (every field not a part), then each part under its title."""
    if not isinstance(data, dict) or not in_parts(state):
        state.render(data, kind)
        return
    shown = parts(data)
    state.render({k: v for k, v in data.items() if k not in {key for key, _, _ in shown}}, kind)
    for key, rows, part_kind in shown:
        titled_table(state, PART_TITLES.get(key, key), rows, part_kind)


def titled_table(state: State, title: str, rows: list[dict[str, Any]], kind: str) -> None:
    state.out.write(f"\n{title}:\n")
    if rows:
        state.render(rows, kind)
    else:
        state.out.write("(none)\n")


PART_TITLES = {"forwarding_rules": "Forwarding rules", "targets": "Targets", "rules": "Rules",
               "resources_assigned": "VMs"}


def objects(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [r for r in data.get(key) or [] if isinstance(r, dict)]
