"""TAB against hostile names and hostile caches: clean candidates, the zsh quoting, the time bound (#17)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from idcctl.shell import complete, names
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


# -- hostile caches (issue #17, item 1) ------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    seen: list = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        type(self).seen.append((self.path, self.headers.get("apikey")))
        body = b'[{"name": "from-%s"}]' % self.server.label
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    """recorder(label) -> (url, the requests it saw): a server answering one VM named from-LABEL."""
    servers = []

    def start(label: str):
        handler = type(f"Rec{label}", (_Recorder,), {"seen": []})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.label = label.encode()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", handler.seen

    yield start
    for server in servers:
        server.shutdown()


def test_a_planted_view_never_routes_the_key(tab_env, recorder):
    real_url, real_seen = recorder("real")
    planted_url, planted_seen = recorder("planted")
    del tab_env["IDCCTL_API_URL"]
    Path(tab_env["IDCCTL_CONFIG"]).write_text(f'[profiles.default]\napi_url = "{real_url}"\n')
    names.view({}, tab_env)  # the memo of this config version...
    memo = next(Path(tab_env["IDCCTL_CACHE_DIR"]).glob("view-*.json"))
    entry = json.loads(memo.read_text())
    entry["view"]["api_url"] = planted_url  # ...rewritten by someone else
    memo.write_text(json.dumps(entry))
    names.names("vm", {}, tab_env, bound=30)
    assert planted_seen == []  # the key never went there
    assert real_seen == [("/v1/user-resource/vm/list", "k")]


def test_the_refresh_child_takes_the_global_options_typed_on_the_line(tab_env, recorder):
    typed_url, typed_seen = recorder("typed")
    assert names.names("vm", {"api_url": typed_url, "api_key": "typed-key"}, tab_env, bound=30) == ["from-typed"]
    assert typed_seen == [("/v1/user-resource/vm/list", "typed-key")]


def test_a_symlinked_marker_is_never_followed(tab_env):
    victim = Path(tab_env["IDCCTL_CACHE_DIR"]).parent / "victim"
    victim.write_text("precious")
    view = names.view({}, tab_env)
    marker = Path(names.names_file(tab_env, "vm", names._scope(view)) + ".refreshing")
    marker.symlink_to(victim)
    os.utime(marker, (0, 0), follow_symlinks=False)  # an old marker: removed, a new one made
    names.names("vm", {}, tab_env, bound=5)
    assert victim.read_text() == "precious"
    assert not marker.is_symlink()


def test_an_untrusted_cache_directory_gives_no_names_and_says_nothing(tab_env, capsys):
    store(tab_env, "vm", ["web-1"])
    Path(tab_env["IDCCTL_CACHE_DIR"]).chmod(0o777)
    assert tab(tab_env, "idcctl vm show ") == (0, [])
    assert capsys.readouterr().err == ""


def test_an_oversized_names_file_is_not_parsed_and_is_rewritten(tab_env, sandbox_url):
    from idcctl.shell.tabfiles import MAX_FILE

    tab_env["IDCCTL_API_URL"] = sandbox_url
    view = names.view({}, tab_env)
    path = Path(names.names_file(tab_env, "vm", names._scope(view)))
    huge = {"key": ["vm", *names._scope(view)], "stored_at": time.time(),
            "value": [f"vm-{n:07d}" for n in range(MAX_FILE // 10)]}
    path.write_text(json.dumps(huge))
    assert path.stat().st_size > MAX_FILE
    got = names.names("vm", {}, tab_env, bound=30)
    assert "vm-0000001" not in got and "Name of the Clone" in got  # the sandbox's, not the file's
    assert path.stat().st_size < 10_000


def test_an_oversized_or_foreign_view_memo_is_recomputed(tab_env):
    Path(tab_env["IDCCTL_CONFIG"]).write_text('[profiles.one]\n')
    assert names.profile_names(tab_env) == ["one"]
    memo = next(Path(tab_env["IDCCTL_CACHE_DIR"]).glob("view-*.json"))
    entry = json.loads(memo.read_text())
    entry["view"] = {"profiles": "not a list"}
    memo.write_text(json.dumps(entry))
    assert names.profile_names(tab_env) == ["one"]
