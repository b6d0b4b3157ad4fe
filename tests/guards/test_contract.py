"""Every row of the shared contract (../shared/spec/commands.md) in scope is a command with its options."""

from __future__ import annotations

import re

import pytest

from idcctl.shell.globalopts import BY_OPTION
from tests.guards.conftest import CONTRACT, command_tree

# Sections of the contract the tool implements so far (later issues add theirs).
IMPLEMENTED_SECTIONS = ("Profiles and raw access", "Account", "vm", "disk", "bucket", "net (", "ip (",
                        "lb (", "firewall", "ssh-key", "billing", "service")
# Rows of the 2025 reference still being built (location scope: the shared --all-locations fan-out).
# Each must still be missing, so this set shrinks as they land, and nothing else may be.
PENDING: set[str] = set()


def _contract_rows():
    if not CONTRACT.exists():
        return []
    rows, section = [], None
    for line in CONTRACT.read_text().splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.startswith("| `") and section and section.startswith(IMPLEMENTED_SECTIONS):
            first_cell = line.split(" | ")[0]
            rows.extend(row for found in re.findall(r"`([^`]+)`", first_cell) for row in _alternatives(found))
    return rows


def _alternatives(row: str) -> list[str]:
    """`completion bash|zsh|fish` is three rows, one per command; `auto-backup VM on|off` stays one
    command either way (a word that is no sub-command ends the path)."""
    words = row.split()
    for i, word in enumerate(words):
        choices = word.replace("\\|", "|").split("|")  # the table writes a | as \|
        if len(choices) > 1 and all(re.fullmatch(r"[a-z][a-z0-9-]*", c) for c in choices):
            return [" ".join([*words[:i], choice, *words[i + 1:]]) for choice in choices]
    return [row]


def _resolve(tree, words):
    command, path = tree, []
    for word in words:
        subcommands = getattr(command, "commands", None) or {}
        if word not in subcommands:
            break
        command, path = subcommands[word], path + [word]
    return command, path


@pytest.mark.skipif(not CONTRACT.exists(), reason="the shared contract is not beside the repo")
def test_every_contract_row_in_scope_is_a_command_with_its_options():
    tree, problems, previous = command_tree(), [], []
    rows = _contract_rows()
    assert len(rows) > 30
    for row in rows:
        words = row.split()
        if words and words[0] == "idcctl":
            words = words[1:]
        if words == ["--version"]:
            continue
        command_words = [w for w in words if re.fullmatch(r"[a-z][a-z0-9-]*", w)]
        command_words = command_words[: len(command_words)]
        command, path = _resolve(tree, command_words)
        if not path and previous:  # "card show ID" continues "billing card list ..."
            for cut in range(len(previous) - 1, 0, -1):
                command, path = _resolve(tree, previous[:cut] + command_words)
                if len(path) > cut:
                    break
        if getattr(command, "commands", None) is not None or not path:
            problems.append(f"{' '.join(command_words)}: no such command")
            continue
        previous = path
        options = {opt for param in command.params for opt in param.opts + param.secondary_opts}
        options |= set(BY_OPTION)  # the global options: every command takes them
        for option in re.findall(r"--[a-z][a-z-]*", row.split(" | ")[0]):
            if option not in options:
                problems.append(f"{' '.join(path)}: no {option}")
    assert sorted(set(problems) - PENDING) == [], "contract rows that do not work as written"
    assert sorted(PENDING - set(problems)) == [], "these work now: take them out of PENDING"
