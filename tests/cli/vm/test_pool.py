"""`vm pool list`: the table and the location in the path."""

from __future__ import annotations

from tests.cli.conftest import api, ok

# -- pools and parameters ----------------------------------------------------------

POOLS = [{"created_at": "2022-12-28 13:50:52", "description": "A server class for a wide range of purposes",
          "is_default_designated": True, "name": "General", "updated_at": "2023-02-21 08:17:13",
          "uuid": "4820b11f-82c9-4313-a1ef-14d6039981db"}]


def test_pool_list_table_and_location(invoke):
    with api() as mock:
        route = mock.get("/v1/bus02/user-resource/host_pool/list").mock(return_value=ok(POOLS))
        result = invoke("vm", "pool", "list", "-l", "bus02")
    assert result.exit_code == 0, result.stderr
    assert route.call_count == 1
    assert result.stdout == (
        "NAME     UUID                                  DEFAULT  DESCRIPTION\n"
        "General  4820b11f-82c9-4313-a1ef-14d6039981db  yes      A server class for a wide range of purposes\n"
    )
