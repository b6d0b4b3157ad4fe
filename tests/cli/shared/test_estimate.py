"""The cost estimate's arithmetic over a pricing policy."""

from __future__ import annotations

import pytest

from tests.cli.conftest import POLICY


def test_estimate_arithmetic_against_the_reference_policy():
    from idcctl.cli.shared.estimate import estimate, money

    basic = estimate(POLICY, vcpu=2, ram=2048, disk=20)
    # 2 x 0.00521 + 2 GB x 0.00329 + 20 GB x 0.0001 = 0.019 per hour; x 720 = 13.68 a month
    assert money(basic["hourly"], 5) == "0.01900" and money(basic["monthly"]) == "13.68"
    assert [line["item"] for line in basic["lines"]] == ["vCPU", "RAM", "Disk"]
    full = estimate(POLICY, vcpu=2, ram=2048, disk=20, backup=True, windows=True)
    # + 20 x 0.0000342 backup + 2 x 0.00548 Windows = 0.030644 per hour; x 720 = 22.06368
    assert money(full["hourly"], 6) == "0.030644" and money(full["monthly"]) == "22.06"
    half = estimate({"policy": [{**line, "megsRam": 512, "price": 0.001645} if line["resourceType"] == "RAM"
                                else line for line in POLICY["policy"]]}, vcpu=1, ram=512, disk=0)
    assert money(half["hourly"], 6) == "0.006855"  # 0.00521 + 0.5 GB at 0.00329


def test_estimate_without_the_needed_lines_is_a_clear_error():
    from idcctl.cli.shared.estimate import PolicyError, estimate

    with pytest.raises(PolicyError):
        estimate({"policy": POLICY["policy"][:1]}, vcpu=1, ram=1024, disk=20)
