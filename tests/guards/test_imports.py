"""Guards over the whole tool: startup imports, command coverage, the contract's rows."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from idcctl.shell.globalopts import BY_OPTION
from idcctl.shell.registry import GROUPS
from tests.conftest import ROOT

TESTS = ROOT / "tests"
CONTRACT = ROOT.parent / "shared" / "spec" / "commands.md"
# Sections of the contract the tool implements so far (later issues add theirs).
IMPLEMENTED_SECTIONS = ("Profiles and raw access", "Account", "vm", "disk", "bucket", "net (", "ip (",
                        "lb (", "firewall", "ssh-key", "billing", "service")
# Rows of the 2025 reference still being built (location scope, the new endpoints). Each must
# still be missing, so this set shrinks as they land, and nothing else may be.
PENDING = {
    "vm create: no --ssh-key", "vm boot-iso: no such command", "image boot-list: no such command",
    "disk list: no --all-locations", "disk list: no --read-only-bootable", "disk create: no --name",
    "disk update: no --name", "disk update: no --read-only-bootable", "disk update: no --no-read-only-bootable",
    "net list: no --all-locations", "ip list: no --all-locations", "lb list: no --all-locations",
    *(f"firewall {verb}: no such command" for verb in ("list", "show", "create", "update", "rule add",
                                                      "rule remove", "delete", "assign", "unassign")),
    *(f"ssh-key {verb}: no such command" for verb in ("list", "create", "rename", "delete")),
}
HEAVY = ("httpx", "rich", "yaml")
# Help and TAB are answered from the command table: not even Typer or Click may load.
NOT_ON_FAST_PATHS = HEAVY + ("typer", "click", "typing", "idcctl.api", "idcctl.config")


def _imported_modules(*args: str, env: dict[str, str] | None = None, ok: bool = True) -> set[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("IDCCTL", "_IDCCTL"))}
    full_env.update(env or {})
    # Every module loaded by the time the entry point exits (importtime misses importlib imports).
    script = ("import atexit, sys; atexit.register(lambda: print('MODULES', *sorted(m for m, v in "
              "sys.modules.items() if v is not None), file=sys.stderr)); sys.argv[0] = 'idcctl'; from idcctl.__main__ import main; main()")
    proc = subprocess.run([sys.executable, "-c", script, *args],
                          capture_output=True, text=True, timeout=60, env=full_env)
    assert proc.returncode == 0 or not ok, proc.stderr[-2000:]
    line = next(line for line in proc.stderr.splitlines() if line.startswith("MODULES "))
    names = set(line.split()[1:])
    assert "idcctl.shell" in names  # the measurement itself works
    return names


def _loaded(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in prefixes))


@pytest.mark.parametrize("args", [("--help",), ("token", "list", "--help"), ("vm", "--help"),
                                  ("vm", "create", "--help"), ("help", "vm", "create"), ("-o", "json", "vm"),
                                  ("help", "globals"), ("--version",)])
def test_help_imports_neither_typer_nor_heavy_modules(args):
    loaded = _loaded(_imported_modules(*args), NOT_ON_FAST_PATHS)
    assert loaded == [], f"{' '.join(args)} imported {loaded}"


@pytest.mark.parametrize("words, cword", [("idcctl tok", "1"), ("idcctl vm show ", "3"), ("idcctl -p ", "2")])
def test_completion_imports_neither_typer_nor_heavy_modules(tmp_path, words, cword):
    env = {"_IDCCTL_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword,
           "IDCCTL_CONFIG": str(tmp_path / "config.toml"), "IDCCTL_CACHE_DIR": str(tmp_path / "cache"),
           "IDCCTL_API_URL": "http://127.0.0.1:9"}
    (tmp_path / "config.toml").write_text("[profiles.default]\n")
    _imported_modules(env=env)  # the first TAB reads the config (tomllib) and remembers what it found
    loaded = _loaded(_imported_modules(env=env), NOT_ON_FAST_PATHS + ("tomllib", "subprocess"))
    assert loaded == [], f"a warm TAB after {words!r} imported {loaded}"


def test_a_json_listing_loads_neither_rich_nor_yaml_nor_httpx_cli(tmp_path):
    env = {"IDCCTL_CONFIG": str(tmp_path / "config.toml"), "IDCCTL_API_URL": "http://127.0.0.1:9",
           "IDCCTL_API_KEY": "k", "IDCCTL_CACHE_DIR": str(tmp_path / "cache")}
    modules = _imported_modules("-o", "json", "vm", "list", env=env, ok=False)  # nothing listens: exit 5
    assert "httpx" in modules and "idcctl.cli.vm" in modules
    # Only the invoked group is built, and httpx's own command-line module stays out.
    assert _loaded(modules, ("rich", "yaml", "httpx._main", "idcctl.cli.user", "idcctl.cli.auth",
                             "idcctl.cli.sandbox", "idcctl.shell.tree")) == []


def test_the_command_table_is_current():
    """Regenerate with: python -m idcctl.shell.tree (new groups' commands included)."""
    from idcctl.shell import tree

    assert tree.main(["--check"]) == 0
    table = tree.load(fresh=True)
    assert table is not None
    assert set(tree.find(table, [])["commands"]) >= {name for name, _, _ in GROUPS}


def _tree():
    from idcctl.shell.registry import root_command

    return root_command(eager=True)


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


def test_every_leaf_command_has_one_to_three_examples():
    problems = []
    for path, command in _leaves(_tree()):
        lines = (command.epilog or "").splitlines()
        examples = [line.strip() for line in lines[lines.index("Examples:") + 1:]] if "Examples:" in lines else []
        if not 1 <= len(examples) <= 3 or not all("idcctl " in e for e in examples):
            problems.append(f"{' '.join(path)}: {examples}")
    assert problems == [], "commands need 1-3 examples (App.command(examples=[...])): " + "; ".join(problems)


def test_every_summary_is_a_whole_sentence():
    from idcctl.shell import tree

    def walk(node, path):
        yield path, node
        for name, sub in node.get("commands", {}).items():
            yield from walk(sub, path + [name])

    bad = [" ".join(path) or "idcctl" for path, node in walk(tree.load()["root"], [])
           if not node["summary"].endswith((".", ")"))]
    assert bad == [], f"summaries must be whole sentences: {bad}"
