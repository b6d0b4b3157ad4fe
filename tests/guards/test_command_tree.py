"""The command tree: the generated table is current, every command has examples and a whole-sentence summary."""

from __future__ import annotations

from idcctl.shell.registry import GROUPS
from tests.guards.conftest import command_tree, leaves


def test_the_command_table_is_current():
    """Regenerate with: python -m idcctl.shell.tree (new groups' commands included)."""
    from idcctl.shell import tree

    assert tree.main(["--check"]) == 0
    table = tree.load(fresh=True)
    assert table is not None
    assert set(tree.find(table, [])["commands"]) >= {name for name, _, _ in GROUPS}


def test_every_leaf_command_has_one_to_three_examples():
    problems, commands = [], list(leaves(command_tree()))
    assert len(commands) > 40  # the walk sees the tree
    for path, command in commands:
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

    nodes = list(walk(tree.load()["root"], []))
    assert len(nodes) > 40  # the walk sees the table
    bad = [" ".join(path) or "idcctl" for path, node in nodes if not node["summary"].endswith((".", ")"))]
    assert bad == [], f"summaries must be whole sentences: {bad}"
