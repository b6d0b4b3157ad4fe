"""TAB completion: the answers given before Typer loads, in-process and through a real bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from idcctl.shell import complete, names, refresher
from tests.conftest import ROOT
from tests.shell.conftest import CLOSED, store, tab

COMPLETIONS = ROOT / "completions"


# -- answers, in-process (the protocol variables in an env mapping) ----------


def test_commands_and_options_come_from_the_table(tab_env):
    assert tab(tab_env, "idcctl tok") == (0, ["token"])
    assert tab(tab_env, "idcctl vm sn")[1] == ["snapshot"]
    _, options = tab(tab_env, "idcctl vm list --")
    assert options[:3] == ["--all-locations", "--cost", "--help"] and "--output" in options and "--dry-run" in options
    assert "--filter" in options and "--sort" in options


def test_output_formats_shells_methods_choices_and_setting_keys(tab_env):
    assert tab(tab_env, "idcctl token list -o ")[1] == ["table", "json", "yaml"]
    assert tab(tab_env, "idcctl vm list --output=j")[1] == ["--output=json"]
    assert tab(tab_env, "idcctl completion ")[1] == ["install", "bash", "zsh", "fish"]
    assert tab(tab_env, "idcctl completion install ")[1] == ["bash", "zsh", "fish"]
    assert tab(tab_env, "idcctl api P")[1] == ["POST", "PUT", "PATCH"]
    assert tab(tab_env, "idcctl vm auto-backup web-1 ")[1] == ["on", "off"]
    assert tab(tab_env, "idcctl vm snapshot list web-1 --type ")[1] == ["snapshot", "backup"]
    assert tab(tab_env, "idcctl config set ")[1] == ["location", "output", "billing_account", "api_url",
                                                      "timeout"]
    assert tab(tab_env, "idcctl config set output y")[1] == ["yaml"]
    assert tab(tab_env, "idcctl help vm cr")[1] == ["create"]
    assert "globals" in tab(tab_env, "idcctl help ")[1]


def test_setting_keys_are_the_config_settings(tab_env):
    from idcctl.config import SETTINGS

    assert tab(tab_env, "idcctl config set ")[1] == list(SETTINGS)
    assert tab(tab_env, "idcctl config set output ")[1] == ["table", "json", "yaml"]


def test_profile_names_for_p_and_profile_commands(tab_env):
    Path(tab_env["IDCCTL_CONFIG"]).write_text('[profiles.default]\n[profiles.staging]\n[profiles.sandbox]\n')
    assert tab(tab_env, "idcctl -p ")[1] == ["default", "staging", "sandbox"]
    assert tab(tab_env, "idcctl vm list --profile s")[1] == ["staging", "sandbox"]
    assert tab(tab_env, "idcctl profile use st")[1] == ["staging"]
    assert tab(tab_env, "idcctl profile delete ")[1] == ["default", "staging", "sandbox"]


def test_profile_names_follow_a_changed_config(tab_env):
    config = Path(tab_env["IDCCTL_CONFIG"])
    config.write_text('[profiles.one]\n')
    assert tab(tab_env, "idcctl -p ")[1] == ["one"]
    config.write_text('[profiles.one]\n[profiles.two]\n')
    assert tab(tab_env, "idcctl -p ")[1] == ["one", "two"]


def test_resource_names_come_from_the_per_profile_per_location_cache(tab_env):
    store(tab_env, "vm", ["web-1", "web-2", "db-1"])
    store(tab_env, "vm", ["far-away"], location="bus02")
    assert tab(tab_env, "idcctl vm show ")[1] == ["web-1", "web-2", "db-1"]
    assert tab(tab_env, "idcctl vm stop w")[1] == ["web-1", "web-2"]
    assert tab(tab_env, "idcctl -l bus02 vm show ")[1] == ["far-away"]
    assert tab(tab_env, "idcctl vm show -l bus02 ")[1] == ["far-away"]


@pytest.mark.parametrize("line, kind", [
    ("idcctl vm create --network ", "network"), ("idcctl vm create --boot-disk ", "disk"),
    ("idcctl vm create --source-vm ", "vm"), ("idcctl -l ", "location"),
    ("idcctl firewall show ", "firewall"), ("idcctl firewall rule remove ", "firewall"),
    ("idcctl ssh-key delete ", "ssh_key"), ("idcctl ssh-key rename ", "ssh_key"),
    ("idcctl vm create --ssh-key ", "ssh_key"), ("idcctl vm boot-iso web-1 --image ", "boot_image"),
    ("idcctl disk show ", "disk"),
])
def test_other_name_kinds_by_parameter(tab_env, line, kind):
    store(tab_env, kind, [f"{kind}-a"])
    assert tab(tab_env, line)[1] == [f"{kind}-a"]


def test_names_are_read_from_each_kinds_name_field_and_an_unnamed_one_by_its_id():
    from idcctl.shell.names import extract

    disks = [{"uuid": "d-1", "display_name": "data"}, {"uuid": "d-2"}, {"display_name": ""}, "junk"]
    assert extract("disk", disks) == [["data", "d-1"], ["d-2", "d-2"]]
    assert extract("firewall", [{"uuid": "f-1", "display_name": "web"}]) == [["web", "f-1"]]
    assert extract("ssh_key", [{"uuid": "k-1", "name": "laptop"}]) == [["laptop", "k-1"]]
    assert extract("boot_image", [{"uuid": "b-1", "image_name": "rescue.iso"}]) == [["rescue.iso", "b-1"]]


def test_os_names_and_the_versions_of_the_chosen_os(tab_env):
    store(tab_env, "image", [["ubuntu", ["22.04-lts", "24.04-lts"]], ["debian", ["12"]]])
    assert tab(tab_env, "idcctl vm create --os ")[1] == ["ubuntu", "debian"]
    assert tab(tab_env, "idcctl vm create --os debian --os-version ")[1] == ["12"]
    assert tab(tab_env, "idcctl vm reinstall web-1 --os-version 2")[1] == ["22.04-lts", "24.04-lts"]


def test_os_names_are_read_from_the_image_list_with_published_versions_only(tab_env):
    """Not from `vm params` (whose os_name values may name images the list does not have)."""
    import httpx
    import respx

    images = [{"os_name": "ubuntu", "versions": [{"os_version": "22.04-lts", "published": True},
                                                 {"os_version": "18.04-lts", "published": False}]},
              {"os_name": "debian", "versions": [{"os_version": "12"}]},
              {"os_name": "retired", "versions": [{"os_version": "1", "published": False}]}]
    with respx.mock() as mock:  # any other request (vm params) fails the refresh
        route = mock.get(f"{CLOSED}/v1/config/vm_images").mock(return_value=httpx.Response(200, json=images))
        assert refresher.refresh_main("image", tab_env) == 0
        assert route.call_count == 1 and mock.calls.call_count == 1
    assert tab(tab_env, "idcctl vm create --os ")[1] == ["ubuntu", "debian"]
    assert tab(tab_env, "idcctl vm create --os ubuntu --os-version ")[1] == ["22.04-lts"]


def test_no_file_names_where_no_file_is_taken(tab_env, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    assert tab(tab_env, "idcctl vm show ") == (0, [])
    assert tab(tab_env, "idcctl vm show ", shell="zsh") == (0, [])  # Typer answered "_files" here
    assert tab(tab_env, "idcctl vm show ", shell="fish", action="is-args")[0] == 0  # 0: no files
    assert tab(tab_env, "idcctl api POST /x --json ") == (0, [])


def test_file_names_where_a_file_is_taken(tab_env, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "init.yaml").write_text("x")
    (tmp_path / "keys").mkdir()
    assert tab(tab_env, "idcctl vm create --cloud-init ")[1] == ["init.yaml", "keys/"]
    assert tab(tab_env, "idcctl vm create --public-key @k")[1] == ["@keys/"]
    assert tab(tab_env, "idcctl api POST /x --json @i")[1] == ["@init.yaml"]
    assert tab(tab_env, "idcctl sandbox serve --state i")[1] == ["init.yaml"]
    assert tab(tab_env, "idcctl vm create --cloud-init ", shell="zsh")[1] == ["_files"]
    assert tab(tab_env, "idcctl vm create --cloud-init ", shell="fish", action="is-args")[0] == 1
    assert tab(tab_env, "idcctl firewall update web --rules @i")[1] == ["@init.yaml"]


def test_zsh_and_fish_carry_descriptions(tab_env):
    _, zsh = tab(tab_env, "idcctl tok", shell="zsh")
    _, fish = tab(tab_env, "idcctl tok", shell="fish")
    assert zsh == ["_arguments '*: :((\"token\":\"API tokens.\"))'"]
    assert fish == ["token\tAPI tokens."]


def test_a_broken_config_gives_no_names_and_no_error(tab_env):
    Path(tab_env["IDCCTL_CONFIG"]).write_text("this is [not toml")
    assert tab(tab_env, "idcctl -p ") == (0, [])
    assert tab(tab_env, "idcctl vm show ") == (0, [])


class _Slow(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        time.sleep(3)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'[{"name": "late"}]')

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_slow_api_never_holds_a_tab_longer_than_the_bound(tab_env, slow_server):
    tab_env["IDCCTL_API_URL"] = slow_server
    store(tab_env, "vm", ["stale-vm"], age=names.FRESH + 30)
    start = time.monotonic()
    code, offered = tab(tab_env, "idcctl vm show ")
    assert time.monotonic() - start < names.BOUND + 0.5
    assert (code, offered) == (0, ["stale-vm"])  # the older names, while the refresh goes on
    start = time.monotonic()
    assert tab(tab_env, "idcctl vm show ")[1] == ["stale-vm"]  # one refresh at a time: no wait
    assert time.monotonic() - start < 0.3


def test_a_cold_cache_is_filled_from_the_api(tab_env, sandbox_url):
    tab_env["IDCCTL_API_URL"] = sandbox_url
    got = names.names("vm", {}, tab_env, bound=30)
    assert got and all(isinstance(n, str) for n in got)
    offered = [value for value, _ in names.choices("vm", {}, tab_env, "")]
    assert set(got) - set(offered) == {"Ubuntu-16-04"}  # the seed's two VMs of that name: as UUIDs
    assert tab(tab_env, "idcctl vm show ")[1] == [complete._bash_escape(n) for n in offered]  # cached now
    assert "Name\\ of\\ the\\ Clone" in tab(tab_env, "idcctl vm show ")[1]  # escaped for bash


# -- through the installed entry point and a real bash ------------------------


def _complete_bash(words: str, cword: int) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("_IDCCTL", "IDCCTL"))}
    env.update({"_IDCCTL_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)})
    return subprocess.run([sys.executable, "-m", "idcctl"], env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.e2e  # runs idcctl in a process of its own
def test_bash_completion_request_offers_the_token_group():
    proc = _complete_bash("idcctl tok", 1)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["token"]


@pytest.mark.e2e  # runs idcctl in a process of its own
def test_bash_completion_offers_shells_and_output_formats():
    shells = _complete_bash("idcctl completion install ", 3)
    formats = _complete_bash("idcctl token list -o ", 4)
    assert shells.returncode == 0 and shells.stdout.split() == ["bash", "zsh", "fish"]
    assert formats.returncode == 0 and formats.stdout.split() == ["table", "json", "yaml"]


@pytest.mark.e2e  # runs idcctl in a process of its own
@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_the_bash_script_in_a_real_bash(tab_env, tmp_path):
    """Source completions/idcctl.bash in `bash --norc` and call its function as TAB would."""
    store(tab_env, "vm", ["web-1", "db-1"])
    Path(tab_env["IDCCTL_CONFIG"]).write_text('[profiles.default]\n[profiles.staging]\n')
    bin_dir = Path(sys.executable).parent
    script = f"""
source {COMPLETIONS / 'idcctl.bash'}
ask() {{ COMP_WORDS=("$@"); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMPREPLY=();
         _idcctl_completion idcctl; echo "${{COMPREPLY[*]}}"; }}
ask idcctl vm show ""
ask idcctl -p ""
ask idcctl vm show nothing-like-this
"""
    env = dict(os.environ, **tab_env, PATH=f"{bin_dir}:{os.environ['PATH']}")
    proc = subprocess.run(["bash", "--norc", "-c", script], env=env, capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["web-1 db-1", "default staging", ""]


def test_old_remembered_views_are_pruned(tab_env):
    config = Path(tab_env["IDCCTL_CONFIG"])
    config.write_text('[profiles.one]\n')
    assert tab(tab_env, "idcctl -p ")[1] == ["one"]
    cache = Path(tab_env["IDCCTL_CACHE_DIR"])
    old = next(cache.glob("view-*.json"))
    os.utime(old, (0, 0))
    config.write_text('[profiles.one]\n[profiles.two]\n')
    assert tab(tab_env, "idcctl -p ")[1] == ["one", "two"]
    assert not old.exists() and len(list(cache.glob("view-*.json"))) == 1
