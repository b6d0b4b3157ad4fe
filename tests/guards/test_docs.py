"""Generated documentation stays in step with the command tree; the README and man page say the same."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_man_page_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "man" / "make_manpage.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, "man/idcctl.1 is stale: run python man/make_manpage.py"


def test_man_page_lists_every_group():
    page = (ROOT / "man" / "idcctl.1").read_text()
    for group in ("vm", "image", "user", "token", "location", "auth", "profile", "config", "sandbox", "api",
                  "firewall", "ssh\\-key"):  # roff writes a dash as \-
        assert f".B idcctl {group}" in page


def test_the_newest_typer_run_is_a_script_the_readme_names_and_ci_runs():
    import os

    script = ROOT / ".ci" / "newest-typer"
    assert script.is_file() and os.access(script, os.X_OK)
    assert "`.ci/newest-typer`" in (ROOT / "README.md").read_text()
    assert "\nbash .ci/newest-typer\n" in (ROOT / ".ci" / "run").read_text()


def test_ci_installs_the_shells_the_completion_tests_drive_where_it_can():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "for shell in zsh fish tmux" in ci and "apt-get install" in ci
    assert ci.index("apt-get install") < ci.index('bash -c "$test_command"')


def test_readme_starts_with_the_two_set_up_commands():
    lines = (ROOT / "README.md").read_text().splitlines()
    block = lines[lines.index("```sh") + 1: lines.index("```")]
    assert len(block) == 2
    assert "sandbox serve" in block[0] and "pytest" in block[1]


def live_tree():
    """(path, command, context) of every command of the tree as it is now, via the generator's own walk."""
    import importlib.util

    from idcctl.shell.compat import Context
    from idcctl.shell.registry import root_command

    spec = importlib.util.spec_from_file_location("make_manpage", ROOT / "man" / "make_manpage.py")
    make_manpage = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_manpage)
    root = root_command(eager=True)
    return make_manpage, root, list(make_manpage.leaves(Context(root, info_name="idcctl")))


def section_of(make_manpage, page: str, path: list[str]) -> str:
    """The man page's section of one command, from its .SS heading to the next."""
    section = page[page.index(f'.SS "idcctl {make_manpage.esc(" ".join(path))}"'):]
    return section[:section.find(".SS ", 4) if ".SS " in section[4:] else len(section)]


def test_man_page_has_every_command_its_options_and_its_examples():
    make_manpage, root, leaves = live_tree()
    page = (ROOT / "man" / "idcctl.1").read_text()
    examples = page[page.index(".SH EXAMPLES"):page.index(".SH EXIT STATUS")]
    assert len(leaves) > 40
    for path, command, ctx in leaves:
        section = section_of(make_manpage, page, path)
        for param in command.params:  # an option named like the root's own (--version) too
            if param.param_type_name == "option" and not param.hidden:
                assert make_manpage.esc(param.opts[0]) in section, (path, param.opts)
        lines = make_manpage.split_epilog(command.epilog)
        assert lines, path  # every command has examples (test_command_tree): they must be on the page
        for line in lines:
            assert make_manpage.esc(line) + "\n" in examples, line
    assert examples.count(".nf") >= 3  # the section really holds examples


def test_man_page_gives_arguments_their_help_and_options_their_range():
    make_manpage, _, _ = live_tree()
    page = (ROOT / "man" / "idcctl.1").read_text()
    assert ".B VM\nVM name or UUID.  [required]\n" in section_of(make_manpage, page, ["vm", "update"])
    assert ".B VM...\nVM names or UUIDs, one or more" in section_of(make_manpage, page, ["vm", "show"])
    update = section_of(make_manpage, page, ["vm", "update"])
    assert ".B \\-\\-vcpu INTEGER\nNumber of CPUs (VM must be stopped).  [x>=1]\n" in update
    start = section_of(make_manpage, page, ["vm", "start"])
    assert "Give up \\-\\-wait after this long (exit 6).  [default: 600; x>=1]\n" in start


def test_man_page_is_installed_into_share_man_man1():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    shared = config["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared == {"man/idcctl.1": "share/man/man1/idcctl.1"}


def test_roff_escaping():
    make_manpage, _, _ = live_tree()
    assert make_manpage.esc("a-b 'c' \\d") == "a\\-b \\(aqc\\(aq \\ed"
    assert make_manpage.esc("first\n\n.dot starts a line") == "first\n.PP\n\\&.dot starts a line"
    assert make_manpage.esc("\b\n  keep\n    indent") == ".nf\n  keep\n    indent\n.fi"
    assert make_manpage.esc("Name.  \\[required]") == "Name.  [required]"


def test_readme_first_line_makes_the_sandbox_the_active_profile():
    lines = (ROOT / "README.md").read_text().splitlines()
    first = lines[lines.index("```sh") + 1]
    assert "sandbox profile --activate" in first and first.endswith("idcctl vm list")
    later = "\n".join(lines[lines.index("```sh") + 4:])
    assert "-p sandbox vm list" not in later.split("## The sandbox")[0]


def test_declining_a_confirmation_has_one_documented_exit_code():
    from idcctl.errors import Aborted

    readme = (ROOT / "README.md").read_text()
    man = (ROOT / "man" / "idcctl.1").read_text()
    assert Aborted.exit_code == 1
    assert "| 1 | API or server error, or a confirmation declined at the prompt |" in readme
    assert ".B 1\nAPI or server error, or a confirmation declined at the prompt" in man


def test_no_such_profile_has_one_documented_exit_code():
    from idcctl.config import no_profile

    readme = (ROOT / "README.md").read_text()
    man = (ROOT / "man" / "idcctl.1").read_text()
    assert no_profile("x").exit_code == 4
    assert "| 4 | not found: " in readme and "a profile that is not stored" in readme.split("| 4 |")[1].split("\n")[0]
    assert ".B 4\nnot found: 404, a name that resolves to nothing, or a profile that is not stored" in man
