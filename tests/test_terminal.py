"""One sanitiser for what reaches a terminal: prompts, messages, debug lines, errors, TAB (issue #17, item 3)."""

from __future__ import annotations

import io

import pytest

from idcctl import terminal
from idcctl.shell.state import State
from tests.cli.conftest import U2, VM_PATH, api, make_vm, ok

HOSTILE = "db\x1b[2J\x1b]0;owned\x07\u202e1-\r\nerror: forged\x9b"


@pytest.mark.parametrize("text, shown", [
    ("plain text", "plain text"),
    ("\x1b[31mred\x1b[0m", "red"),
    ("title\x1b]0;owned\x07 here", "title here"),
    ("two\nlines\r\nand\rcr\ttab", "two lines and cr tab"),
    ("bidi \u202eevil\u202c \u2066x\u2069 \u200fmark", "bidi evil x mark"),
    ("c1\x9b and del\x7f and nul\x00", "c1 and del and nul"),
    ("line\u2028sep", "line sep"),
])
def test_line_strips_escapes_controls_and_bidi_and_keeps_one_line(text, shown):
    assert terminal.line(text) == shown


def test_lines_keeps_our_line_breaks_only():
    assert terminal.lines("a\x1b[1m\nb\rc") == "a\nb c"


def test_a_candidate_with_a_newline_or_escape_is_dropped():
    assert terminal.candidate("web-1") == "web-1"
    assert terminal.candidate("Name of the Clone") == "Name of the Clone"
    assert terminal.candidate("web\n1") is None
    assert terminal.candidate("\x1b[31mweb") is None


def _state(tty: bool = False, stdin: str = "") -> tuple[State, io.StringIO]:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return tty

    err = io.StringIO()
    return State(stderr=err, stdin=Terminal(stdin)), err


def test_messages_warnings_and_debug_lines_are_one_clean_line():
    state, err = _state()
    state.info(f"Deleted VM {HOSTILE}.")
    state.warn(HOSTILE)
    state.trace(HOSTILE)
    text = err.getvalue()
    assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text and "\r" not in text
    assert len(text.splitlines()) == 3
    assert all(line.startswith(("Deleted VM db", "warning: db", "debug: db")) for line in text.splitlines())


def test_prompts_are_clean():
    state, err = _state(tty=True, stdin="n\n")
    with pytest.raises(Exception):
        state.confirm(f"Delete VM {HOSTILE}?")
    state.prompt_hidden(f"Password for {HOSTILE}: ")
    assert "\x1b" not in err.getvalue() and "\u202e" not in err.getvalue()
    assert "error: forged" in err.getvalue().splitlines()[0]  # the forged line stayed on the prompt's


def test_a_hostile_vm_name_reaches_neither_the_prompt_nor_the_message_raw(invoke):
    vm = make_vm(HOSTILE, U2)
    with api() as mock:
        mock.get(VM_PATH).mock(return_value=ok(vm))
        mock.get("/v1/network/ip_addresses").mock(return_value=ok([]))
        mock.delete(VM_PATH).mock(return_value=ok({"success": True}))
        result = invoke("vm", "delete", U2, tty=True, input="y\n", env={"IDCCTL_OUTPUT": "json"})
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr and "\x9b" not in result.stderr
    # The prompt and, after the typed answer (not echoed here), the message: no forged line between.
    (line,) = result.stderr.splitlines()
    assert line.startswith("Delete VM db") and "[y/N]: Deleted VM db" in line


def test_an_error_naming_a_hostile_value_is_one_clean_line(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([]))
        result = invoke("vm", "show", HOSTILE)
    assert result.exit_code == 4
    assert len(result.stderr.splitlines()) == 1 and "\x1b" not in result.stderr
