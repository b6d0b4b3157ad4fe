"""``--filter`` and ``--sort``: which rows of a list are shown, and in what order.

Applied by `idcctl.output.render` to any list answer before any format is
chosen, so ``-o json``, ``-o yaml``, ``-q`` and tables print the same rows
and every list command has both options without code of its own.

A filter is ``PATH OP VALUE``; several filters must all hold:

    name=web-*            glob (``*``, ``?``, ``[...]``), case-sensitive
    status!=running       the opposite of ``=`` (a row without the field passes)
    storage.0.size>=50    ``<`` ``<=`` ``>`` ``>=`` compare numbers or timestamps
    created_at>2024-01-01 (both API shapes: ``2018-02-22 14:18:47``, ``...T12:03:14.355+0000``)
    storage.size>=50      a path through a list without an index: any element

``=`` compares numbers as numbers (``memory=2048`` matches 2048.0 and "2048"),
booleans as ``true``/``false`` (or ``yes``/``no``, as tables show them), a
missing or null value as the empty text or ``null``, and a list of values
matches when one of them does. A sort key is ``PATH`` (ascending) or
``-PATH`` (descending); several keys (comma-separated or repeated) sort by
the first, then the next. Sorting is stable; numbers (and numeric text) sort
as numbers, timestamps as time, other text as text; rows without the field
come last either way.

Values come from the API and are not trusted: any type, missing, null,
NaN. None of it raises anything but `UsageError` (exit 2): a malformed
filter or sort key (checked before any request, `check_filter` and
`parse_sort`), and a field that no row of the answer has, naming the
fields the data has. An empty list has no fields to check against.
"""

from __future__ import annotations

import fnmatch
import json
import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from idcctl.errors import UsageError
from idcctl.output.fields import MISSING, Many, each, lookup

if TYPE_CHECKING:
    from decimal import Decimal

_CONDITION = re.compile(r"^([^=!<>]+?)(!=|<=|>=|=|<|>)(.*)$", re.DOTALL)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_TIME = re.compile(r"(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))"
                   r"(?:[ T]((?:[01]\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60))?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?\Z")
_GLOB = re.compile(r"[*?\[]")
_NUMERIC_START = frozenset("0123456789+-.")

FILTER_HELP = ("FIELD=VALUE (glob), FIELD!=VALUE, FIELD<N, <=, >, >= for numbers and timestamps; "
               "dotted paths such as storage.0.size")


class Condition:
    """One parsed ``--filter``: `matches(row)`, and whether any row had the path (`seen`)."""

    def __init__(self, spec: str) -> None:
        found = _CONDITION.match(spec)
        if not found or not found.group(1).strip():
            raise UsageError(f"--filter {spec!r} is not FIELD=VALUE", hint=f"a filter is {FILTER_HELP}")
        path, self.op, self.value = found.group(1).strip(), found.group(2), found.group(3)
        self.path = path
        self.parts = path.split(".")
        self.seen = False
        self.glob = None
        self.number = _number(self.value)
        if self.op in ("=", "!="):
            self.glob = re.compile(fnmatch.translate(self.value), re.DOTALL).match \
                if _GLOB.search(self.value) else None
        else:
            self.bound = self.number if self.number is not None else _moment(self.value)
            if self.bound is None:
                raise UsageError(f"--filter {spec!r}: {self.op} compares numbers or timestamps, "
                                 f"and {self.value!r} is neither",
                                 hint="e.g. storage.0.size>=50 or created_at>2024-01-01")

    def matches(self, row: Any) -> bool:
        if len(self.parts) == 1 and type(row) is dict:  # the common case, at a dict lookup's cost
            values = row.get(self.path, MISSING)
        else:
            values = lookup(row, self.parts)
        if values is not MISSING:
            self.seen = True
        if type(values) is str and self.glob is not None:
            return bool(self.glob(values)) == (self.op == "=")
        if self.op in ("=", "!="):
            hit = any(self._equal(v) for v in each(values))
            return hit if self.op == "=" else not hit
        return any(self._ordered(v) for v in each(values))

    def _equal(self, value: Any) -> bool:
        if value is MISSING or value is None:
            return self.value in ("", "null") if self.glob is None else bool(self.glob(""))
        if isinstance(value, bool):
            text = "true" if value else "false"
            if self.glob is None and self.value.lower() in ("yes", "no"):
                return value == (self.value.lower() == "yes")
        elif isinstance(value, (dict, list)):
            text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
        else:
            text = str(value)
            if self.glob is None and self.number is not None:
                number = _numeric(value)
                if number is not None:
                    return number == self.number
        return bool(self.glob(text)) if self.glob is not None else text == self.value

    def _ordered(self, value: Any) -> bool:
        other = _comparable(value, timestamps=self.number is None)
        if other is None:
            return False
        try:
            return {"<": other < self.bound, "<=": other <= self.bound,
                    ">": other > self.bound, ">=": other >= self.bound}[self.op]
        except TypeError:  # a number against a time bound, or the other way round
            return False


def check_filter(spec: str) -> str:
    """The filter text unchanged when it parses; else the UsageError, before anything is sent."""
    Condition(spec)
    return spec


def parse_sort(spec: str) -> list[tuple[str, bool]]:
    """``"status,-created_at"`` as ``[("status", False), ("created_at", True)]`` (True: descending)."""
    keys = []
    for item in spec.split(","):
        item = item.strip()
        descending = item.startswith("-")
        path = item[1:].strip() if descending or item.startswith("+") else item
        if not path or _CONDITION.match(path):
            raise UsageError(f"--sort {spec!r}: each key is FIELD or -FIELD",
                             hint="e.g. --sort name, --sort -created_at, --sort status,-vcpu")
        keys.append((path, descending))
    return keys


