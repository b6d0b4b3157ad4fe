"""Every leaf command of the tree has a test that runs it.

A test runs `vm show` when one of its calls is given positional strings that,
after any global options, start with those words: `invoke("vm", "show", U2)`,
`run(env, "-o", "json", "vm", "show")`, `sb("vm", "show", VM)`. A literal argv
reaches such a call too: `invoke(*BASIC)` (a constant of the module or of a
conftest it imports from), `invoke(*args)` with `args` from the test's
`@pytest.mark.parametrize`, or a list or tuple passed whole to a function that
is called so elsewhere (`run(["vm", "start", UUID], state=state)`). Words in
comments, docstrings and other strings do not count, nor does a run with
--help: that shows the help, it does not run the command.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from idcctl.shell.globalopts import GlobalOptionError, take_globals
from tests.conftest import ROOT
from tests.guards.conftest import command_tree, leaves

TESTS = ROOT / "tests"
OTHER = "\0"  # a positional argument that is not a literal string
HELP = {"--help", "-h"}


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _words(node: ast.AST) -> list[str] | None:
    """The words of a literal tuple or list, OTHER for what is not a literal string; None for anything else."""
    if not isinstance(node, (ast.Tuple, ast.List)):
        return None
    return [e.value if isinstance(e, ast.Constant) and isinstance(e.value, str) else OTHER for e in node.elts]


class _Module:
    """One test module: its constants (and those it imports from a conftest), its calls."""

    def __init__(self, path: Path) -> None:
        self.tree = ast.parse(path.read_text())
        self.constants = _constants(self.tree)
        for node in self.tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests."):
                source = ROOT.joinpath(*node.module.split(".")).with_suffix(".py")
                if source.exists():
                    theirs = _constants(ast.parse(source.read_text()))
                    self.constants.update({a.asname or a.name: theirs[a.name] for a in node.names if a.name in theirs})

    def calls(self) -> Iterator[tuple[str, list[list[str]], list[list[str]]]]:
        """(callee, argvs of its positional strings, argvs it was given whole as a list or tuple) for each call."""
        for function in [self.tree, *(n for n in ast.walk(self.tree) if isinstance(n, ast.FunctionDef))]:
            names = self._parametrized(function) if isinstance(function, ast.FunctionDef) else {}
            body = function.body if isinstance(function, ast.Module) else [*function.body]
            for call in (n for statement in body for n in ast.walk(statement) if isinstance(n, ast.Call)):
                yield _callee(call), self._spread(call, names), [w for a in call.args if (w := _words(a))]

    def _parametrized(self, function: ast.FunctionDef) -> dict[str, list[ast.AST]]:
        """Each parametrized argument name of a test, with the literal values it takes."""
        found: dict[str, list[ast.AST]] = {}
        for decorator in function.decorator_list:
            if not (isinstance(decorator, ast.Call) and _callee(decorator) == "parametrize" and len(decorator.args) >= 2):
                continue
            argnames, values = decorator.args[0], self._resolve(decorator.args[1])
            if not isinstance(argnames, ast.Constant) or not isinstance(values, (ast.List, ast.Tuple)):
                continue
            names = [n.strip() for n in argnames.value.split(",")]
            for value in values.elts:
                if len(names) == 1:
                    found.setdefault(names[0], []).append(value)
                elif isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(names):
                    for name, item in zip(names, value.elts):
                        found.setdefault(name, []).append(item)
        return found

    def _resolve(self, node: ast.AST) -> ast.AST:
        return self.constants.get(node.id, node) if isinstance(node, ast.Name) else node

    def _spread(self, call: ast.Call, names: dict[str, list[ast.AST]]) -> list[list[str]]:
        """The argvs of a call's positional arguments, a starred one spread (once per parametrized value)."""
        argvs: list[list[str]] = [[]]
        for arg in call.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                argvs = [argv + [arg.value] for argv in argvs]
            elif isinstance(arg, ast.Starred):
                value = arg.value
                options = names.get(value.id, [self._resolve(value)]) if isinstance(value, ast.Name) else [value]
                spread = [words for option in options if (words := _words(self._resolve(option))) is not None]
                argvs = [argv + words for argv in argvs for words in spread or [[OTHER]]]
            else:
                argvs = [argv + [OTHER] for argv in argvs]
        return argvs


def _constants(tree: ast.Module) -> dict[str, ast.AST]:
    return {target.id: node.value for node in tree.body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)}


def _command(argv: list[str]) -> tuple[str, ...] | None:
    """The words a call runs: leading non-strings and global options dropped; None for a --help run."""
    while argv and argv[0] == OTHER:
        argv = argv[1:]
    if HELP & set(argv):
        return None
    try:
        rest, _ = take_globals(argv, {})
    except GlobalOptionError:
        return None
    return tuple(rest)


def invoked(paths: list[Path]) -> set[tuple[str, ...]]:
    """Every argv the tests in `paths` run (see the module's docstring)."""
    direct, whole = [], []
    for path in paths:
        for callee, spread, given in _Module(path).calls():
            direct += [(callee, words) for argv in spread if (words := _command(argv))]
            whole += [(callee, words) for argv in given if (words := _command(argv))]
    runners = {callee for callee, _ in direct}
    return {words for _, words in direct} | {words for callee, words in whole if callee in runners}


def uncovered(commands: list[tuple[str, ...]], argvs: set[tuple[str, ...]]) -> list[str]:
    return [" ".join(path) for path in commands if not any(argv[:len(path)] == path for argv in argvs)]


def test_every_leaf_command_has_a_test():
    commands = [path for path, _ in leaves(command_tree())]
    assert len(commands) > 40
    missing = uncovered(commands, invoked(sorted(TESTS.rglob("test_*.py"))))
    assert missing == [], f"commands without a test that runs them: {missing}"


def test_the_guard_counts_calls_not_words(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text('''"""vm show, in a docstring."""
import pytest

BASIC = ("vm", "create", "--name", "x")
# invoke("vm", "delete") in a comment
WORDS = "vm stop"


def helper(args):
    return args


@pytest.mark.parametrize("args", [("-o", "json", "vm", "list"), ("vm", "start", "--help")])
def test_it(invoke, args, env):
    invoke(*args)
    invoke(*BASIC)
    run(env, "-p", "work", "token", "list")
    run(["vm", "rescue", "web-1"], state=None)
    helper(["vm", "reinstall"])
    invoke("vm", "ssh", "--help")
''')
    commands = [("vm", verb) for verb in ("show", "create", "delete", "stop", "list", "start", "rescue",
                                          "reinstall", "ssh")] + [("token", "list")]
    assert uncovered(commands, invoked([sample])) == ["vm show", "vm delete", "vm stop", "vm start", "vm reinstall",
                                                      "vm ssh"]
