"""`vm list --all-locations` reuses the location list (per profile and API URL) so the fan-out starts at once."""

from __future__ import annotations

import httpx
import respx

from tests.conftest import BASE

LOCATIONS = [{"slug": "cyc01", "is_default": True}, {"slug": "bus02", "is_default": False}]
OTHER = "https://other.idcloudhost.test"


def mock_api(base: str = BASE, locations=None):
    mock = respx.mock(assert_all_called=False)
    loc = mock.get(f"{base}/v1/config/locations").mock(
        return_value=locations or httpx.Response(200, json=LOCATIONS))
    for slug in ("cyc01", "bus02"):
        mock.get(f"{base}/v1/{slug}/user-resource/vm/list").mock(
            return_value=httpx.Response(200, json=[{"name": f"vm-{slug}", "uuid": slug}]))
    return mock, loc


def names(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [vm["name"] for vm in result.json()]


def test_the_second_fan_out_does_not_ask_for_the_locations_again(invoke):
    mock, loc = mock_api()
    with mock:
        first = invoke("vm", "list", "--all-locations", "-o", "json")
        second = invoke("vm", "list", "--all-locations", "-o", "json")
        assert loc.call_count == 1  # respx forgets its calls on leaving the block
    assert names(first) == names(second) == ["vm-cyc01", "vm-bus02"]


def test_the_location_list_is_cached_per_api_url_and_per_profile(invoke):
    mock, loc = mock_api()
    other, other_loc = mock_api(OTHER)
    with mock, other:
        invoke("vm", "list", "--all-locations", "-o", "json")
        assert names(invoke("vm", "list", "--all-locations", "-o", "json", env={"IDCCTL_API_URL": OTHER})) \
            == ["vm-cyc01", "vm-bus02"]
        invoke("vm", "list", "--all-locations", "-o", "json", env={"IDCCTL_PROFILE": "second"})
        assert loc.call_count == 2 and other_loc.call_count == 1


def test_a_failed_location_call_is_not_cached(invoke):
    mock, loc = mock_api(locations=httpx.Response(401, json={"message": "bad key"}))
    with mock:
        failed = invoke("vm", "list", "--all-locations", "-o", "json")
    assert failed.exit_code == 3 and failed.stdout == ""
    mock, loc = mock_api()
    with mock:
        assert names(invoke("vm", "list", "--all-locations", "-o", "json")) == ["vm-cyc01", "vm-bus02"]
        assert loc.call_count == 1


def test_an_empty_location_list_is_not_cached(invoke):
    mock, loc = mock_api(locations=httpx.Response(200, json=[]))
    with mock:
        assert invoke("vm", "list", "--all-locations", "-o", "json").json() == []
        invoke("vm", "list", "--all-locations", "-o", "json")
        assert loc.call_count == 2


def test_an_expired_location_list_is_fetched_again(invoke, tmp_path):
    import json
    import os

    mock, loc = mock_api()
    with mock:
        invoke("vm", "list", "--all-locations", "-o", "json")
        for entry in (tmp_path / "cache").glob("locations-*.json"):
            doc = json.loads(entry.read_text())
            doc["stored_at"] -= 301
            entry.write_text(json.dumps(doc))
            os.utime(entry)
        invoke("vm", "list", "--all-locations", "-o", "json")
        assert loc.call_count == 2
