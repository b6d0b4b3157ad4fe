"""Guards over the whole tool: startup imports, command coverage, the contract's rows."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
CONTRACT = TESTS.parent.parent / "shared" / "spec" / "commands.md"
# Sections of the contract the tool implements so far (later issues add theirs).
IMPLEMENTED_SECTIONS = ("Profiles and raw access", "Account", "vm", "disk", "bucket", "net (", "ip (",
                        "lb (", "billing", "service")
HEAVY = ("httpx", "rich.table", "yaml")


def _imported_modules(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "idcctl", *args],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


@pytest.mark.parametrize("args", [("--help",), ("token", "list", "--help"), ("vm", "--help")])
def test_help_does_not_import_heavy_modules(args):
    modules = _imported_modules(*args)
    assert "typer" in modules  # the measurement itself works
    loaded = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert loaded == [], f"{' '.join(args)} imported {loaded}"


def _tree():
    from typer.main import get_command

    from idcctl.cli import build_app

    return get_command(build_app())


def _leaves(command, path=()):
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield path, command
        return
    for name, sub in subcommands.items():
        yield from _leaves(sub, path + (name,))


def test_every_leaf_command_has_a_test():
    sources = "\n".join(p.read_text() for p in TESTS.rglob("test_*.py"))
    missing = []
    for path, _ in _leaves(_tree()):
        needle = ", ".join(f'"{word}"' for word in path)
        if needle not in sources:
            missing.append(" ".join(path))
    assert missing == [], f"commands without a test invoking them: {missing}"


def _contract_rows():
    if not CONTRACT.exists():
        return []
    rows, section = [], None
    for line in CONTRACT.read_text().splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        elif line.startswith("| `") and section and section.startswith(IMPLEMENTED_SECTIONS):
            first_cell = line.split(" | ")[0]
            rows.extend(re.findall(r"`([^`]+)`", first_cell))
    return rows


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
    tree, problems, previous = _tree(), [], []
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
            problems.append(f"{row}: no such command")
            continue
        previous = path
        options = {opt for param in command.params for opt in param.opts + param.secondary_opts}
        for option in re.findall(r"--[a-z][a-z-]*", row.split(" | ")[0]):
            if option not in options:
                problems.append(f"{row}: {' '.join(path)} has no {option}")
    assert problems == []
