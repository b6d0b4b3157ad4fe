"""`profile list|show|use|delete`: what is stored, what is printed, and that keys stay hidden."""

from __future__ import annotations

from tests.cli.conftest import TWO_PROFILES
from tests.conftest import KEY, stored, write_config

# -- profile ----------------------------------------------------------------

WORK_ROW = {"name": "work", "active": True, "api_key": "sk-t…fXYZ", "location": "bus02", "api_url": None,
            "output": None, "billing_account": None, "timeout": 30.0}
HOME_ROW = {"name": "home", "active": False, "api_key": "****", "location": None, "api_url": None,
            "output": None, "billing_account": 42, "timeout": None}


def test_profile_list_json_masks_keys(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "list", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == [WORK_ROW, HOME_ROW]
    assert KEY not in result.stdout and "short" not in result.stdout


def test_profile_list_table_and_yaml(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    table = invoke("profile", "list")
    as_yaml = invoke("profile", "list", "-o", "yaml")
    assert table.exit_code == 0
    assert table.stdout == ("NAME  ACTIVE  API KEY    LOCATION  API URL\n"
                            "work  yes     sk-t…fXYZ  bus02     -\n"
                            "home  no      ****       -         -\n")
    assert "api_key: sk-t…fXYZ" in as_yaml.stdout and KEY not in as_yaml.stdout


def test_profile_list_with_no_config_is_empty(invoke, config_file):
    result = invoke("profile", "list", "-o", "json")
    assert result.exit_code == 0 and result.json() == []
    assert not config_file.exists()


def test_profile_show_current_and_named(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    current = invoke("profile", "show", "-o", "json")
    named = invoke("profile", "show", "home", "-o", "json")
    by_env = invoke("profile", "show", "-o", "json", env={"IDCCTL_PROFILE": "home"})
    assert (current.exit_code, named.exit_code, by_env.exit_code) == (0, 0, 0)
    assert current.json() == WORK_ROW
    assert named.json() == HOME_ROW and by_env.json() == HOME_ROW


def test_profile_show_table(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "show", "work")
    assert result.stdout == ("name             work\n"
                             "active           yes\n"
                             "api_key          sk-t…fXYZ\n"
                             "location         bus02\n"
                             "api_url          -\n"
                             "output           -\n"
                             "billing_account  -\n"
                             "timeout          30.0\n")


def test_profile_show_unknown_is_exit_4(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "show", "nope")
    assert result.exit_code == 4 and "no profile named 'nope'" in result.stderr and result.stdout == ""


def test_profile_use_sets_the_active_profile(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "use", "home")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Now using profile 'home'.\n"
    assert stored(config_file)["active_profile"] == "home"
    assert invoke("profile", "list", "-o", "json").json()[1]["active"] is True


def test_profile_use_unknown_is_exit_4_with_a_hint(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    before = config_file.read_bytes()
    result = invoke("profile", "use", "nope")
    assert result.exit_code == 4
    assert "no profile named 'nope'" in result.stderr and "idcctl profile list" in result.stderr
    assert config_file.read_bytes() == before


def test_profile_delete_refuses_without_terminal_or_yes(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    before = config_file.read_bytes()
    result = invoke("profile", "delete", "work")
    assert result.exit_code == 2 and "--yes" in result.stderr
    assert config_file.read_bytes() == before


def test_profile_delete_with_yes_clears_the_active_profile(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "delete", "work", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Deleted profile 'work'.\n"
    assert stored(config_file) == {"profiles": {"home": {"api_key": "short", "billing_account": 42}}}


def test_profile_delete_asks_on_a_terminal(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    declined = invoke("profile", "delete", "home", input="n\n", tty=True)
    assert declined.exit_code == 1 and "home" in stored(config_file)["profiles"]
    accepted = invoke("profile", "delete", "home", input="y\n", tty=True)
    assert accepted.exit_code == 0
    assert accepted.stderr.startswith("Delete profile 'home' with its API key and settings? [y/N]: ")
    doc = stored(config_file)
    assert list(doc["profiles"]) == ["work"] and doc["active_profile"] == "work"


def test_profile_delete_unknown_is_exit_4(invoke, config_file):
    write_config(config_file, TWO_PROFILES)
    result = invoke("profile", "delete", "nope", "--yes")
    assert result.exit_code == 4 and "no profile named 'nope'" in result.stderr
