"""The one sanitiser for text that reaches a terminal: messages, prompts, errors, tables, TAB.

Names, messages and slugs come from the API, a cache or a config file and
are untrusted: an ESC sequence in a VM name could rewrite the screen, a
bidi override make a line read backwards, a newline forge a second line
("error: ..."). Everything idcctl writes for a person to read goes through
`line` (one line) or `lines` (our own line breaks kept); a TAB candidate
holding any such character is dropped (`candidate`), since it could only be
completed into something other than the real name. ``-o json`` and ``-o
yaml`` are not sanitised: they print the data unchanged, escaped by their
encoders (`idcctl.output`).

Stdlib only and imported early (TAB answers through it before Typer loads).
"""

from __future__ import annotations

import re

# ESC sequences as terminals read them: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST)
# and the two-byte ones (ESC @ to ESC _), removed whole so no stray "[31m" is left behind.
_ESCAPE_SEQ = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")
# C0 controls (line breaks and tab are handled first), DEL, C1 controls, and the
# bidirectional marks and overrides that make text display in another order.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What ends or splits a line on a terminal (or in a log viewer): one space each.
_BREAKS = re.compile("\r\n|[\t\n\r\x0b\x0c\x85\u2028\u2029]")


def line(text: object) -> str:
    """`text` as one line: escape sequences and control/bidi characters removed, breaks as spaces."""
    text = _ESCAPE_SEQ.sub("", str(text))
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


def lines(text: object) -> str:
    """Several lines of our own (help, a dry run's body): each one sanitised, the breaks between kept."""
    return "\n".join(line(part) for part in str(text).split("\n"))


def is_clean(text: str) -> bool:
    """Whether `line` leaves `text` as it is (nothing to strip): cheap for the common case."""
    return text.isprintable() or line(text) == text


def candidate(value: str) -> str | None:
    """A TAB candidate as given, or None when it holds what a terminal would not show as typed."""
    return value if is_clean(value) else None


def candidates(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(value, help) TAB candidates without the unclean values; each help text on one clean line."""
    return [(value, " ".join(line(text).split())) for value, text in items if candidate(value) is not None]
