"""End to end, billing: the installed `idcctl` against `idcctl sandbox serve` (127.0.0.1, free port)."""

from __future__ import annotations

import json

from tests.e2e.conftest import run

# Account 6 as the sandbox seeds it (the reference's example).
KEPT = {"email": "user@example.com", "company_name": "Firma", "address_line1": "Puiestee", "city": "Küla",
        "country": "EE", "post_index": "314243123", "county": "Moldaavia"}


def data(env, *args):
    done = run(env, *args, "-o", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_billing_against_the_sandbox(env, sandbox):
    updated = run(env, "billing", "account", "update", "6", "--title", "X")
    assert updated.returncode == 0, updated.stderr
    assert "title: 'konto' -> 'X'" in updated.stderr
    after = data(env, "billing", "account", "show", "6")
    assert after["title"] == "X"
    assert {k: after[k] for k in KEPT} == KEPT

    refused = run(env, "billing", "pay-all", "--account", "6")  # no terminal, no --yes
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert data(env, "billing", "account", "unpaid", "6") == {"message": 59.96}

    bought = run(env, "billing", "credit", "buy", "--account", "6", "--card", "6", "--amount", "10", "--yes")
    assert bought.returncode == 0, bought.stderr
    assert data(env, "billing", "account", "show", "6")["credit_amount"] == 12.0

    paid = run(env, "billing", "invoice", "pay", "3782543", "--yes")
    assert paid.returncode == 0, paid.stderr
    assert "3.55" in paid.stderr
    assert data(env, "billing", "account", "unpaid", "6") == {"message": 56.41}

    dry = run(env, "vm", "create", "--name", "web-9", "--os", "ubuntu", "--os-version", "22.04-lts",
              "--disk-size", "20", "--vcpu", "2", "--ram", "2048", "--username", "ops", "--password-stdin",
              "--dry-run", input="Secret123\n")
    assert dry.returncode == 0, dry.stderr
    assert "13.68 per 30-day month" in dry.stderr
