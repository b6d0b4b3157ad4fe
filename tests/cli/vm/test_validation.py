"""The local rules of `vm create`, as pure functions over parameters and image data."""

from __future__ import annotations

import json

import pytest

from idcctl.cli.vm import validation as v
from idcctl.errors import UsageError

P = v.FALLBACK_PARAMETERS
IMAGES = [
    {"os_name": "ubuntu", "versions": [{"os_version": "20.04-lts", "published": True},
                                       {"os_version": "22.04-lts", "published": True},
                                       {"os_version": "18.04-lts", "published": False}]},
    {"os_name": "windows", "versions": [{"os_version": "2022"}]},
    {"os_name": "centos", "versions": [{"os_version": "7.6", "published": True}]},
]


def test_rule_merges_the_per_os_limit():
    assert v.rule(P, "vcpu", "ubuntu")["min"] == 1
    assert v.rule(P, "vcpu", "windows")["min"] == 2
    assert v.rule(P, "vcpu", "windows")["max"] == 16
    assert v.rule(P, "username", "windows")["mandatory"] is False
    assert v.rule(P, "nope") is None
    assert v.rule({"not": "a list"}, "vcpu") is None


@pytest.mark.parametrize("name", ["web1", "web-01", "A-b-C", "1234"])
def test_good_names(name):
    assert v.check_text(P, "name", name, "ubuntu", option="--name") == []


@pytest.mark.parametrize("name", ["ab", "web_1", "-web", "web-", "we b1"])
def test_bad_names_say_what_is_allowed(name):
    [problem] = v.check_text(P, "name", name, "ubuntu", option="--name")
    assert problem.startswith(f"--name '{name}' is not allowed (use ")
    assert "at least 4 characters of letters, digits and '-'" in problem


def test_weak_password_is_explained_and_never_echoed():
    [problem] = v.check_text(P, "password", "hunter22", "ubuntu", option="the password", secret=True)
    assert "hunter22" not in problem
    assert "at least 8 characters with a lower-case letter, an upper-case letter and a digit" in problem
    assert v.check_text(P, "password", "Hunter22", "ubuntu", option="x", secret=True) == []


def test_username_required_except_on_windows():
    [problem] = v.check_text(P, "username", None, "ubuntu", option="--username")
    assert problem.startswith("--username is required for ubuntu")
    assert v.check_text(P, "username", None, "windows", option="--username") == []
    assert v.check_text(P, "username", "9lives", "windows", option="--username") != []
    assert v.check_text(P, "username", "deploy_1", "ubuntu", option="--username") == []


def test_unknown_expression_is_shown_and_a_broken_one_skipped():
    params = [{"parameter": "name", "constraint": "regexp", "expression": "^x+$"}]
    assert v.check_text(params, "name", "y", None, option="--name") == [
        "--name 'y' is not allowed (use a value matching ^x+$)"]
    broken = [{"parameter": "name", "constraint": "regexp", "expression": "(["}]
    assert v.check_text(broken, "name", "y", None, option="--name") == []


@pytest.mark.parametrize("param, value, os_name, expected", [
    ("vcpu", 0, "ubuntu", "--vcpu 0 is out of range (allowed: 1 to 16)"),
    ("vcpu", 17, "ubuntu", "--vcpu 17 is out of range (allowed: 1 to 16)"),
    ("vcpu", 1, "windows", "--vcpu 1 is out of range (allowed for windows: 2 to 16)"),
    ("ram", 512, "windows", "--ram 512 MB is out of range (allowed for windows: 1024 to 65536 MB)"),
    ("ram", 100, "ubuntu", "--ram 100 MB is out of range (allowed: 512 to 65536 MB)"),
    ("disks", 10, "ubuntu", "--disk-size 10 GB is out of range (allowed: 20 to 240 GB)"),
])
def test_out_of_range(param, value, os_name, expected):
    option = {"vcpu": "--vcpu", "ram": "--ram", "disks": "--disk-size"}[param]
    unit = {"vcpu": "", "ram": "MB", "disks": "GB"}[param]
    assert v.check_range(P, param, value, os_name, option=option, unit=unit) == [expected]


