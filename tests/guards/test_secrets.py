"""The API key never appears on stdout or stderr, whatever the command, --debug included."""

from __future__ import annotations

import pytest

from tests.conftest import KEY

VM = "Ubuntu-3-16-04"
COMMANDS = [
    ("user", "show"), ("user", "update", "--first-name", "Ada"),
    ("token", "list"), ("token", "list", "--show-secrets"), ("token", "create", "--description", "x"),
    ("token", "update", "2", "--description", "y"), ("token", "delete", "7", "--yes"),
    ("location", "list"),
    ("vm", "list"), ("vm", "list", "--all-locations"), ("vm", "show", VM), ("vm", "params"),
    ("vm", "pool", "list"), ("image", "list"), ("vm", "snapshot", "list", VM),
    ("vm", "stop", VM, "--wait"), ("vm", "start", VM), ("vm", "delete", VM, "--dry-run"),
    ("vm", "create", "--name", "web-1", "--os", "ubuntu", "--os-version", "22.04-lts", "--disk-size", "20",
     "--vcpu", "1", "--ram", "1024", "--username", "ops", "--password", "Secret123"),
    ("config", "list", "--show-origin"), ("profile", "list"), ("profile", "show"),
    ("api", "GET", "/v1/user-resource/user"), ("api", "DELETE", "/v1/x", "--dry-run"),
    ("vm", "show", "no-such-vm"), ("user", "show", "--api-url", "http://127.0.0.1:9"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("output", ["table", "json", "yaml"])
def test_key_never_printed(invoke, sandbox_url, tmp_path, args, output):
    result = invoke(*args, "--debug", "-o", output,
                    env={"IDCCTL_API_URL": sandbox_url, "IDCCTL_CACHE_DIR": str(tmp_path / "cache")})
    assert "Traceback" not in result.stderr  # exit codes vary as state changes; the key is the point
    assert KEY not in result.stdout
    assert KEY not in result.stderr


def test_login_never_echoes_the_key(invoke, sandbox_url, config_file):
    result = invoke("auth", "login", "--api-key-stdin", "--debug", input=KEY + "\n", key=None,
                    env={"IDCCTL_API_URL": sandbox_url})
    assert result.exit_code == 0, result.stderr
    assert KEY not in result.stdout + result.stderr
    assert KEY in config_file.read_text()  # stored, just never shown
