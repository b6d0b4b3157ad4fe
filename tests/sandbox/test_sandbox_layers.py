"""The sandbox's shape: imports go one way (server → routing → handlers → model → state → seed).

Read from the source with `ast`, so a violation fails here before it turns
into an import cycle at run time. Imports under ``if TYPE_CHECKING:`` are
for type hints only and do not count.
"""

from __future__ import annotations

import ast

from tests.conftest import find_cycle, import_graph, package_modules

PREFIX = "idcctl.sandbox"
# Higher imports lower, never the other way round; `common` (errors, Request) sits under all.
RANKS = {"server": 6, "routing": 5, "body": 5, "handlers": 4, "model": 3, "state": 2, "store": 2, "persist": 2,
         "seed": 1, "common": 0}


MODULES = package_modules(PREFIX)
# The root holds only a docstring: importing it is no edge between layers.
GRAPH = {name: targets - {PREFIX} for name, targets in import_graph(MODULES).items()}


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
    cycle = find_cycle(GRAPH)
    assert cycle == [], " -> ".join(cycle)
