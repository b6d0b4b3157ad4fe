"""YAML through libyaml's C emitter, with exactly the pure dumper's text.

`to_yaml` (in `idcctl.output`) asks `c_dumper_agrees` first: libyaml and
PyYAML's pure emitter differ on a few inputs (see there), which keep going
through the pure dumper. Everything else is streamed to libyaml as the
events SafeRepresenter and the serializer would send it, without building a
node per value: on 10,000 VMs a third of the memory and well under half
the time of ``yaml.dump(..., Dumper=CSafeDumper)``.
"""

from __future__ import annotations

import json
import re
from typing import Any

WIDTH = 1 << 30  # "never fold"; libyaml takes an int, so not float("inf")
_DIVERGENT = re.compile("[\x85\u2028\u2029\U00010000-\U0010ffff]")
_JSON_SCALARS = (str, int, float, bool, type(None))


def fast_yaml(data: Any, dumper: Any, options: dict[str, Any]) -> str:
    """libyaml fed events straight from the data: what SafeRepresenter and the serializer
    would send it, without building a node per value first (a fraction of the time, and
    no tree of hundreds of thousands of nodes in memory). Only for `_c_dumper_agrees` data.
    """
    import io

    from yaml.events import (
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )
    from yaml.nodes import ScalarNode

    stream = io.StringIO()
    writer = dumper(stream, **options)
    emit, resolve = writer.emit, writer.resolve
    implicit: dict[tuple[str, str], tuple[bool, bool]] = {}  # keys repeat on every row
    prefix = "tag:yaml.org,2002:"
    tags = {str: prefix + "str", int: prefix + "int", bool: prefix + "bool", float: prefix + "float",
            type(None): prefix + "null"}

    def scalar(tag: str, text: str) -> None:
        flags = implicit.get((tag, text))
        if flags is None:
            flags = (tag == resolve(ScalarNode, text, (True, False)),
                     tag == resolve(ScalarNode, text, (False, True)))
            if len(implicit) < 100_000:
                implicit[(tag, text)] = flags
        emit(ScalarEvent(None, tag, flags, text))

    def node(value: Any) -> None:
        kind = type(value)
        if kind is str:
            scalar(tags[str], value)
        elif kind is dict:
            emit(MappingStartEvent(None, prefix + "map", True, flow_style=False))
            for key, item in value.items():
                scalar(tags[str], key)
                node(item)
            emit(MappingEndEvent())
        elif kind is list:
            emit(SequenceStartEvent(None, prefix + "seq", True, flow_style=False))
            for item in value:
                node(item)
            emit(SequenceEndEvent())
        elif kind is bool:
            scalar(tags[bool], "true" if value else "false")
        elif kind is int:
            scalar(tags[int], str(value))
        elif kind is float:
            scalar(tags[float], _yaml_float(value))
        else:
            scalar(tags[type(None)], "null")

    emit(StreamStartEvent())
    emit(DocumentStartEvent(explicit=options.get("explicit_start", False)))
    node(data)
    emit(DocumentEndEvent(explicit=False))
    emit(StreamEndEvent())
    return stream.getvalue()


def _yaml_float(value: float) -> str:
    """SafeRepresenter.represent_float's text."""
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text


def c_dumper_agrees(data: Any) -> bool:
    """Whether libyaml writes this data exactly as the pure dumper does.

    They differ on a bare value (the pure one ends it with "..."), on
    characters libyaml will not print raw (U+0085, U+2028/9, anything beyond
    U+FFFF such as emoji; checked on the JSON text, at C speed) and on which
    keys may be written ``key: value`` (empty keys, keys holding a CR, and the
    pure one counts 128 characters where libyaml counts 128 bytes).
    """
    if not isinstance(data, (dict, list)):
        return False
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return False
    return _DIVERGENT.search(text) is None and _plain_tree(data)


def _plain_tree(data: Any) -> bool:
    """JSON types only, every key plain, no object twice (the representer would write an alias)."""
    seen: set[int] = set()
    good_keys: set[str] = set()  # the same few keys on every row: each checked once
    stack = [data]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return False
        seen.add(id(node))
        if type(node) is dict:
            for key in node:
                if key not in good_keys:
                    if not _plain_key(key):
                        return False
                    good_keys.add(key)
            values = node.values()
        elif type(node) is list:
            values = node
        else:
            return False
        for value in values:
            if type(value) in (dict, list):
                stack.append(value)
            elif type(value) not in _JSON_SCALARS:
                return False
    return True


def _plain_key(key: Any) -> bool:
    # libyaml also takes a carriage return for a line break, the pure dumper does not.
    return (isinstance(key, str) and 0 < len(key) and "\r" not in key
            and (key.isascii() and len(key) < 128 or len(key.encode()) < 128))
