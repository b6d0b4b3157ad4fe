"""`user show|update`: exact requests and printed output."""

from __future__ import annotations

import httpx
import respx

from tests.cli.conftest import form_of
from tests.conftest import BASE

USER = {
    "id": 8, "name": "user@example.com", "last_activity": "2018-02-22 14:18:47",
    "profile_data": {"first_name": "Cloudia", "last_name": "Iaas", "email": "user@example.com"},
}


def test_user_show_table_and_json(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/user").mock(return_value=httpx.Response(200, json=USER))
        table = invoke("user", "show")
        as_json = invoke("-o", "json", "user", "show")
    assert table.exit_code == 0
    assert "profile_data.first_name" in table.stdout and "Cloudia" in table.stdout
    assert as_json.json() == USER and as_json.stderr == ""


def test_user_update_sends_only_given_fields_as_form(invoke):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.patch(f"{BASE}/v1/user-resource/user/profile").mock(
            return_value=httpx.Response(200, json=USER["profile_data"]))
        result = invoke("user", "update", "--first-name", "Ada", "--phone", "+372 555", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"first_name": "Ada", "phone_number": "+372 555"}
    assert result.json() == USER["profile_data"]


def test_user_update_with_nothing_is_rejected_before_sending(invoke):
    with respx.mock(assert_all_mocked=True) as mock:
        result = invoke("user", "update")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2 and "nothing to update" in result.stderr


def test_user_show_json_with_global_option_after_command(invoke):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(f"{BASE}/v1/user-resource/user").mock(return_value=httpx.Response(200, json=USER))
        result = invoke("user", "show", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == USER
    assert route.calls.last.request.headers["apikey"] == "sk-test-0123456789abcdefXYZ"
