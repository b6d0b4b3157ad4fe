"""--dry-run changes nothing: neither the API (see the client tests) nor the local config file."""

from __future__ import annotations

import pytest


@pytest.fixture
def configured(invoke, config_file):
    assert invoke("config", "set", "location", "bus02").exit_code == 0
    assert invoke("sandbox", "profile", "--port", "9999").exit_code == 0
    return config_file.read_bytes()


@pytest.mark.parametrize("args", [
    ("config", "set", "location", "cyc01"),
    ("config", "unset", "location"),
    ("profile", "use", "sandbox"),
    ("profile", "delete", "sandbox"),
    ("auth", "logout", "-p", "sandbox"),
    ("sandbox", "profile", "--port", "1234", "--activate"),
], ids=" ".join)
def test_config_writes_are_only_described(invoke, config_file, configured, args):
    result = invoke(*args, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert config_file.read_bytes() == configured
    assert result.stdout.startswith(f"WRITE {config_file}\n")
    assert "nothing was sent or written" in result.stderr


def test_described_change_names_the_setting_and_masks_keys(invoke, configured):
    changed = invoke("config", "set", "location", "cyc01", "--dry-run")
    assert "profiles.default.location: 'bus02' -> 'cyc01'" in changed.stdout
    removed = invoke("profile", "delete", "sandbox", "--dry-run")
    assert "profiles.sandbox.api_key: **** -> (unset)" in removed.stdout
    assert "sandbox-key" not in removed.stdout
