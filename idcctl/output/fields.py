"""Field paths in a list's rows: the value at one (`lookup`), and which there are (`field_paths`).

What --filter, --sort and --columns accept, and name in their errors.
"""

from __future__ import annotations

from typing import Any

MAX_LISTED = 40  # names in one error line; a wide payload would flood it
MISSING = object()  # a row without the field (None is a field whose value is null)


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


class Many(list):  # type: ignore[type-arg]
    """The values of a path through a list without an index (``storage.size``)."""


def lookup(row: Any, parts: list[str]) -> Any:
    """The value at a dotted path, `MISSING` when the row has none, a `Many` through a list."""
    if not isinstance(row, dict):
        return row if parts == ["value"] else MISSING  # a table shows a bare value as "value"
    value: Any = row
    for index, part in enumerate(parts):
        if isinstance(value, dict):
            value = value.get(part, MISSING)
        elif isinstance(value, list):
            if part.isdigit():
                value = value[int(part)] if int(part) < len(value) else MISSING
            else:  # every element's value at the rest of the path
                found = [lookup(item, parts[index:]) for item in value]
                found = [v for v in found if v is not MISSING]
                return Many(v for f in found for v in each(f)) if found else MISSING
        else:
            return MISSING
        if value is MISSING:
            return MISSING
    return value


def each(value: Any) -> list[Any]:
    """The values a filter tests: each of a Many (or MISSING), each of a list of scalars, else the value."""
    if isinstance(value, Many):
        return list(value) or [MISSING]
    if isinstance(value, list) and value and all(not isinstance(v, (dict, list)) for v in value):
        return value  # a list of scalars (tags) matches when one of them does
    return [value]
