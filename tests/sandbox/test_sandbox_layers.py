"""The sandbox's shape: imports go one way (server → routing → handlers → model → state → seed).

Read from the source with `ast`, so a violation fails here before it turns
into an import cycle at run time. Imports under ``if TYPE_CHECKING:`` are
for type hints only and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import idcctl.sandbox

ROOT = Path(idcctl.sandbox.__file__).parent
PREFIX = "idcctl.sandbox"
# Higher imports lower, never the other way round; `common` (errors, Request) sits under all.
RANKS = {"server": 6, "routing": 5, "body": 5, "handlers": 4, "model": 3, "state": 2, "store": 2, "persist": 2,
         "seed": 1, "common": 0}


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join([PREFIX, *parts])] = path
    return found


MODULES = _modules()


def _runtime_nodes(tree: ast.AST):
    """Every node except those under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        yield node
        yield from _runtime_nodes(node)


def _imports(name: str) -> set[str]:
    """The sandbox modules `name` imports at run time."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {m for m in found if m in MODULES and m not in (name, PREFIX)}  # the root holds only a docstring


GRAPH = {name: _imports(name) for name in MODULES}


def _layer(name: str) -> str:
    return name.removeprefix(PREFIX + ".").split(".")[0]


def test_the_walk_sees_the_layers():
    assert {_layer(m) for m in MODULES if m != PREFIX} == set(RANKS)
    assert sum(len(targets) for targets in GRAPH.values()) > 40


def test_imports_go_down_the_layers_only():
    upward = [(name, target) for name, targets in GRAPH.items() for target in targets
              if name != PREFIX and RANKS[_layer(target)] > RANKS[_layer(name)]]
    assert upward == []


def test_no_handler_imports_another_handler():
    handlers = {m for m in MODULES if _layer(m) == "handlers"}
    package = f"{PREFIX}.handlers"
    assert len(handlers) > 10
    crossing = [(name, target) for name in handlers - {package} for target in GRAPH[name] if target in handlers]
    assert crossing == []


def test_nothing_imports_the_cli():
    for path in MODULES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [n for n in names if n.startswith(("idcctl.cli", "idcctl.shell"))], path


def test_no_import_cycle():
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path[path.index(name):], name))
        if name in done:
            return
        for target in sorted(GRAPH[name]):
            visit(target, (*path, name))
        done.add(name)

    for name in sorted(GRAPH):
        visit(name, ())
    assert done == set(GRAPH)
