"""Startup imports: help, TAB and a JSON listing load only what they need."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import find_cycle, import_graph, imported, package_modules

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


# -- layers: read from the source, every import at run time (module level or in a function) --

MODULES = package_modules("idcctl")
GRAPH = import_graph(MODULES)


def _within(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _imports_of(package: str) -> list[tuple[str, str]]:
    """(module, idcctl module it imports) for every module of `package`; fails if it finds no module."""
    modules = [name for name in MODULES if _within(name, package)]
    assert modules, f"no module named {package}"
    return [(name, target) for name in modules for target in sorted(imported(MODULES[name], MODULES))
            if _within(target, "idcctl")]


def test_the_walk_sees_the_package():
    assert {"idcctl.api.client", "idcctl.cli.vm.create", "idcctl.shell.core", "idcctl.sandbox.server",
            "idcctl.output", "idcctl.resources", "idcctl.__main__"} <= set(MODULES)
    assert sum(len(targets) for targets in GRAPH.values()) > 200


def test_no_import_cycle_anywhere():
    cycle = find_cycle(GRAPH)
    assert cycle == [], "import cycle: " + " -> ".join(cycle)


def test_the_sdk_imports_only_itself_its_errors_the_resource_table_and_the_version():
    allowed = ("idcctl.api", "idcctl.errors", "idcctl.resources")
    wrong = [(n, t) for n, t in _imports_of("idcctl.api") if t != "idcctl" and not _within(t, *allowed)]
    assert wrong == [], "; ".join(f"{n} imports {t}" for n, t in wrong)


def test_the_sandbox_imports_only_itself():
    wrong = [(n, t) for n, t in _imports_of("idcctl.sandbox") if not _within(t, "idcctl.sandbox")]
    assert wrong == [], "; ".join(f"{n} imports {t}" for n, t in wrong)


def test_output_imports_neither_the_commands_nor_the_shell_the_sdk_or_the_sandbox():
    forbidden = ("idcctl.cli", "idcctl.shell", "idcctl.api", "idcctl.sandbox")
    wrong = [(n, t) for n, t in _imports_of("idcctl.output") if _within(t, *forbidden)]
    assert wrong == [], "; ".join(f"{n} imports {t}" for n, t in wrong)


def test_the_shell_imports_no_command_module():
    """The registry names each group by its import path, as a string; only that string reaches the commands."""
    wrong = [(n, t) for n, t in _imports_of("idcctl.shell") if _within(t, "idcctl.cli")]
    assert wrong == [], "; ".join(f"{n} imports {t}" for n, t in wrong)


def test_the_resource_table_imports_nothing():
    assert imported(MODULES["idcctl.resources"], MODULES) == set()


def test_the_reader_counts_function_imports_skips_type_checking_and_finds_a_cycle(tmp_path):
    (tmp_path / "a.py").write_text("from __future__ import annotations\nimport os\n\n\n"
                                   "def late():\n    from p import b\n    return b\n")
    (tmp_path / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from p import c\n"
                                   "else:\n    import p.a\n")
    (tmp_path / "c.py").write_text("from p.b import thing\n")
    modules = {f"p.{n}": tmp_path / f"{n}.py" for n in "abc"}
    assert imported(modules["p.a"], modules) == {"os", "p.b"}
    assert import_graph(modules) == {"p.a": {"p.b"}, "p.b": {"p.a"}, "p.c": {"p.b"}}
    assert find_cycle(import_graph(modules)) == ["p.a", "p.b", "p.a"]
    assert find_cycle({"p.a": {"p.b"}, "p.b": set()}) == []


def test_no_test_module_imports_another():
    """Helpers and example data shared by tests live in a conftest.py (one per folder), never in a test module."""
    tests = package_modules("tests")
    wrong = [(name, target) for name, path in tests.items() for target in sorted(imported(path, tests))
             if target in tests and target.rsplit(".", 1)[-1].startswith("test_")]
    assert len(tests) > 100 and any(name.endswith("conftest") for name in tests)
    assert wrong == [], "; ".join(f"{name} imports {target}" for name, target in wrong)
