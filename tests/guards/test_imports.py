"""Startup imports: help, TAB and a JSON listing load only what they need."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

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
