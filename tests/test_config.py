"""`config` commands and the config file: precedence, modes, atomic and concurrent writes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest
import respx
from tests.conftest import BASE, KEY


def write_config(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o600)


def stored(path: Path) -> dict:
    return tomllib.loads(path.read_text())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- set / get / unset ------------------------------------------------------


def test_config_set_creates_the_current_profile_with_normalised_values(invoke, config_file):
    results = [invoke("config", "set", "location", "bus02"),
               invoke("config", "set", "billing_account", "1234"),
               invoke("config", "set", "timeout", "45"),
               invoke("config", "set", "api_url", "http://127.0.0.1:8080/"),
               invoke("config", "set", "output", "yaml")]
    assert [r.exit_code for r in results] == [0] * 5
    assert results[0].stderr == "Set location in profile 'default'.\n" and results[0].stdout == ""
    assert stored(config_file) == {"profiles": {"default": {
        "location": "bus02", "billing_account": 1234, "timeout": 45.0,
        "api_url": "http://127.0.0.1:8080", "output": "yaml"}}}


def test_config_set_writes_to_the_profile_chosen_by_flag(invoke, config_file):
    write_config(config_file, 'active_profile = "a"\n[profiles.a]\nlocation = "cyc01"\n')
    result = invoke("-p", "b", "config", "set", "location", "bus02")
    assert result.exit_code == 0
    assert stored(config_file)["profiles"] == {"a": {"location": "cyc01"}, "b": {"location": "bus02"}}


def test_config_set_fixes_a_broken_stored_value(invoke, config_file):
    write_config(config_file, '[profiles.default]\ntimeout = "soon"\n')
    assert invoke("config", "get", "timeout").exit_code == 2
    result = invoke("config", "set", "timeout", "60")
    assert result.exit_code == 0, result.stderr
    assert invoke("config", "get", "timeout").stdout == "60\n"


@pytest.mark.parametrize("key, value, message", [
    ("output", "xml", "output must be one of table, json, yaml, not 'xml'"),
    ("timeout", "0", "timeout must be a number of seconds above 0"),
    ("billing_account", "12a", "billing_account must be a whole number"),
    ("api_url", "ftp://x", "api_url must start with http:// or https://"),
    ("location", "Bus 02", "location must be a slug"),
    ("colour", "blue", "unknown setting 'colour'"),
])
def test_config_set_rejects_bad_values_and_writes_nothing(invoke, config_file, key, value, message):
    result = invoke("config", "set", key, value)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not config_file.exists()


def test_config_get_prints_the_effective_value_or_nothing(invoke, config_file):
    write_config(config_file, '[profiles.default]\nlocation = "bus02"\ntimeout = 30.5\n')
    location, timeout, unset = (invoke("config", "get", "location"), invoke("config", "get", "timeout"),
                                invoke("config", "get", "billing_account"))
    assert (location.exit_code, location.stdout) == (0, "bus02\n")
    assert (timeout.exit_code, timeout.stdout) == (0, "30.5\n")
    assert (unset.exit_code, unset.stdout, unset.stderr) == (0, "", "")


def test_config_get_unknown_key_is_exit_2(invoke):
    result = invoke("config", "get", "colour")
    assert result.exit_code == 2 and "unknown setting 'colour'" in result.stderr and result.stdout == ""


def test_config_unset_removes_only_that_setting(invoke, config_file):
    write_config(config_file, f'[profiles.default]\napi_key = "{KEY}"\nlocation = "bus02"\n')
    result = invoke("config", "unset", "location")
    again = invoke("config", "unset", "location")
    bad = invoke("config", "unset", "colour")
    assert result.exit_code == 0 and result.stderr == "Unset location in profile 'default'.\n"
    assert again.exit_code == 0 and again.stderr == "location was not set in profile 'default'.\n"
    assert bad.exit_code == 2
    assert stored(config_file) == {"profiles": {"default": {"api_key": KEY}}}


# -- list -------------------------------------------------------------------

MIXED = f'active_profile = "work"\n[profiles.work]\napi_key = "{KEY}"\nlocation = "cyc01"\ntimeout = 30.0\n'


def test_config_list_json_and_with_origins(invoke, config_file):
    write_config(config_file, MIXED)
    env = {"IDCCTL_BILLING_ACCOUNT": "77", "IDCCTL_API_KEY": None}
    plain = invoke("config", "list", "-o", "json", "-l", "bus02", env=env)
    origins = invoke("config", "list", "--show-origin", "-o", "json", "-l", "bus02", env=env)
    assert plain.exit_code == 0 and origins.exit_code == 0
    assert plain.json() == {"profile": "work", "location": "bus02", "output": "json", "billing_account": 77,
                            "api_url": BASE, "timeout": 30.0, "api_key": "sk-t…fXYZ"}
    assert origins.json() == {
        "profile": {"value": "work", "origin": "profile"},
        "location": {"value": "bus02", "origin": "flag"},
        "output": {"value": "json", "origin": "flag"},
        "billing_account": {"value": 77, "origin": "env"},
        "api_url": {"value": BASE, "origin": "env"},
        "timeout": {"value": 30.0, "origin": "profile"},
        "api_key": {"value": "sk-t…fXYZ", "origin": "profile"},
    }
    assert KEY not in plain.stdout + origins.stdout


def test_config_list_table_with_and_without_origins(invoke, config_file):
    write_config(config_file, MIXED)
    plain = invoke("config", "list", env={"IDCCTL_API_URL": None})
    origins = invoke("config", "list", "--show-origin", env={"IDCCTL_API_URL": None})
    assert plain.stdout == ("KEY              VALUE\n"
                            "profile          work\n"
                            "location         cyc01\n"
                            "output           table\n"
                            "billing_account  -\n"
                            "api_url          https://api.idcloudhost.com\n"
                            "timeout          30.0\n"
                            "api_key          sk-t…fXYZ\n")
    assert origins.stdout == ("KEY              VALUE                        ORIGIN\n"
                              "profile          work                         profile\n"
                              "location         cyc01                        profile\n"
                              "output           table                        default\n"
                              "billing_account  -                            default\n"
                              "api_url          https://api.idcloudhost.com  default\n"
                              "timeout          30.0                         profile\n"
                              "api_key          sk-t…fXYZ                    env\n")


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
