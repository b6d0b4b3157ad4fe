"""The field paths a list's rows have: what --filter, --sort and --columns accept and name in errors."""

from __future__ import annotations

from typing import Any

MAX_LISTED = 40  # names in one error line; a wide payload would flood it


def field_paths(rows: list[Any], limit: int = 200) -> list[str]:
    """Dotted paths the rows have (``storage.0.size`` for a list's first element), in first-seen order."""
    paths: dict[str, None] = {}

    def walk(value: Any, prefix: str) -> None:
        if len(paths) >= limit:
            return
        if isinstance(value, dict):
            for key, item in value.items():
                path = f"{prefix}{key}"
                paths.setdefault(path)
                walk(item, f"{path}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            walk(value[0], f"{prefix}0.")

    for row in rows[:1000]:  # a list's rows share a shape; a thousand find the odd extra field
        if isinstance(row, dict):
            walk(row, "")
        else:
            paths.setdefault("value")
    return list(paths)


def listing(names: list[str]) -> str:
    """The names for an error line, safe for a terminal, at most MAX_LISTED of them."""
    from idcctl.output.text import safe_text

    return ", ".join(safe_text(n) for n in names[:MAX_LISTED]) + (", …" if len(names) > MAX_LISTED else "")