def select(rows: list[Any], filters: list[str] | None = None, sort: list[str] | None = None,
           *, basis: list[Any] | None = None) -> list[Any]:
    """The rows that pass every filter, in the order of the sort keys.

    `basis` (same length as `rows`) is what filters and keys read instead of
    the rows themselves: a table's readable rows chosen by the API's data.
    """
    basis = rows if basis is None or len(basis) != len(rows) else basis
    return [rows[i] for i in chosen(basis, filters, sort)]


def chosen(rows: list[Any], filters: list[str] | None = None, sort: list[str] | None = None) -> list[int]:
    """The indexes of the rows `select` returns, in its order."""
    basis = rows
    order = list(range(len(rows)))
    if filters:
        conditions = [Condition(spec) for spec in filters]
        order = [i for i in order if all(c.matches(basis[i]) for c in conditions)]
        for condition in conditions:
            if not condition.seen and rows:
                raise unknown_field("--filter", condition.path, basis)
    for path, descending in reversed([key for spec in sort or [] for key in parse_sort(spec)]):
        order = _sorted(order, basis, path, descending)
    return order


def _sorted(order: list[int], basis: list[Any], path: str, descending: bool) -> list[int]:
    parts = path.split(".")
    present, keys, missing, seen = [], [], [], False
    for i in order:
        row = basis[i]
        value = row.get(path, MISSING) if len(parts) == 1 and type(row) is dict else lookup(row, parts)
        if value is not MISSING:
            seen = True
        key = _sort_key(value)
        if key is None:
            missing.append(i)
        else:
            present.append(i)
            keys.append(key)
    if not seen and basis:
        raise unknown_field("--sort", path, basis)
    if len({key[0] for key in keys}) == 1:  # one kind of value (the usual): compare the values alone
        keys = [key[1] for key in keys]
    ranked = sorted(range(len(present)), key=keys.__getitem__, reverse=descending)  # stable, reversed too
    return [present[p] for p in ranked] + missing


def _sort_key(value: Any) -> tuple[Any, ...] | None:
    """A key every other key compares with: (class, value); None for a missing/null value."""
    kind = type(value)
    if kind is str:  # the common cases first: one sort key per row of a big list
        if value[4:5] == "-":  # the shape of a timestamp: try that first
            moment = _moment(value)
            if moment is not None:
                return (2, moment)
        number = _number(value) if value[:1] in _NUMERIC_START else None
        return (3, value) if number is None else (1, number)
    if kind is int:
        return (1, value)
    if value is MISSING or value is None:
        return None
    if isinstance(value, Many):
        keys = [k for k in map(_sort_key, value) if k is not None]
        return (6, tuple(keys)) if keys else None
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, (int, float)):
        number = _numeric(value)
        return None if number is None else (1, number)
    if isinstance(value, str):
        if value[4:5] == "-":  # the shape of a timestamp: try that first
            moment = _moment(value)
            if moment is not None:
                return (2, moment)
        number = _number(value)
        if number is not None:
            return (1, number)
        return (3, value)
    if isinstance(value, list):
        keys = [k for k in map(_sort_key, value) if k is not None]
        return (4, tuple(keys))
    return (5, json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))


def _number(text: str) -> Decimal | None:
    if len(text) > 64 or not _NUMBER.match(text):  # a huge digit string is text, not a number
        return None
    return _decimal(text)


def _decimal(text: str) -> Decimal:
    # Imported on first use: decimal costs ~9 ms to import, and most filters never need it.
    from decimal import Decimal

    return Decimal(text)


def _numeric(value: Any) -> Any:
    """A number (int, Decimal, or an infinite float) of an API number or numeric text; None for NaN.

    A float goes by its shortest text, so 0.1 from the API equals ``=0.1`` exactly.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value:
            return None
        return value if value in (float("inf"), float("-inf")) else _decimal(repr(value))
    return _number(value) if isinstance(value, str) else None


def _comparable(value: Any, *, timestamps: bool) -> Any:
    if timestamps:
        return _moment(value) if isinstance(value, str) else None
    return _numeric(value)


def _moment(text: str) -> str | None:
    """Either timestamp shape (or a bare date) as UTC ``YYYY-MM-DD HH:MM:SS.ffffff``; no zone is UTC.

    Text of one fixed width compares as the moments do, and most of the API's timestamps
    (no zone, or +0000) need no date arithmetic to become it. The pattern checks each field's
    range; a day the month lacks (02-30) still sorts where its text says.
    """
    found = _TIME.match(text) if len(text) <= 40 else None
    if not found:
        return None
    date, clock, fraction, zone = found.groups()
    if clock is None:
        clock = "00:00:00"
    elif len(clock) == 5:
        clock += ":00"
    micro = ".000000" if fraction is None else (fraction + "00000")[:7]
    if zone in _UTC:
        return f"{date} {clock}{micro}"
    try:
        moment = datetime.fromisoformat(f"{date}T{clock}{micro}{zone[:3]}:{zone[-2:]}")
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


_UTC = frozenset({None, "Z", "+0000", "+00:00", "-0000", "-00:00"})


def change_refused() -> UsageError:
    """What a command that changes something says to --filter/--sort, before anything is sent."""
    return UsageError("--filter and --sort choose rows of a list; this command changes something, "
                      "and nothing was sent",
                      hint="run it without them (e.g. 'idcctl vm list --filter ... -q' lists what to act on)")


def unknown_field(option: str, path: str, rows: list[Any]) -> UsageError:
    from idcctl.output.fields import field_paths, listing
    from idcctl.output.text import safe_text

    known = sorted(field_paths(rows), key=lambda p: p.count("."))  # top-level fields first
    return UsageError(f"{option}: no field '{safe_text(path)}' in this data; it has: {listing(known)}")
