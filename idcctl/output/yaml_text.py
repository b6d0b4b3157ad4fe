"""PyYAML's block YAML for plain data, written directly: the same text in a fraction of the time.

`idcctl.output.to_yaml` asks `text` first. It writes what ``yaml.dump(data,
Dumper=SafeDumper, sort_keys=False, allow_unicode=True,
default_flow_style=False, width=WIDTH, explicit_start=True)`` writes, for the shapes an API
answer has: dicts of string keys, lists, str/int/float/bool/None, every
string one line that PyYAML would write plain or single-quoted. Which of
the two is decided exactly as PyYAML decides it: by its own implicit
resolvers (a plain ``16.04`` or ``yes`` would read back as a number or a
boolean, so it is quoted) and, for anything but the common printable-ASCII
text, by its own `Emitter.analyze_scalar`. Anything else (a string needing
double quotes or escapes, several lines, a key too long for ``key: value``,
one object twice, another type) raises `Fallback`, and the renderer takes
the general path. No node or event objects are made: on 10,000 VMs this
is about a fifth of the event-fed libyaml path's time.
"""

from __future__ import annotations

import re
from typing import Any

# Printable ASCII that can be a plain scalar whatever its neighbours: not starting with an
# indicator (or "-", "?", ":", "." that may start one), no ": " or " #" inside, not ending in
# a blank or ":". Other text goes through PyYAML's own analysis.
_COMMON = re.compile(r"(?![#,\[\]{}&*!|>'\"%@`?:.\-])[!-~][ -~]*\Z")
_DATA_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MAX_KEY = 100  # PyYAML writes longer keys as "? key" (its limit counts the tag too): not here
_CACHE_LIMIT = 200_000


class Fallback(Exception):
    """Data this writer does not write exactly as PyYAML would."""


class _Writer:
    def __init__(self) -> None:
        import io

        import yaml

        self.resolvers = yaml.resolver.Resolver.yaml_implicit_resolvers
        self.wildcard = self.resolvers.get(None, [])
        self.emitter = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
        self.texts: dict[str, str] = {}  # a string -> its YAML text as a value
        self.keys: dict[str, str] = {}  # a key -> "key:" as written
        self.seen: set[int] = set()
        self.out: list[str] = []
        self.done: list[str] = []  # the lines so far, joined a few thousand at a time: less memory

    # -- scalars ------------------------------------------------------------

    def resolves_to_str(self, text: str) -> bool:
        """Whether PyYAML reads this text, written plain, back as a string (its resolve())."""
        for tag, pattern in self.resolvers.get(text[0] if text else "", []) + self.wildcard:
            if pattern.match(text):
                return tag == "tag:yaml.org,2002:str"
        return True

    def string(self, text: str, key: bool = False) -> str:
        if _COMMON.match(text) and text[-1] != " " and ": " not in text and " #" not in text \
                and text[-1] != ":":
            plain = True
        else:
            if not text:
                if key:
                    raise Fallback("an empty key")
                return "''"
            if _DATA_UNSAFE.search(text):
                raise Fallback("control or bidi characters: written with escapes")
            analysis = self.emitter.analyze_scalar(text)
            if analysis.multiline or not analysis.allow_single_quoted:
                raise Fallback("several lines, or double quotes")
            plain = analysis.allow_block_plain
        if plain and self.resolves_to_str(text):
            return text
        return "'" + text.replace("'", "''") + "'"

    def value(self, value: Any) -> str | None:
        """A scalar's (or an empty collection's) text; None for a collection with content."""
        kind = type(value)
        if kind is str:
            text = self.texts.get(value)
            if text is None:
                text = self.string(value)
                if len(self.texts) < _CACHE_LIMIT:
                    self.texts[value] = text
            return text
        if kind is int:
            return int.__repr__(value)
        if kind is bool:
            return "true" if value else "false"
        if value is None:
            return "null"
        if kind is float:
            return self.float(value)
        if kind is dict or kind is list:
            if id(value) in self.seen:
                raise Fallback("one object twice: PyYAML writes an alias")
            self.seen.add(id(value))
            return None if value else ("{}" if kind is dict else "[]")
        raise Fallback(f"a {kind.__name__}")

    def float(self, value: float) -> str:
        from idcctl.output.yaml_dump import _yaml_float

        text = _yaml_float(value)
        for tag, pattern in self.resolvers.get(text[0], []) + self.wildcard:
            if pattern.match(text):
                if tag == "tag:yaml.org,2002:float":
                    return text
                break
        raise Fallback("a float PyYAML would quote")

    def key(self, key: Any) -> str:
        head = self.keys.get(key) if type(key) is str else None
        if head is None:
            if type(key) is not str or len(key) > MAX_KEY:
                raise Fallback("a key that is not a short string")
            head = self.string(key, key=True) + ":"
            if len(self.keys) < 10_000:
                self.keys[key] = head
        return head

    # -- collections --------------------------------------------------------

    def mapping(self, data: dict[str, Any], indent: int, lead: str) -> None:
        out, value, pad = self.out.append, self.value, " " * indent
        start = lead
        for key, item in data.items():
            head = start + self.key(key)
            text = value(item)
            if text is not None:
                out(f"{head} {text}\n")
            elif type(item) is dict:
                out(head + "\n")
                self.mapping(item, indent + 2, " " * (indent + 2))
            else:  # a list in a mapping is not indented
                out(head + "\n")
                self.sequence(item, indent, pad)
            start = pad

    def sequence(self, data: list[Any], indent: int, lead: str) -> None:
        out, value, pad = self.out.append, self.value, " " * indent + "- "
        start = lead + "- "
        for item in data:
            text = value(item)
            if text is not None:
                out(f"{start}{text}\n")
            elif type(item) is dict:
                self.mapping(item, indent + 2, start)
            else:
                self.sequence(item, indent + 2, start)
            start = pad
            if not lead and len(self.out) > 20_000:  # a top-level list: between its rows
                self.done.append("".join(self.out))
                self.out.clear()


def text(data: Any) -> str:
    """The YAML text of a dict or list; `Fallback` for what this writer does not do exactly."""
    writer = _Writer()
    top = writer.value(data)
    if type(data) not in (dict, list):
        raise Fallback("a bare value: PyYAML ends it with '...'")
    if top is not None:  # an empty dict or list: PyYAML writes "--- []" on one line
        return f"--- {top}\n"
    try:
        if type(data) is dict:
            writer.mapping(data, 0, "")
        else:
            writer.sequence(data, 0, "")
    except RecursionError:
        raise Fallback("nested too deep") from None
    return "".join(["---\n", *writer.done, *writer.out])  # explicit_start: documents concatenate
