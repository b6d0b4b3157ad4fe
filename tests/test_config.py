"""The config file (idcctl/config.py): precedence of every setting, modes, atomic and concurrent writes."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import parse_qs

import httpx
import pytest
import respx

from tests.conftest import BASE, mode, stored, write_config

# -- precedence: flag > env > profile > default, for every setting ----------

# key: (flag args, env value, profile TOML value, expected output for flag, env, profile, default)
LEVELS = {
    "location": (("-l", "fra01"), "bus02", '"cyc01"', ["fra01", "bus02", "cyc01", ""]),
    "output": (("-o", "table"), "yaml", '"json"', ["table", "yaml", "json", "table"]),
    "api_url": (("--api-url", "https://flag.test"), "https://env.test", '"https://profile.test"',
                ["https://flag.test", "https://env.test", "https://profile.test", "https://api.idcloudhost.com"]),
    "timeout": (("--timeout", "5"), "7", "9", ["5", "7", "9", "120"]),
    "billing_account": ((), "22", "33", [None, "22", "33", ""]),
}
ENV_VARS = {"location": "IDCCTL_LOCATION", "output": "IDCCTL_OUTPUT", "api_url": "IDCCTL_API_URL",
            "timeout": "IDCCTL_TIMEOUT", "billing_account": "IDCCTL_BILLING_ACCOUNT"}


LEVEL_NAMES = ("flag", "env", "profile", "default")
# billing_account has no global flag; its flag level is a command's --billing-account (next test).
CASES = [(key, level) for key in sorted(LEVELS) for level in range(4) if LEVELS[key][0] or level]


@pytest.mark.parametrize("key, level", CASES, ids=[f"{k}-{LEVEL_NAMES[lv]}" for k, lv in CASES])
def test_precedence_of_every_setting(invoke, config_file, key, level):
    flag, env_value, profile_value, expected = LEVELS[key]
    write_config(config_file, f"[profiles.default]\n{key} = {profile_value}\n" if level <= 2 else "")
    env = {"IDCCTL_API_URL": None, ENV_VARS[key]: env_value if level <= 1 else None}
    args = flag if level == 0 else ()
    result = invoke(*args, "config", "get", key, env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (expected[level] + "\n" if expected[level] else "")


@pytest.mark.parametrize("level, sent", [(0, "11"), (1, "22"), (2, "33"), (3, None)])
def test_precedence_of_billing_account_reaches_the_request(invoke, config_file, level, sent):
    write_config(config_file, "[profiles.default]\nbilling_account = 33\n" if level <= 2 else "")
    env = {"IDCCTL_BILLING_ACCOUNT": "22" if level <= 1 else None}
    args = ("--billing-account", "11") if level == 0 else ()
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=[]))
        route = mock.post(f"{BASE}/v1/user-resource/token").mock(return_value=httpx.Response(200, json=[]))
        result = invoke("token", "create", *args, "-o", "json", env=env)
    assert result.exit_code == 0, result.stderr
    form = parse_qs(route.calls.last.request.content.decode())
    assert form.get("billing_account_id") == ([sent] if sent else None)


PROFILES = "".join(f'[profiles.{n}]\nlocation = "loc-{n}"\n' for n in ("a", "b", "c", "default"))


@pytest.mark.parametrize("args, env, active, expected, origin", [
    (("-p", "a"), "b", 'active_profile = "c"\n', "a", "flag"),
    ((), "b", 'active_profile = "c"\n', "b", "env"),
    ((), None, 'active_profile = "c"\n', "c", "profile"),
    ((), None, "", "default", "default"),
])
def test_precedence_of_the_profile_selection(invoke, config_file, args, env, active, expected, origin):
    write_config(config_file, active + PROFILES)
    result = invoke(*args, "config", "list", "--show-origin", "-o", "json", env={"IDCCTL_PROFILE": env})
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["profile"] == {"value": expected, "origin": origin}
    assert data["location"] == {"value": f"loc-{expected}", "origin": "profile"}


# -- the file itself --------------------------------------------------------


def test_written_file_is_0600_in_a_0700_directory(invoke, config_file):
    result = invoke("config", "set", "location", "bus02")
    assert result.exit_code == 0
    assert mode(config_file) == 0o600
    assert mode(config_file.parent) == 0o700


def test_looser_modes_are_tightened_with_a_warning(invoke, config_file):
    write_config(config_file, '[profiles.default]\nlocation = "bus02"\n')
    config_file.chmod(0o644)
    config_file.parent.chmod(0o755)
    result = invoke("config", "get", "location")
    assert result.exit_code == 0 and result.stdout == "bus02\n"
    assert f"warning: {config_file} was readable by others (mode 644); changed to 600" in result.stderr
    assert f"warning: {config_file.parent} was readable by others (mode 755); changed to 700" in result.stderr
    assert (mode(config_file), mode(config_file.parent)) == (0o600, 0o700)


@pytest.mark.parametrize("target", ["tomli_w.dumps", "os.replace"])
def test_a_crash_while_writing_leaves_the_old_file_and_no_temp_file(invoke, config_file, monkeypatch, target):
    import tomli_w

    write_config(config_file, '[profiles.default]\nlocation = "bus02"\n')
    before = config_file.read_bytes()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    module, name = target.split(".")
    monkeypatch.setattr(tomli_w if module == "tomli_w" else os, name, crash)
    result = invoke("config", "set", "location", "cyc01")
    monkeypatch.undo()
    assert result.exit_code != 0
    assert config_file.read_bytes() == before
    assert sorted(p.name for p in config_file.parent.iterdir()) == ["config.toml", "config.toml.lock"]


CORRUPT = b'[profiles.default]\nlocation = "bus02"\napi_key = \n'


@pytest.mark.parametrize("args", [("config", "list"), ("config", "set", "location", "cyc01")])
def test_corrupt_file_is_exit_2_naming_path_and_line_and_left_unchanged(invoke, config_file, args):
    write_config(config_file, "")
    config_file.write_bytes(CORRUPT)
    result = invoke(*args)
    assert result.exit_code == 2
    assert str(config_file) in result.stderr
    assert "line 3" in result.stderr
    assert result.stdout == ""
    assert config_file.read_bytes() == CORRUPT


@pytest.mark.e2e  # runs idcctl in a process of its own
def test_two_concurrent_writers_lose_nothing(config_file):
    """Two processes, each running 25 `config set` on its own profiles, at the same time."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IDCCTL")}
    env.update({"IDCCTL_CONFIG": str(config_file), "PY": sys.executable})
    loop = ('for i in $(seq 0 24); do '
            '"$PY" -m idcctl -p "$W$i" config set location "loc-$W$i" || exit 1; done')
    workers = [subprocess.Popen(["sh", "-c", loop], env={**env, "W": w}, stderr=subprocess.PIPE, text=True)
               for w in ("a", "b")]
    for worker in workers:
        _, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err[-2000:]
    profiles = stored(config_file)["profiles"]
    expected = {f"{w}{i}": {"location": f"loc-{w}{i}"} for w in ("a", "b") for i in range(25)}
    assert profiles == expected


def test_a_shared_directory_is_never_chmodded(invoke, tmp_path):
    """IDCCTL_CONFIG may point into /tmp or $HOME: only the file is ours to tighten."""
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "someone-elses-file").write_text("x")
    shared.chmod(0o755)
    config = shared / "config.toml"
    result = invoke("config", "set", "location", "bus02", env={"IDCCTL_CONFIG": str(config)})
    assert result.exit_code == 0, result.stderr
    assert (mode(shared), mode(config)) == (0o755, 0o600)


def test_a_loose_dedicated_directory_is_tightened_before_the_first_write(invoke, tmp_path):
    directory = tmp_path / "idcctl"
    directory.mkdir()
    directory.chmod(0o755)
    result = invoke("config", "set", "location", "bus02", env={"IDCCTL_CONFIG": str(directory / "config.toml")})
    assert result.exit_code == 0, result.stderr
    assert mode(directory) == 0o700 and "changed to 700" in result.stderr


def test_an_unknown_profile_is_named(invoke):
    result = invoke("-p", "nosuch", "vm", "list", key=None)
    assert result.exit_code == 3 and "there is no profile named 'nosuch'" in result.stderr
