"""The command tree: the generated table is current, every command has examples and a whole-sentence summary."""

from __future__ import annotations

from idcctl.shell.registry import GROUPS
from tests.guards.conftest import command_tree, examples_of, groups, leaves


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
        examples = examples_of(command)
        if not 1 <= len(examples) <= 3 or not all("idcctl " in e for e in examples):
            problems.append(f"{' '.join(path)}: {examples}")
    assert problems == [], "commands need 1-3 examples (App.command(examples=[...])): " + "; ".join(problems)


def invocations(example: str) -> list[list[str]]:
    """The idcctl command lines in an example, as words (up to a pipe, &&, ), > or ;)."""
    import re
    import shlex

    found = []
    for part in example.split("idcctl ")[1:]:
        found.append(shlex.split(re.split(r"\||&&|\)|>|;", part)[0]))
    return found


def reach(root, words: list[str]):
    """The command the words lead to and the words after it; None for a word that is no command."""
    command, rest = root, list(words)
    while getattr(command, "commands", None) is not None:
        while rest and rest[0].startswith("-"):  # a global option before the group, with its value
            from idcctl.shell.globalopts import BY_OPTION

            option = rest.pop(0)
            if BY_OPTION.get(option, ("", False))[1]:
                rest.pop(0)
        if not rest or rest[0] not in command.commands:
            return None, rest
        command = command.commands[rest.pop(0)]
    return command, rest


def test_every_group_has_one_to_three_examples_that_use_its_commands_as_they_are():
    """Like the commands' examples (App(examples=[...])): `idcctl vm --help` shows how the group is used.
    Each example line names real commands with their real options, and one uses the group itself."""
    from idcctl.shell.globalopts import BY_OPTION

    root = command_tree()
    problems, found = [], list(groups(root))
    assert len(found) > 20  # the walk sees the groups
    for path, group in found:
        examples = examples_of(group)
        if not 1 <= len(examples) <= 3:
            problems.append(f"{' '.join(path) or 'idcctl'}: {len(examples)} examples")
        used = []
        for words in (w for e in examples for w in invocations(e)):
            leaf, rest = reach(root, words)
            if leaf is None:
                problems.append(f"{' '.join(path)}: no command {words}")
                continue
            used.append(words)
            own = {opt for p in leaf.params for opt in [*p.opts, *p.secondary_opts]}
            bad = [w.split("=")[0] for w in rest if w.startswith("-") and w != "-"
                   and w.split("=")[0] not in own | set(BY_OPTION)]
            if bad:
                problems.append(f"{' '.join(words)}: unknown options {bad}")
        if path and not any(" ".join(w).startswith(" ".join(path)) for w in used):
            problems.append(f"{' '.join(path)}: no example uses the group")
    assert problems == [], "groups need 1-3 examples (App(examples=[...])): " + "; ".join(problems)


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
