"""`vm create`'s local checks: bad input is exit 2 and nothing is sent."""

from __future__ import annotations

import pytest
import respx

from tests.cli.vm.conftest import BASIC, DISK_UUID, rejected, replaced


@pytest.mark.parametrize("change, expected", [
    (("--name", "a_b"), "--name 'a_b' is not allowed (use at least 4 characters"),
    (("--vcpu", "17"), "--vcpu 17 is out of range (allowed: 1 to 16)"),
    (("--vcpu", "0"), "--vcpu 0 is out of range (allowed: 1 to 16)"),
    (("--ram", "256"), "--ram 256 MB is out of range (allowed: 512 to 65536 MB)"),
    # 100 is the API's maximum here; the built-in rules would allow 240.
    (("--disk-size", "120"), "--disk-size 120 GB is out of range (allowed: 20 to 100 GB)"),
    (("--os", "ubnutu"), "--os 'ubnutu' is unknown (did you mean ubuntu? known: ubuntu, windows)"),
    (("--os-version", "22.04"), "--os-version '22.04' is not available for ubuntu (did you mean 22.04-lts?"),
    (("--username", "9lives"), "--username '9lives' is not allowed"),
])
def test_invalid_input_is_exit_2_and_nothing_is_sent(run, change, expected):
    result = rejected(run, *replaced(BASIC, *change))
    assert expected in result.stderr
    assert result.stdout == ""


def test_windows_limits_apply(run):
    args = ("vm", "create", "--name", "win-01", "--os", "windows", "--os-version", "2022",
            "--disk-size", "40", "--vcpu", "1", "--ram", "512", "--password-stdin")
    result = rejected(run, *args)
    # Every problem at once, each with what windows allows.
    assert "--vcpu 1 is out of range (allowed for windows: 2 to 16)" in result.stderr
    assert "--ram 512 MB is out of range (allowed for windows: 1024 to 65536 MB)" in result.stderr


def test_missing_username_for_linux_is_exit_2(run):
    args = [a for a in BASIC if a not in ("--username", "deploy")]
    result = rejected(run, *args)
    assert "--username is required for ubuntu" in result.stderr


def test_weak_password_is_exit_2_and_never_echoed(run):
    result = rejected(run, *BASIC, input="weakpass\n")
    assert "at least 8 characters with a lower-case letter, an upper-case letter and a digit" in result.stderr
    assert "weakpass" not in result.stderr + result.stdout


@pytest.mark.parametrize("content, expected", [
    ("- just a list\n", "must be a mapping"),
    ("runcmd: [unclosed\n", "is not valid YAML or JSON"),
])
def test_bad_cloud_init_is_exit_2_before_any_request(run, tmp_path, content, expected):
    cloud = tmp_path / "init.yaml"
    cloud.write_text(content)
    with respx.mock(assert_all_called=True):  # no routes: any request fails the test
        result = run(*BASIC, "--cloud-init", str(cloud))
    assert result.exit_code == 2
    assert expected in result.stderr


def test_cloud_init_users_with_username_warns_before_another_check_fails(run, tmp_path):
    cloud = tmp_path / "init.yaml"
    cloud.write_text("users:\n  - name: admin\nruncmd: [true]\n")
    with respx.mock(assert_all_called=True):
        result = run(*BASIC, "--cloud-init", str(cloud), "--public-key", "ssh-ed25519 not-base64")
    assert result.exit_code == 2
    assert "warning: a cloud-init 'users:' block together with --username" in result.stderr
    assert "--public-key is not an OpenSSH public key line" in result.stderr


@pytest.mark.parametrize("extra, expected", [
    (("--source-vm", "golden"), "--source-vm and --source-replica go together"),
    (("--boot-disk", DISK_UUID), "--disk-size and --boot-disk exclude each other"),
    (("--password", "Other123"), "give --password or --password-stdin, not both"),
    (("--public-key", "@/nonexistent/id.pub"), "--public-key: cannot read /nonexistent/id.pub"),
    (("--public-key", "@-"), "only one of --password-stdin and --public-key @- can read stdin"),
])
def test_inconsistent_options_are_exit_2_before_any_request(run, extra, expected):
    with respx.mock(assert_all_called=True):
        result = run(*BASIC, *extra)
    assert result.exit_code == 2
    assert expected in result.stderr


def test_disk_size_is_required_without_boot_disk(run):
    args = [a for a in BASIC if a not in ("--disk-size", "20")]
    with respx.mock(assert_all_called=True):
        result = run(*args)
    assert result.exit_code == 2
    assert "--disk-size GB is required" in result.stderr
