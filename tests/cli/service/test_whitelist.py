"""`service whitelist list|add|remove` through the CLI, against respx."""

from __future__ import annotations

import pytest

from tests.cli.conftest import api, form_of, ok
from tests.cli.service.conftest import DB, LIST, PG, PKG, SHOP

WL = f"{PKG}/{PG}/whitelist_addresses"
ENTRIES = ["10.123.8.0/24", "176.112.157.203"]


def test_list_table_one_entry_per_line_and_json_as_is(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))
        mock.get(WL).mock(return_value=ok(ENTRIES))
        table = invoke("service", "whitelist", "list", "db")
        as_json = invoke("service", "whitelist", "list", "db", "-o", "json")
        quiet = invoke("service", "whitelist", "list", "db", "-q")
    assert table.exit_code == 0, table.stderr
    assert table.stdout == "ENTRY\n10.123.8.0/24\n176.112.157.203\n"
    assert as_json.json() == ENTRIES
    assert quiet.stdout == "10.123.8.0/24\n176.112.157.203\n"


def test_empty_list_says_it_means_no_restriction(invoke):
    with api() as mock:
        mock.get(WL).mock(return_value=ok([]))
        table = invoke("service", "whitelist", "list", PG)
        as_json = invoke("service", "whitelist", "list", PG, "-o", "json")
    assert "empty whitelist means no restriction" in table.stderr
    assert as_json.json() == [] and as_json.stderr == ""


def test_help_explains_an_empty_whitelist(invoke):
    result = invoke("service", "whitelist", "--help")
    assert "An empty whitelist means no restriction" in " ".join(result.stdout.split())


@pytest.mark.parametrize("cidr, message", [
    ("300.1.1.1", "'300.1.1.1' is not an IP address or CIDR block"),
    ("10.0.0.1/24", "has host bits set; the block is 10.0.0.0/24"),
    ("10.0.0.0/33", "is not an IP address or CIDR block"),
    ("db.example.com", "is not an IP address or CIDR block"),
    ("", "is not an IP address or CIDR block"),
])
@pytest.mark.parametrize("verb", ["add", "remove"])
def test_bad_entries_are_exit_2_with_nothing_sent(invoke, verb, cidr, message):
    with api(assert_all_called=False) as mock:
        result = invoke("service", "whitelist", verb, "db", cidr, "--yes")
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert message in result.stderr


def test_add_sends_the_form_and_prints_the_new_list(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))
        mock.get(WL).mock(return_value=ok(["176.112.157.203"]))
        route = mock.post(WL).mock(return_value=ok(["176.112.157.203", "1.2.3.0/24"]))
        result = invoke("service", "whitelist", "add", "db", "1.2.3.0/24", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"ip_address": "1.2.3.0/24"}
    assert result.json() == ["176.112.157.203", "1.2.3.0/24"]
    assert "Added 1.2.3.0/24 to the whitelist of service db." in result.stderr


@pytest.mark.parametrize("cidr", ["176.112.157.203", "176.112.157.203/32", " 10.123.8.0/24"])
def test_add_of_an_entry_already_there_sends_nothing(invoke, cidr):
    with api(assert_all_called=False) as mock:
        mock.get(WL).mock(return_value=ok(ENTRIES))
        route = mock.post(WL).mock(return_value=ok(ENTRIES))
        result = invoke("service", "whitelist", "add", PG, cidr)
    assert result.exit_code == 0, result.stderr
    assert not route.called
    assert "is already in the whitelist" in result.stderr and "nothing was sent" in result.stderr


def test_first_entry_warns_that_everyone_else_is_now_locked_out(invoke):
    with api() as mock:
        mock.get(WL).mock(return_value=ok([]))
        route = mock.post(WL).mock(return_value=ok(["2001:db8::/32"]))
        result = invoke("service", "whitelist", "add", PG, "2001:0db8::/32")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"ip_address": "2001:db8::/32"}
    assert "was empty (no restriction); from now on only the whitelisted addresses may connect" in result.stderr


def test_add_dry_run_reads_but_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(WL).mock(return_value=ok(ENTRIES))
        route = mock.post(WL).mock(return_value=ok(ENTRIES))
        result = invoke("service", "whitelist", "add", PG, "1.2.3.4", "--dry-run")
    assert result.exit_code == 0
    assert not route.called
    assert "ip_address=1.2.3.4" in result.stdout


def test_remove_of_an_absent_entry_is_exit_4(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{PKG}/{PG}").mock(return_value=ok(DB))
        mock.get(WL).mock(return_value=ok(ENTRIES))
        route = mock.delete(WL).mock(return_value=ok(ENTRIES))
        result = invoke("service", "whitelist", "remove", PG, "1.2.3.4", "--yes")
    assert result.exit_code == 4
    assert f"1.2.3.4 is not in the whitelist of service db ({PG})" in result.stderr
    assert not route.called


def test_remove_refuses_without_a_terminal(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{PKG}/{PG}").mock(return_value=ok(DB))
        mock.get(WL).mock(return_value=ok(ENTRIES))
        route = mock.delete(WL).mock(return_value=ok(ENTRIES[1:]))
        result = invoke("service", "whitelist", "remove", PG, "10.123.8.0/24")
    assert result.exit_code == 2
    assert "refusing to remove 10.123.8.0/24 from the whitelist of service db" in result.stderr
    assert not route.called


def test_remove_asks_and_sends_the_entry_as_the_api_spells_it(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))
        mock.get(WL).mock(return_value=ok(ENTRIES))
        route = mock.delete(WL).mock(return_value=ok(["10.123.8.0/24"]))
        result = invoke("service", "whitelist", "remove", "db", "176.112.157.203/32", "-o", "json",
                        tty=True, input="y\n")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"ip_address": "176.112.157.203"}
    assert (f"Remove 176.112.157.203 from the whitelist of service db ({PG})? "
            "Connections from 176.112.157.203 will no longer be allowed. [y/N]") in result.stderr
    assert result.json() == ["10.123.8.0/24"]
    assert "reachable from every address" not in result.stderr


def test_removing_the_last_entry_warns_the_service_opens_to_everyone(invoke):
    with api() as mock:
        mock.get(f"{PKG}/{PG}").mock(return_value=ok(DB))
        mock.get(WL).mock(return_value=ok(["176.112.157.203"]))
        route = mock.delete(WL).mock(return_value=ok([]))
        result = invoke("service", "whitelist", "remove", PG, "176.112.157.203", "--yes", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert route.called
    assert "is the last whitelist entry" in result.stderr and "reachable from every address" in result.stderr
    assert result.json() == []


def test_remove_dry_run_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{PKG}/{PG}").mock(return_value=ok(DB))
        mock.get(WL).mock(return_value=ok(ENTRIES))
        route = mock.delete(WL).mock(return_value=ok([]))
        result = invoke("service", "whitelist", "remove", PG, "10.123.8.0/24", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert not route.called
    assert f"DELETE https://api.idcloudhost.test{WL}" in result.stdout
