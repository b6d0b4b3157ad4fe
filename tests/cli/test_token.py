"""`token` commands: exact requests, masked tables, confirmations."""

from __future__ import annotations

import httpx
import respx

from tests.cli.conftest import form_of
from tests.conftest import BASE

TOKENS = [
    {"billing_account_id": 0, "created_at": "2018-02-21 14:00:07", "description": "hea token", "id": 2,
     "restricted": False, "token": "vYNKd8VWHg583sTkAZ8vKbyVtyXWILXn", "user_id": 8},
    {"billing_account_id": 6, "created_at": "2018-02-22 14:24:02", "description": "Token Description",
     "id": 7, "restricted": True, "token": "PS2vfOCKuU52be83QZhMMndqOusfFkHr", "user_id": 8},
]


def test_token_list_table_masks_tokens(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=TOKENS))
        result = invoke("token", "list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "ID  DESCRIPTION        RESTRICTED  BILLING ACCOUNT  TOKEN      CREATED",
        "2   hea token          no          0                vYNK…ILXn  2018-02-21 14:00:07",
        "7   Token Description  yes         6                PS2v…FkHr  2018-02-22 14:24:02",
    ]
    assert "vYNKd8VWHg583sTkAZ8vKbyVtyXWILXn" not in result.stdout


def test_token_list_json_is_unchanged_and_quiet_prints_ids(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=TOKENS))
        assert invoke("token", "list", "-o", "json").json() == TOKENS
        assert invoke("token", "list", "-q").stdout == "2\n7\n"


def test_token_create_sends_form_and_shows_the_new_token(invoke):
    created = TOKENS + [{"id": 9, "description": "ci", "restricted": True, "billing_account_id": 6,
                         "token": "NEWtokenNEWtokenNEWtoken12345678", "created_at": "2018-02-23 10:00:00"}]
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=TOKENS))
        route = mock.post(f"{BASE}/v1/user-resource/token").mock(return_value=httpx.Response(200, json=created))
        result = invoke("token", "create", "--description", "ci", "--restricted", "--billing-account", "6",
                        "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"description": "ci", "restricted": "true", "billing_account_id": "6"}
    assert route.call_count == 1
    assert result.json() == created[-1]


def test_token_create_uses_profile_billing_account(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=[]))
        route = mock.post(f"{BASE}/v1/user-resource/token").mock(return_value=httpx.Response(200, json=[]))
        result = invoke("token", "create", env={"IDCCTL_BILLING_ACCOUNT": "42"})
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"billing_account_id": "42"}  # restricted: only when asked


def test_token_update_restricted_flag_is_sent_only_when_restricting(invoke):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.patch(f"{BASE}/v1/user-resource/token").mock(return_value=httpx.Response(200, json=TOKENS[0]))
        restrict = invoke("token", "update", "2", "--restricted", "--description", "x")
        first = form_of(route)
        lift = invoke("token", "update", "7", "--unrestricted")
        second = form_of(route)
    assert restrict.exit_code == 0 and lift.exit_code == 0
    assert first == {"token_id": "2", "description": "x", "restricted": "true"}
    assert second == {"token_id": "7"}


def test_token_update_keeps_current_restriction_when_not_told(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=TOKENS))
        route = mock.patch(f"{BASE}/v1/user-resource/token").mock(return_value=httpx.Response(200, json=TOKENS[1]))
        result = invoke("token", "update", "7", "--description", "renamed", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"token_id": "7", "description": "renamed", "restricted": "true"}


def test_token_update_unknown_id_is_not_found(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/token/list").mock(return_value=httpx.Response(200, json=TOKENS))
        result = invoke("token", "update", "99", "--description", "x")
    assert result.exit_code == 4 and "99" in result.stderr


def test_token_delete_needs_confirmation_without_terminal(invoke):
    with respx.mock(assert_all_mocked=True) as mock:
        result = invoke("token", "delete", "7")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2 and "--yes" in result.stderr


def test_token_delete_with_yes_sends_form(invoke):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.delete(f"{BASE}/v1/user-resource/token").mock(
            return_value=httpx.Response(200, json={"success": True}))
        result = invoke("token", "delete", "7", "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"token_id": "7"}
    assert result.json() == {"success": True}


def test_token_delete_confirmed_on_a_terminal(invoke):
    with respx.mock(assert_all_called=True) as mock:
        mock.delete(f"{BASE}/v1/user-resource/token").mock(return_value=httpx.Response(200, json={}))
        result = invoke("token", "delete", "7", tty=True, input="y\n")
    assert result.exit_code == 0 and "Delete API token 7?" in result.stderr


def test_token_delete_declined_on_a_terminal_sends_nothing(invoke):
    with respx.mock(assert_all_mocked=True) as mock:
        result = invoke("token", "delete", "7", tty=True, input="n\n")
        assert mock.calls.call_count == 0
    assert result.exit_code == 1 and "aborted" in result.stderr


def test_token_delete_dry_run_prints_the_request(invoke):
    with respx.mock(assert_all_mocked=True) as mock:
        result = invoke("token", "delete", "7", "--dry-run")
        assert mock.calls.call_count == 0
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"DELETE {BASE}/v1/user-resource/token"
    assert "token_id=7" in result.stdout and "apikey: ***" in result.stdout
