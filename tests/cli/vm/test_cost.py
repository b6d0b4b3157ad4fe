"""`vm list --cost`: each VM's estimate from the cached pricing policy, as `billing estimate` computes it."""

from __future__ import annotations

from tests.cli.conftest import DB, POLICY, U1, U2, VM_PATH, WEB, api, make_vm, ok

IPS = "/v1/network/ip_addresses"
# 2 vCPU x 0.00521 + 2048 MB x 0.00329/1024 + 20 GB x 0.0001 = 0.01900 per hour, 13.68 per 720 h
WEB_COST = {"hourly": 0.019, "monthly": 13.68}
# db-1: 140 GB of disk: 0.01042 + 0.00658 + 0.014 = 0.031 per hour; with backup + 140 x 0.0000342
DB_BACKUP = {**DB, "backup": True}
DB_COST = {"hourly": 0.035788, "monthly": 25.76736}


def test_cost_json_adds_an_estimated_cost_to_each_vm(invoke):
    with api() as mock:
        listed = mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB_BACKUP]))
        policy = mock.get("/v1/pricing/policy").mock(return_value=ok(POLICY))
        result = invoke("vm", "list", "--cost", "-o", "json")
        again = invoke("vm", "list", "--cost", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert listed.call_count == 2 and policy.call_count == 1  # the policy is cached
    data = result.json()
    assert data == [{**WEB, "estimated_cost": WEB_COST}, {**DB_BACKUP, "estimated_cost": DB_COST}]
    assert again.json() == data
    assert result.stderr == ""


def test_cost_table_has_two_columns_a_total_row_and_says_they_are_estimates(invoke):
    odd = make_vm("odd", "0f1e2d3c-4b5a-4968-8776-655443322110", vcpu=None)  # no figures: no estimate
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB_BACKUP, odd]))
        mock.get(IPS).mock(return_value=ok([]))
        mock.get("/v1/pricing/policy").mock(return_value=ok(POLICY))
        result = invoke("vm", "list", "--cost", "--columns", "name,vcpu,est. per hour,EST. PER 30 DAYS")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "NAME                     VCPU  EST. PER HOUR  EST. PER 30 DAYS\n"
        "web-1                    2     0.01900        13.68\n"
        "db-1                     2     0.03579        25.77\n"
        "odd                      -     -              -\n"
        "TOTAL (2 VMs, estimate)        0.05479        39.45\n")
    assert result.stderr == ("Costs are estimates from the pricing policy (per 30 days = per hour x 720); "
                             "public IPv4 addresses are not included.\n")


def test_the_total_is_of_the_rows_a_filter_keeps(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB, DB_BACKUP]))
        mock.get(IPS).mock(return_value=ok([]))
        mock.get("/v1/pricing/policy").mock(return_value=ok(POLICY))
        result = invoke("vm", "list", "--cost", "--filter", "estimated_cost.monthly>20", "--columns", "name")
        quiet = invoke("vm", "list", "--cost", "--sort", "-estimated_cost.hourly", "-q")
    assert result.stdout == "NAME\ndb-1\nTOTAL (1 VM, estimate)\n"
    assert quiet.stdout == f"{U2}\n{U1}\n" and quiet.stderr == ""  # no total, no note: only identifiers


def test_without_a_usable_policy_the_list_fails_with_its_reason(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        mock.get("/v1/pricing/policy").mock(return_value=ok({"policy": []}))
        result = invoke("vm", "list", "--cost", "-o", "json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "cannot estimate costs: the pricing policy has no CPU, RAM or main storage line" in result.stderr


def test_an_empty_selection_still_has_the_cost_columns_and_a_zero_total(invoke):
    with api() as mock:
        mock.get(f"{VM_PATH}/list").mock(return_value=ok([WEB]))
        mock.get(IPS).mock(return_value=ok([]))
        mock.get("/v1/pricing/policy").mock(return_value=ok(POLICY))
        result = invoke("vm", "list", "--cost", "--filter", "name=nothing-*", "--columns",
                        "name,est. per hour,est. per 30 days")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("NAME                     EST. PER HOUR  EST. PER 30 DAYS\n"
                             "TOTAL (0 VMs, estimate)  0.00000        0.00\n")
