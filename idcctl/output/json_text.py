"""``json.dumps(data, indent=2, ensure_ascii=False)``'s exact text, in pieces, in half the time.

The standard library encodes with ``indent`` in pure Python, one generator
step per token. This builds each container's text with one comprehension,
every string through the same C escaper (``json.encoder.encode_basestring``)
and each key's ``\\n    "key": `` made once per depth. The exact JSON types
(what `json.loads` gives) take the fast path; anything else is written as
the standard encoder writes it (subclasses, tuples as lists, int, float,
bool and None keys) or refused with its TypeError: the text is always
json.dumps's (tests/output/test_json_text.py checks that on random data).
"""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring as _string  # the C escaper json.dumps uses
from typing import Any

INFINITY = float("inf")
ROWS_PER_CHUNK = 500


def chunks(data: Any, rows_per_chunk: int = ROWS_PER_CHUNK) -> Iterator[str]:
    """The text in pieces (a top-level list: some rows a piece), so no second copy is held whole."""
    if type(data) is not list or not data:
        yield _text(data, 0)
        return
    for start in range(0, len(data), rows_per_chunk):
        rows = data[start:start + rows_per_chunk]
        text = ",".join(["\n  " + _text(row, 1) for row in rows])
        yield ("[" if start == 0 else ",") + text
    yield "\n]"


class _Heads(dict):  # type: ignore[type-arg]
    """``\\n<indent>"key": `` per key, at one depth: the same few keys on every row."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.indent = "\n" + "  " * (level + 1)

    def __missing__(self, key: Any) -> str:
        head = self.indent + _key(key) + ": "
        if type(key) is str and len(self) < 10_000:  # 1 and True are one dict key, not one JSON key
            self[key] = head
        return head


_HEADS: dict[int, _Heads] = {}


def _text(value: Any, level: int) -> str:
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return int.__repr__(value)
    if kind is dict:
        if not value:
            return "{}"
        heads = _HEADS.get(level) or _HEADS.setdefault(level, _Heads(level))
        inner = level + 1
        return ("{" + ",".join([heads[key] + (_string(item) if type(item) is str else _text(item, inner))
                                for key, item in value.items()]) + "\n" + "  " * level + "}")
    if kind is list:
        if not value:
            return "[]"
        indent, inner = "\n" + "  " * (level + 1), level + 1
        return ("[" + ",".join([indent + (_string(item) if type(item) is str else _text(item, inner))
                                for item in value]) + "\n" + "  " * level + "]")
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is float:
        return _float(value)
    return _other(value, level)


def _other(value: Any, level: int) -> str:
    """What the standard encoder does with a type that is not exactly a JSON one."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, (list, tuple)):
        return _text(list(value), level)
    if isinstance(value, dict):
        return _text(dict(value), level)
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == INFINITY:
        return "Infinity"
    if value == -INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A key as the standard encoder turns it into a string (or refuses it)."""
    if isinstance(key, str):
        return _string(key)
    if isinstance(key, float):
        text = _float(key)
    elif key is True or key is False or key is None:
        text = {True: "true", False: "false", None: "null"}[key]
    elif isinstance(key, int):
        text = int.__repr__(key)
    else:
        raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")
    return _string(text)
