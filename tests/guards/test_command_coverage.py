"""Every leaf command of the tree has a test that runs it."""

from __future__ import annotations

from tests.conftest import ROOT
from tests.guards.conftest import command_tree, leaves

TESTS = ROOT / "tests"


def test_every_leaf_command_has_a_test():
    sources = "\n".join(p.read_text() for p in TESTS.rglob("test_*.py"))
    missing = []
    for path, _ in leaves(command_tree()):
        needle = ", ".join(f'"{word}"' for word in path)
        if needle not in sources:
            missing.append(" ".join(path))
    assert missing == [], f"commands without a test invoking them: {missing}"
