"""--filter, --sort and --columns as global options: every list command, every format, no change ever."""

from __future__ import annotations

import pytest

from tests.cli.conftest import DB, U1, U2, U3, VM_PATH, WEB, api, make_vm, ok

IPS = "/v1/network/ip_addresses"
OLD = make_vm("old-1", U3, status="running", created_at="2018-02-22 14:18:47", vcpu=8)
NEW = {**WEB, "created_at": "2022-09-01T12:03:14.355+0000"}
VMS = [NEW, DB, OLD]


def _list(invoke, *args, ips=False):
    with api() as mock:
        route = mock.get(f"{VM_PATH}/list").mock(return_value=ok(VMS))
        if ips:
            mock.get(IPS).mock(return_value=ok([]))
        result = invoke("vm", "list", *args)
    assert route.call_count == 1 and route.calls.last.request.url.query == b""  # chosen here, not by the API
    return result


def test_filter_and_sort_json_is_the_api_rows_chosen_and_ordered(invoke):
    result = _list(invoke, "--filter", "status=running", "--sort", "-created_at", "-o", "json")
    assert result.exit_code == 0, result.stderr
    # Both timestamp shapes compared as time: 2022-09-01T...+0000 after 2018-02-22 14:18:47.
    assert result.json() == [NEW, OLD]
    assert result.stderr == ""


def test_yaml_and_quiet_choose_the_same_rows(invoke):
    import yaml

    assert yaml.safe_load(_list(invoke, "--filter", "name=*-1", "--sort", "vcpu", "-o", "yaml").stdout) == \
        [NEW, DB, OLD]
    assert _list(invoke, "--filter", "vcpu>=4", "-q").stdout == f"{U3}\n"


def test_table_shows_the_chosen_rows_in_order(invoke):
    result = _list(invoke, "--filter", "status!=stopped", "--sort", "-vcpu", "--columns", "name,vcpu", ips=True)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "NAME   VCPU\nold-1  8\nweb-1  2\n"


def test_filters_given_before_the_group_and_after_the_command_all_hold(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok(VMS))
        result = invoke("--filter", "status=running", "vm", "--sort", "name", "list", "--filter", "vcpu<4",
                        "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == [NEW]


def test_dotted_paths_compare_numbers(invoke):
    result = _list(invoke, "--filter", "storage.0.size>=40", "-o", "json")
    assert result.json() == [DB]


@pytest.mark.parametrize("option", ["--filter", "--sort"])
def test_an_unknown_field_is_exit_2_listing_the_fields(invoke, option):
    result = _list(invoke, option, "nosuch=1" if option == "--filter" else "nosuch", "-o", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert f"error: {option}: no field 'nosuch' in this data; it has: backup, billing_account," in result.stderr


@pytest.mark.parametrize("args", [("--filter", "nonsense"), ("--filter", "name>web"), ("--sort", "-")])
def test_a_malformed_filter_or_sort_is_exit_2_before_anything_is_sent(invoke, args):
    with api(assert_all_called=False) as mock:
        result = invoke("vm", "list", *args)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {args[0]} '{args[1]}'")


def test_a_non_list_answer_is_exit_2(invoke):
    with api() as mock:
        mock.get(VM_PATH, params={"uuid": U1}).mock(return_value=ok(WEB))
        result = invoke("vm", "show", U1, "--filter", "status=running", "-o", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--filter and --sort choose rows of a list, and this answer is not a list" in result.stderr


def test_a_change_with_filter_is_refused_before_it_is_sent(invoke):
    with api(assert_all_called=False) as mock:
        listed = mock.get(f"{VM_PATH}/list").mock(return_value=ok(VMS))
        stop = mock.post(f"{VM_PATH}/stop").mock(return_value=ok(WEB))
        result = invoke("vm", "stop", "web-1", "--filter", "status=running")
    assert stop.call_count == 0  # the name was resolved (a read), the change never sent
    assert listed.call_count <= 1
    assert result.exit_code == 2
    assert "this command changes something, and nothing was sent" in result.stderr


def test_a_destructive_command_with_sort_is_refused_before_asking(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok(VMS))
        mock.get(IPS).mock(return_value=ok([]))
        delete = mock.delete(VM_PATH).mock(return_value=ok({}))
        result = invoke("vm", "delete", "web-1", "--sort", "name", input="y\n", tty=True)
    assert delete.call_count == 0 and "[y/N]" not in result.stderr
    assert result.exit_code == 2


def test_config_changes_with_filter_are_refused(invoke, config_file):
    result = invoke("config", "set", "location", "bus02", "--filter", "a=b")
    assert result.exit_code == 2 and not config_file.exists()


def test_billing_usage_filters_and_sorts_by_the_api_numbers_in_tables_too(invoke):
    usage = [{"description": d, "hours": 3.0, "price": p, "price_unit": "h", "cost": c, "owner_uuid": u}
             for d, p, c, u in (("a", 0.02, 9.5, U1), ("b", 0.1, 10.25, U2), ("c", 0.01, 0.5, U3))]
    with api() as mock:
        mock.get("/v1/charging/usage").mock(return_value=ok(usage))
        table = invoke("billing", "usage", "--account", "6", "--filter", "cost>=1", "--sort", "-cost",
                       "--columns", "description,cost")
        data = invoke("billing", "usage", "--account", "6", "--filter", "cost>=1", "--sort", "-cost",
                      "-o", "json")
    assert table.exit_code == 0, table.stderr
    assert table.stdout.splitlines() == ["DESCRIPTION          COST", "b                    10.25",
                                         "a                    9.50", "TOTAL (2 resources)  19.75"]
    assert data.json() == [usage[1], usage[0]]


# -- --columns ------------------------------------------------------------------------------


def test_columns_take_header_names_in_any_case(invoke):
    by_header = _list(invoke, "--columns", "NAME,Status,private ipv4,RAM", ips=True)
    by_field = _list(invoke, "--columns", "name,status,private_ipv4,ram", ips=True)
    assert by_header.exit_code == 0, by_header.stderr
    assert by_header.stdout == by_field.stdout == (
        "NAME   STATUS   PRIVATE IPV4  RAM\n"
        "web-1  running  10.1.29.54    2048 MB\n"
        "db-1   stopped  10.1.29.54    2048 MB\n"
        "old-1  running  10.1.29.54    2048 MB\n")


def test_an_unknown_column_is_exit_2_naming_it_and_the_valid_ones(invoke):
    result = _list(invoke, "--columns", "name,nosuch", ips=True)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("error: --columns: no column 'nosuch'; valid: NAME, UUID, STATUS, VCPU, RAM,")
    assert "memory" in result.stderr and "storage.0.size" in result.stderr


def test_columns_help_lists_each_column_and_its_field(invoke):
    result = _list(invoke, "--columns", "help", ips=True)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["COLUMN", "FIELD", "DEFAULT"]
    assert lines[1].split() == ["NAME", "name", "yes"] and lines[5].split() == ["RAM", "(computed)", "yes"]
    assert ["MEMORY", "memory", "no"] in [line.split() for line in lines]
    assert ["STORAGE.0.SIZE", "storage.0.size", "no"] in [line.split() for line in lines]
