"""TAB against hostile names and hostile caches: clean candidates, the zsh quoting, the time bound (#17)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from idcctl.shell import complete
from tests.shell.conftest import store, tab


def test_a_name_with_a_newline_or_escape_is_no_candidate(tab_env):
    store(tab_env, "vm", ["web-1", "evil\nrm -rf", "\x1b[2Jweb-2", "web\u202e-3", "web-4"])
    for shell in ("bash", "fish"):
        assert tab(tab_env, "idcctl vm show ", shell=shell)[1] == ["web-1", "web-4"]
    _, zsh = tab(tab_env, "idcctl vm show ", shell="zsh")
    assert "\x1b" not in "".join(zsh) and "rm -rf" not in "".join(zsh)


def test_help_texts_of_candidates_are_one_clean_line():
    out = complete.render("fish", [("web-1", "a \x1b[31mred\nline")], "plain")
    assert out == "web-1\ta red line\n"


def _zsh_words(output: str) -> list[str]:
    """What zsh's _arguments makes of our answer: eval of the line, then its own eval of ((...))."""
    script = ("_arguments() { local action=${1#\\*: :}; local -a ws; "
              'eval ws\\=\\( "${action[3,-3]}" \\); print -rl -- $ws }\n'
              'eval $(cat "$1")\n')
    return subprocess.run(["zsh", "-f", "-c", script, "zsh", output], capture_output=True, text=True,
                          timeout=30).stdout.splitlines()


@pytest.mark.skipif(shutil.which("zsh") is None, reason="no zsh")
def test_zsh_keeps_apostrophes_quotes_dollars_and_colons(tmp_path):
    items = [("a:b", "a VM's public IPv4"), ("x", 'say "hi" for $HOME and `id` \\ too'), ("plain", "")]
    answer = tmp_path / "answer"
    answer.write_text(complete.render("zsh", items, "plain"))
    assert _zsh_words(str(answer)) == ["a\\:b:a VM's public IPv4", 'x:say "hi" for $HOME and `id` \\ too',
                                       "plain"]


def test_the_zsh_answer_quotes_an_apostrophe_for_the_outer_single_quotes():
    assert complete.render("zsh", [("ip", "a VM's address")], "plain") == (
        "_arguments '*: :((\"ip\":\"a VM'\\''s address\"))'\n")


def test_files_with_control_characters_are_not_offered(tmp_path, monkeypatch, tab_env):
    monkeypatch.chdir(tmp_path)
    Path("ok.yaml").write_text("x")
    Path("bad\x1b[31m.yaml").write_text("x")
    assert tab(tab_env, "idcctl vm create --cloud-init ")[1] == ["ok.yaml"]
    assert os.path.exists("bad\x1b[31m.yaml")
