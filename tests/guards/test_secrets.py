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


# -- redaction gaps of issue #17, item 8 -------------------------------------------------------


@pytest.mark.parametrize("key", ["ab1", "xy", "Q"])
def test_a_short_key_echoed_by_the_server_is_redacted(invoke, key):
    import httpx
    import respx

    from tests.conftest import BASE

    with respx.mock() as mock:
        mock.get(f"{BASE}/v1/user-resource/user").mock(
            return_value=httpx.Response(403, json={"message": f"apikey {key} is not valid"}))
        result = invoke("user", "show", "--debug", key=key)
    assert result.exit_code == 3
    assert f" {key} " not in result.stderr and "apikey *** is not valid" in result.stderr


def test_debug_and_dry_run_hide_the_password_of_the_api_url(invoke):
    import base64

    import httpx
    import respx

    url = "https://ops:hunter2secret@api.idcloudhost.test"
    basic = base64.b64encode(b"ops:hunter2secret").decode()
    with respx.mock() as mock:
        mock.get("https://api.idcloudhost.test/v1/user-resource/user").mock(
            side_effect=[httpx.Response(503), httpx.Response(200, json={"id": 1})])
        traced = invoke("user", "show", "--debug", "-o", "json", "--api-url", url)
        dry = invoke("token", "delete", "7", "--yes", "--dry-run", "--api-url", url)
    assert traced.exit_code == 0, traced.stderr
    for result in (traced, dry):
        assert "hunter2secret" not in result.stdout + result.stderr
        assert basic not in result.stdout + result.stderr
    assert "debug: > GET https://***@api.idcloudhost.test/v1/user-resource/user" in traced.stderr
    assert "debug: > authorization: ***" in traced.stderr  # the retry carries the Basic header
    assert dry.stdout.startswith("DELETE https://***@api.idcloudhost.test/v1/user-resource/token")
