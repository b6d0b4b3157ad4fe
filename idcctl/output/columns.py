"""``--columns``: the operator's column names resolved against a table's columns and its data.

A name is a field path of the data (``name``, ``storage.0.size``) or a
header of the table's default columns (``NAME``, ``Status``, ``private ipv4``
for ``PRIVATE IPV4``, ``ram`` for the computed ``RAM``), compared without
regard to case, and with blanks, ``_`` and ``-`` alike. Exact field paths
win over header names, header names over field paths in another case. A
name that is none of these is exit 2 naming it and listing the valid ones;
``--columns help`` lists them as a table. With no rows there is no data to
check a path against, and any path is taken.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from idcctl.errors import UsageError

Column = tuple[str, "str | Callable[[dict[str, Any]], Any]"]


def _norm(name: str) -> str:
    return name.casefold().replace(" ", "_").replace("-", "_")


def resolve(requested: list[str], defaults: list[Column], rows: list[Any]) -> list[Column]:
    """The (HEADER, field) columns the names ask for, in their order."""
    from idcctl.output.fields import field_paths

    paths = field_paths(rows, limit=10_000) if rows else []
    known = set(paths)
    by_field = {field: header for header, field in defaults if isinstance(field, str)}
    by_header = {_norm(header): (header, field) for header, field in reversed(defaults)}
    by_path = {}
    for path in reversed(paths):
        by_path[path.casefold()] = path
    chosen: list[Column] = []
    for name in requested:
        if name in known or (not rows and name not in by_header and _norm(name) not in by_header):
            chosen.append((by_field.get(name, name.upper()), name))
        elif _norm(name) in by_header:
            chosen.append(by_header[_norm(name)])
        elif name.casefold() in by_path:
            path = by_path[name.casefold()]
            chosen.append((by_field.get(path, path.upper()), path))
        else:
            raise _unknown(name, defaults, paths)
    return chosen


def _unknown(name: str, defaults: list[Column], paths: list[str]) -> UsageError:
    from idcctl.output.fields import listing
    from idcctl.output.text import safe_text

    shown = {field for _, field in defaults if isinstance(field, str)}
    paths = sorted((p for p in paths if p not in shown), key=lambda p: p.count("."))  # top level first
    valid = list(dict.fromkeys([header for header, _ in defaults] + paths))
    return UsageError(f"--columns: no column '{safe_text(name)}'; valid: {listing(valid)}",
                      hint="'--columns help' lists each column with the field it shows")


def help_rows(defaults: list[Column], rows: list[Any]) -> list[dict[str, str]]:
    """What ``--columns help`` prints: each default column and its field, then every other field."""
    from idcctl.output.fields import field_paths

    out = [{"column": header, "field": field if isinstance(field, str) else "(computed)", "shown": "yes"}
           for header, field in defaults]
    named = {field for _, field in defaults if isinstance(field, str)}
    out += [{"column": path.upper(), "field": path, "shown": "no"}
            for path in field_paths(rows, limit=10_000) if path not in named]
    return out