def test_in_range_and_one_sided_ranges():
    assert v.check_range(P, "vcpu", 16, "ubuntu", option="--vcpu") == []
    assert v.check_range(P, "ram", 512, "ubuntu", option="--ram") == []
    assert v.check_range(P, "vcpu", None, "ubuntu", option="--vcpu") == []
    only_min = [{"parameter": "vcpu", "constraint": "range", "min": 2}]
    assert v.check_range(only_min, "vcpu", 1, None, option="--vcpu") == [
        "--vcpu 1 is out of range (allowed: at least 2)"]


def test_published_versions_skip_unpublished():
    assert v.published_versions(IMAGES) == {
        "ubuntu": ["20.04-lts", "22.04-lts"], "windows": ["2022"], "centos": ["7.6"]}
    assert v.published_versions(None) == {}


def test_known_os_and_version_pass():
    assert v.check_os(IMAGES, "ubuntu", "22.04-lts") == []


def test_bare_ubuntu_version_suggests_lts():
    [problem] = v.check_os(IMAGES, "ubuntu", "22.04")
    assert problem == ("--os-version '22.04' is not available for ubuntu (did you mean 22.04-lts? "
                       "available: 20.04-lts, 22.04-lts)")


def test_unpublished_version_is_unknown():
    [problem] = v.check_os(IMAGES, "ubuntu", "18.04-lts")
    assert "--os-version '18.04-lts' is not available for ubuntu" in problem


def test_unknown_os_lists_the_known_ones():
    assert v.check_os(IMAGES, "ubunto", "22.04-lts") == [
        "--os 'ubunto' is unknown (did you mean ubuntu? known: ubuntu, windows, centos)"]
    assert v.check_os(IMAGES, "plan9", "4") == ["--os 'plan9' is unknown (known: ubuntu, windows, centos)"]


def test_no_image_data_checks_nothing():
    assert v.check_os([], "anything", "1") == []


def test_closest():
    assert v.closest("22.04", ["20.04-lts", "22.04-lts"]) == "22.04-lts"
    assert v.closest("7", ["7.6", "7.3.1611"]) == "7.6"
    assert v.closest("zzz", ["7.6"]) is None


def test_cloud_init_yaml_and_json_become_compact_json():
    yaml_text = "#cloud-config\nruncmd:\n  - echo hi\nwrite_files:\n  - path: /x\n    content: y\n"
    doc = v.parse_cloud_init(yaml_text, source="ci.yaml")
    text = v.cloud_init_text(doc)
    assert text == '{"runcmd":["echo hi"],"write_files":[{"path":"/x","content":"y"}]}'
    assert v.cloud_init_text(v.parse_cloud_init(text, source="ci.json")) == text


def test_cloud_init_dates_are_sent_as_written():
    doc = v.parse_cloud_init("runcmd: [2024-01-02]", source="f")
    assert json.loads(v.cloud_init_text(doc)) == {"runcmd": ["2024-01-02"]}


@pytest.mark.parametrize("text", ["- a list", "just text", "", "runcmd: [unclosed"])
def test_cloud_init_must_be_a_mapping(text):
    with pytest.raises(UsageError) as info:
        v.parse_cloud_init(text, source="ci.yaml")
    assert info.value.exit_code == 2
    assert "--cloud-init ci.yaml" in str(info.value)


def test_cloud_init_takes_any_keys():
    # The 2025 reference: any cloud-init keys, overriding the platform's (users overrides username).
    doc = v.parse_cloud_init("runcmd: []\npackages: [nginx]\nusers: []\nbootcmd: [x]\n", source="ci.yaml")
    assert json.loads(v.cloud_init_text(doc)) == {"runcmd": [], "packages": ["nginx"], "users": [], "bootcmd": ["x"]}


def test_users_block_with_username_warns():
    doc = {"users": [{"name": "x"}]}
    [warning] = v.cloud_init_warnings(doc, username="deploy")
    assert "no working login" in warning
    assert v.cloud_init_warnings(doc, username=None) == []
    assert v.cloud_init_warnings({"runcmd": []}, username="deploy") == []


def test_fail_if_joins_problems_into_one_usage_error():
    v.fail_if([])
    with pytest.raises(UsageError) as info:
        v.fail_if(["a is wrong", "b is wrong"])
    assert str(info.value) == "a is wrong; b is wrong"
    assert info.value.exit_code == 2
