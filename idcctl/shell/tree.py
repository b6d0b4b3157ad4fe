"""The command table: the whole command tree as data, so help and TAB need no Typer.

``idcctl/shell/tree.json`` is generated from the live Click tree by
`describe` and committed (JSON, not a Python literal: parsing it takes well
under a millisecond, while compiling a literal that size takes ~50 ms
wherever no .pyc can be written)::

    python -m idcctl.shell.tree            # rewrite idcctl/shell/tree.json
    python -m idcctl.shell.tree --check    # exit 1 when it is stale (a test does this)

It records the modules the tree is generated from (the registry, the
command modules and what they import at module level: `generation_sources`)
and a hash of exactly those files; help is served from the table only while
that hash matches (an edited command falls back to Click until the table is
regenerated, and a test fails meanwhile), so an edit to a helper a command
imports only inside its body (`cli/shared/resolve.py`, say) keeps help on
the fast path. Completion uses the table as it is (a stale table costs a
missing candidate, never a slow TAB). Standard library only at import time.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)  # idcctl/
TABLE = os.path.join(HERE, "tree.json")
# Where generation starts: the root registry, the Click plumbing and this describer.
ROOTS = ("idcctl.shell.registry", "idcctl.shell.core", "idcctl.shell.describe", "idcctl.shell.tree")


def source_hash(sources: list[str]) -> str:
    """A digest of the given files (paths relative to the idcctl package), names and contents."""
    import hashlib

    digest = hashlib.sha1()
    for relative in sources:
        digest.update(relative.encode())
        try:
            with open(os.path.join(PACKAGE, relative), "rb") as fh:
                digest.update(fh.read())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()


def is_fresh(table: dict[str, Any]) -> bool:
    sources = table.get("sources")
    return isinstance(sources, list) and table.get("source_hash") == source_hash(sources)


def load(*, fresh: bool = False) -> dict[str, Any] | None:
    """The committed table, or None when it is missing, unreadable or (with fresh=True) stale."""
    import json

    try:
        with open(TABLE, encoding="utf-8") as fh:
            table = json.load(fh)
    except (OSError, ValueError):
        return None
    if fresh and not is_fresh(table):
        return None
    return table


def find(table: dict[str, Any], path: list[str]) -> dict[str, Any] | None:
    node = table["root"]
    for word in path:
        node = (node.get("commands") or {}).get(word)
        if node is None:
            return None
    return node


# -- generation (imports Typer: the generator's own run, and tests) --


def generation_sources() -> list[str]:
    """The idcctl modules the tree is built from: `ROOTS`, every group module the registry
    names, and everything those import at module level (imports inside functions do not count:
    they run when a command runs, not when the tree is built). Paths relative to idcctl/."""
    from idcctl.shell.registry import GROUPS

    seen: dict[str, str] = {}
    todo = [*ROOTS, *(module for _, module, _ in GROUPS)]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name)
        if path is None:
            continue
        seen[name] = os.path.relpath(path, PACKAGE).replace(os.sep, "/")
        todo += _top_level_imports(name, path)
    return sorted(seen.values())


def _module_file(name: str) -> str | None:
    if not name.startswith("idcctl."):
        return None
    base = os.path.join(os.path.dirname(PACKAGE), *name.split("."))
    for candidate in (base + ".py", os.path.join(base, "__init__.py")):
        if os.path.isfile(candidate):
            return candidate
    return None


def _top_level_imports(name: str, path: str) -> list[str]:
    """Modules imported when `name` is imported: module-level imports, `if TYPE_CHECKING:` aside."""
    import ast

    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), path)
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    found: list[str] = []

    def visit(body: list[Any]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
                found.append(base)
                found.extend(f"{base}.{alias.name}" for alias in node.names)  # submodules, if any
            elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.dump(node.test):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)

    visit(tree.body)
    parents = [".".join(n.split(".")[:i]) for n in found for i in range(2, n.count(".") + 1)]
    return [n for n in found + parents if n.startswith("idcctl.")]


def generate() -> dict[str, Any]:
    from idcctl.shell.describe import describe
    from idcctl.shell.registry import root_command

    sources = generation_sources()
    return {"source_hash": source_hash(sources), "sources": sources,
            "root": describe(root_command(eager=True))}


def dumps(table: dict[str, Any]) -> str:
    import json

    return json.dumps(table, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = dumps(generate())
    if "--check" in argv:
        try:
            with open(TABLE, encoding="utf-8") as fh:
                current = fh.read()
        except OSError:
            current = ""
        if current != text:
            print("idcctl/shell/tree.json is stale: run python -m idcctl.shell.tree", file=sys.stderr)
            return 1
        return 0
    with open(TABLE, "w", encoding="utf-8") as fh:
        fh.write(text)
    return 0


if __name__ == "__main__":  # the generator's own entry point (python -m idcctl.shell.tree)
    raise SystemExit(main())
