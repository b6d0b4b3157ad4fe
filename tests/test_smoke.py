import httpx
import respx
from tests.conftest import BASE

USER = {"id": 8, "name": "user@example.com", "profile_data": {"first_name": "Cloudia"}}


def test_user_show_json_with_global_option_after_command(invoke):
    with respx.mock(assert_all_called=True) as mock:
        route = mock.get(f"{BASE}/v1/user-resource/user").mock(return_value=httpx.Response(200, json=USER))
        result = invoke("user", "show", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == USER
    assert route.calls.last.request.headers["apikey"] == "sk-test-0123456789abcdefXYZ"
