"""`completion bash|zsh|fish`: the scripts and the shipped copies; `completion install`: where it writes."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import ROOT

COMPLETIONS = ROOT / "completions"
SHIPPED = {"bash": "idcctl.bash", "zsh": "_idcctl", "fish": "idcctl.fish"}
PLACES = {"bash": ".local/share/bash-completion/completions/idcctl",
          "zsh": ".local/share/zsh/site-functions/_idcctl",
          "fish": ".config/fish/completions/idcctl.fish"}
BASH_LINE = ('[ -r "$HOME/.local/share/bash-completion/completions/idcctl" ] '
             '&& . "$HOME/.local/share/bash-completion/completions/idcctl"\n')
ZSH_LINES = 'fpath=("$HOME/.local/share/zsh/site-functions" $fpath)\nautoload -Uz compinit && compinit\n'


def test_completion_bash_prints_a_script_calling_back_with_the_idcctl_variable(invoke):
    result = invoke("completion", "bash")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "_IDCCTL_COMPLETE=complete_bash" in result.stdout
    # No '-o default': an empty answer must not turn into file names.
    assert result.stdout.rstrip().endswith("\ncomplete -F _idcctl_completion idcctl")


def test_completion_zsh_and_fish_scripts(invoke):
    zsh, fish = invoke("completion", "zsh"), invoke("completion", "fish")
    assert (zsh.exit_code, fish.exit_code) == (0, 0)
    assert zsh.stdout.startswith("#compdef idcctl\n")
    assert "_IDCCTL_COMPLETE=complete_zsh" in zsh.stdout
    # Autoloaded from fpath the first TAB completes; sourced, it registers itself.
    assert "loadautofunc ]]; then\n  _idcctl_completion \"$@\"\nelse\n  compdef _idcctl_completion" in zsh.stdout
    assert fish.stdout.startswith("complete --command idcctl ")
    assert "_IDCCTL_COMPLETE=complete_fish" in fish.stdout


def test_completion_unknown_shell_is_a_usage_error(invoke):
    result = invoke("completion", "tcsh")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "No such command 'tcsh'" in result.stderr and "idcctl completion --help" in result.stderr


@pytest.mark.parametrize("shell", sorted(SHIPPED))
def test_shipped_completion_files_match_the_command(invoke, shell):
    """Regenerate with: idcctl completion SHELL > completions/FILE."""
    result = invoke("completion", shell)
    assert result.exit_code == 0
    assert (COMPLETIONS / SHIPPED[shell]).read_text() == result.stdout


# -- completion install -------------------------------------------------------


@pytest.fixture
def home(tmp_path):
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def no_bash_completion(monkeypatch, tmp_path):
    """As on a machine without bash-completion, whatever this one has."""
    from idcctl.cli.completion import install

    monkeypatch.setattr(install, "BASH_COMPLETION", (str(tmp_path / "absent"),))


def install(invoke, home, *args, shell="/bin/bash", **env):
    return invoke("completion", "install", *args, env={"HOME": str(home), "SHELL": shell, **env})


@pytest.mark.parametrize("shell, rc, lines", [("bash", ".bashrc", BASH_LINE), ("zsh", ".zshrc", ZSH_LINES),
                                              ("fish", None, "")])
def test_install_writes_the_script_under_home_and_prints_what_the_rc_file_lacks(
        invoke, home, no_bash_completion, shell, rc, lines):
    result = install(invoke, home, shell, shell="/bin/sh")
    assert result.exit_code == 0, result.stderr
    assert (home / PLACES[shell]).read_text() == invoke("completion", shell).stdout
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file()) == [PLACES[shell]]
    assert result.stdout == lines
    assert result.stderr.startswith(f"Installed the {shell} completion script: ~/{PLACES[shell]}\n")
    if rc:
        assert f"~/{rc} needs the line" in result.stderr
        assert f"(or run: idcctl completion install {shell} >> ~/{rc}); then open a new {shell}." in result.stderr
        (home / rc).write_text("# my settings\nalias ll='ls -l'\n" + result.stdout)
    else:
        assert result.stderr.endswith("Open a new fish (or run: exec fish) and TAB completes idcctl.\n")
    again = install(invoke, home, shell)
    assert (again.exit_code, again.stdout) == (0, "")  # idempotent: `>> ~/.zshrc` twice adds nothing
    assert again.stderr == (f"The {shell} completion script is up to date: ~/{PLACES[shell]}\n"
                            f"Open a new {shell} (or run: exec {shell}) and TAB completes idcctl.\n")


@pytest.mark.parametrize("value, shell", [("/usr/bin/zsh", "zsh"), ("/usr/local/bin/fish", "fish"),
                                          ("-bash", "bash")])
def test_install_takes_the_shell_from_dollar_shell(invoke, home, value, shell):
    result = install(invoke, home, shell=value)
    assert result.exit_code == 0, result.stderr
    assert (home / PLACES[shell]).is_file()


@pytest.mark.parametrize("value", ["/bin/tcsh", ""])
def test_install_without_a_known_shell_says_how_to_name_it(invoke, home, value):
    result = install(invoke, home, shell=value)
    assert result.exit_code == 2 and result.stdout == ""
    assert "cannot tell which shell to install for" in result.stderr
    assert "idcctl completion install bash|zsh|fish" in result.stderr
    assert not any(home.iterdir())


def test_install_follows_xdg_directories_inside_home(invoke, home):
    result = install(invoke, home, "zsh", XDG_DATA_HOME=str(home / "data"), ZDOTDIR=str(home / "zdot"))
    assert result.exit_code == 0, result.stderr
    assert (home / "data/zsh/site-functions/_idcctl").is_file()
    assert result.stdout.startswith('fpath=("$HOME/data/zsh/site-functions" $fpath)\n')
    assert "~/zdot/.zshrc needs the lines below" in result.stderr
    fish = install(invoke, home, "fish", XDG_CONFIG_HOME=str(home / "conf"), XDG_DATA_HOME="relative/ignored")
    assert fish.exit_code == 0 and (home / "conf/fish/completions/idcctl.fish").is_file()


def test_install_never_writes_outside_home(invoke, home, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outside = install(invoke, home, "bash", XDG_DATA_HOME=str(elsewhere))
    assert outside.exit_code == 2 and outside.stdout == ""
    assert f"refusing to write {elsewhere}/bash-completion/completions/idcctl" in outside.stderr
    assert f"outside your home directory {home}" in outside.stderr
    (home / ".config").symlink_to(elsewhere)  # a symlink inside HOME that leads out of it
    linked = install(invoke, home, "fish")
    assert linked.exit_code == 2 and f"(it leads to {elsewhere}/fish/completions/idcctl.fish)" in linked.stderr
    assert list(elsewhere.iterdir()) == [] and list(home.iterdir()) == [home / ".config"]
    nohome = invoke("completion", "install", "fish", env={"HOME": "/", "SHELL": "/bin/fish"})
    assert nohome.exit_code == 2 and "is not a home directory to install into" in nohome.stderr


def test_install_keeps_an_rc_file_that_has_the_lines_in_its_own_words(invoke, home, no_bash_completion):
    (home / ".bashrc").write_text("source ~/.local/share/bash-completion/completions/idcctl\n")
    (home / ".zshrc").write_text("fpath=(~/.local/share/zsh/site-functions $fpath)\n")
    bash, zsh = install(invoke, home, "bash"), install(invoke, home, "zsh")
    assert bash.stdout == ""
    assert zsh.stdout == "autoload -Uz compinit && compinit\n"  # compinit must come after the fpath line
    (home / ".zshrc").write_text("autoload -Uz compinit && compinit\n# fpath=(~/x)\n"
                                 'fpath=("$HOME/.local/share/zsh/site-functions" $fpath)\n')
    assert install(invoke, home, "zsh").stdout == "autoload -Uz compinit && compinit\n"


def test_install_for_bash_with_bash_completion_loaded_asks_nothing_of_the_rc_file(
        invoke, home, tmp_path, monkeypatch):
    from idcctl.cli.completion import install as module

    framework = tmp_path / "bash_completion"
    framework.write_text("")
    monkeypatch.setattr(module, "BASH_COMPLETION", (str(framework),))
    monkeypatch.setattr(module, "SYSTEM_BASHRC", ())
    monkeypatch.setattr(module, "PROFILE_D", (str(tmp_path / "absent"), str(tmp_path / "absent")))
    (home / ".bashrc").write_text("# . /usr/share/bash-completion/bash_completion  (commented out)\n")
    assert install(invoke, home, "bash").stdout == BASH_LINE
    (home / ".bashrc").write_text("if [ -f /usr/share/bash-completion/bash_completion ]; then\n"
                                  "  . /usr/share/bash-completion/bash_completion\nfi\n")
    loaded = install(invoke, home, "bash")
    assert loaded.exit_code == 0 and loaded.stdout == ""
    assert loaded.stderr.endswith("Open a new bash (or run: exec bash) and TAB completes idcctl.\n")


def test_install_dry_run_writes_nothing_and_json_tells_what_it_did(invoke, home, no_bash_completion):
    dry = install(invoke, home, "zsh", "--dry-run")
    assert dry.exit_code == 0 and not any(home.iterdir())
    assert dry.stdout.startswith(f"WRITE {home / PLACES['zsh']}\n")
    done = install(invoke, home, "zsh", "-o", "json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout) == {"shell": "zsh", "path": str(home / PLACES["zsh"]), "changed": True,
                                       "rc_file": str(home / ".zshrc"), "rc_lines": ZSH_LINES.splitlines()}
    quiet = install(invoke, home, "zsh", "-q")
    assert (quiet.stdout, quiet.stderr) == (ZSH_LINES, "")  # -q: the data only


def test_install_replaces_an_old_script(invoke, home):
    target = home / PLACES["fish"]
    target.parent.mkdir(parents=True)
    target.write_text("# an older idcctl's script\n")
    result = install(invoke, home, "fish")
    assert result.exit_code == 0 and result.stderr.startswith("Installed the fish completion script")
    assert target.read_text() == invoke("completion", "fish").stdout
    assert os.stat(target).st_mode & 0o077 == 0
