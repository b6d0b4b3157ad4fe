"""Helpers shared by the whole suite: `invoke()` runs idcctl in-process through its real error boundary.

Every CLI test goes through `invoke`, with NO_COLOR=1, COLUMNS=100, a temp
config file, a fake API base URL (respx intercepts it; nothing reaches the
internet) and a test API key, and gets back exit code, stdout and stderr.
Beside it: the config file helpers, a free port, an in-process sandbox, and
the import graph of a package read from its source (for the layer guards).
Each folder's conftest.py holds what only its tests share; no test module
imports another.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import io
import json
import socket
import stat
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

import pytest

ROOT = Path(__file__).resolve().parent.parent  # the repository
BASE = "https://api.idcloudhost.test"
KEY = "sk-test-0123456789abcdefXYZ"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    sleeps: list[float]

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return tmp_path / "cfg" / "config.toml"


@pytest.fixture
def invoke(config_file: Path):
    """invoke(*args, env=None, input=None, key=KEY) -> Result."""
    from idcctl.__main__ import run
    from idcctl.shell.state import State

    def _invoke(*args: str, env: dict[str, str] | None = None, input: str = "",
                key: str | None = KEY, tty: bool = False) -> Result:
        full_env = {"IDCCTL_CONFIG": str(config_file), "NO_COLOR": "1", "COLUMNS": "100",
                    "IDCCTL_API_URL": BASE, "IDCCTL_CACHE_DIR": str(config_file.parent.parent / "cache")}
        if key is not None:
            full_env["IDCCTL_API_KEY"] = key
        full_env.update(env or {})
        full_env = {k: v for k, v in full_env.items() if v is not None}
        clock = FakeClock()
        stdin = _TTYStringIO(input) if tty else io.StringIO(input)
        state = State(env=full_env, stdin=stdin, sleep=clock.sleep, clock=clock.now)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(list(args), state=state)
        return Result(code, out.getvalue(), err.getvalue(), clock.sleeps)

    return _invoke


class FakeClock:
    """Monotonic time that only moves when something sleeps: --wait and retries run instantly."""

    def __init__(self) -> None:
        self.time = 1000.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.time += seconds


class _TTYStringIO(io.StringIO):
    """Stdin that claims to be a terminal, to answer confirmation prompts."""

    def isatty(self) -> bool:
        return True


# -- the config file ------------------------------------------------------------


def write_config(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o600)


def stored(path: Path) -> dict:
    return tomllib.loads(path.read_text())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- servers on 127.0.0.1 ---------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_sandbox(**kwargs: Any) -> tuple[Any, threading.Thread, str]:
    """An in-process sandbox (make_server's keywords) on a free port: (server, its thread, its URL)."""
    from idcctl.sandbox.server import make_server

    server = make_server(port=0, **kwargs)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    return server, thread, f"http://{host}:{port}"


@pytest.fixture(scope="module")
def sandbox_url() -> Iterator[str]:
    """The URL of one in-process sandbox shared by the tests of a module (its state changes as they run)."""
    server, _, url = serve_sandbox()
    yield url
    server.shutdown()
    server.server_close()


# -- imports, read from the source (nothing is imported) ----------------------------


def package_modules(package: str) -> dict[str, Path]:
    """Every module of an installed package by its dotted name (a package by its __init__.py)."""
    root = Path(importlib.util.find_spec(package).origin).parent
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below `node` but those only type checkers see (the body of `if TYPE_CHECKING:`)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            for other in child.orelse:
                yield other
                yield from _runtime_nodes(other)
            continue
        yield child
        yield from _runtime_nodes(child)


def imported(path: Path, modules: Mapping[str, Path]) -> set[str]:
    """The modules a file imports at run time, at module level or in a function.

    `import a.b` imports a.b; `from a import b` imports a.b where that is one of
    `modules` (a submodule), else a. The parent packages that any import runs
    first are not counted: every package's __init__ would otherwise be in a
    cycle with each of its modules that imports a sibling.
    """
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module != "__future__":
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
    return found


def import_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """Each module -> the others of `modules` it imports at run time."""
    return {name: {m for m in imported(path, modules) if m in modules and m != name}
            for name, path in modules.items()}


def find_cycle(graph: Mapping[str, set[str]]) -> list[str]:
    """An import cycle of the graph as [a, b, ..., a]; [] when there is none."""
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> list[str]:
        if name in path:
            return path[path.index(name):] + [name]
        if name in done:
            return []
        for target in sorted(graph[name]):
            if cycle := visit(target, path + [name]):
                return cycle
        done.add(name)
        return []

    for name in sorted(graph):
        if cycle := visit(name, []):
            return cycle
    return []
