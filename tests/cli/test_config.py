"""`config set|get|unset|list`: what is written, what is printed."""

from __future__ import annotations

import pytest

from tests.conftest import BASE, KEY, stored, write_config

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
