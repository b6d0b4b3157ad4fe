"""Location scope is the table's (`idcctl.resources.LOCATION_SCOPED`): exactly the contract's *L* rows.

The client decides for every request; these guards check the decision
against the contract (each request path of each row, *L* or not) and
against the table of resource kinds (a kind's ``scoped`` and its list path).
"""

from __future__ import annotations

import re

import httpx
import pytest

from idcctl.api.client import Client
from idcctl.resources import KINDS, location_scoped
from tests.guards.conftest import CONTRACT

_PATH = re.compile(r"(/v1/[^\s`(|·,]+|…/[^\s`(|·,]+)")


def contract_requests() -> list[tuple[str, str, bool]]:
    """(command, path after /v1, marked *L*) for every request path of every contract row."""
    rows, base = [], ""
    for line in CONTRACT.read_text().splitlines():
        if line.startswith("## "):
            base = ""
        if not line.startswith("| `"):
            continue
        command, _, request = line.strip("| ").partition(" | ")
        for path in _PATH.findall(request):
            path = re.sub(r"\[.*?\]|\?.*$", "", path)
            if path.startswith("…"):  # "POST …/{uuid}/targets": below the section's first path
                path = base + path[1:]
            else:
                base = base or path
            rows.append((command.strip("` "), path[3:], "*L*" in request))
    return rows


@pytest.mark.skipif(not CONTRACT.exists(), reason="the shared contract is not beside the repo")
def test_the_client_scopes_exactly_the_contract_rows_marked_L():
    rows = contract_requests()
    assert len(rows) > 100 and sum(scoped for *_, scoped in rows) > 50  # the parse itself works
    wrong = [f"{command}: {path} is {'not ' if scoped else ''}location-scoped in the contract"
             for command, path, scoped in rows if location_scoped(path) != scoped]
    assert wrong == []


def _listed_path(kind) -> str:
    import importlib

    sent: list[httpx.Request] = []
    client = Client("k", base_url="https://api.test", location="bus02",
                    transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200, json=[])))
    getattr(importlib.import_module(f"idcctl.api.{kind.sdk}"), kind.lister)(client)
    [request] = sent
    return request.url.path


@pytest.mark.parametrize("key", list(KINDS))
def test_a_kind_is_scoped_exactly_when_its_list_goes_to_the_location(key):
    kind = KINDS[key]
    assert _listed_path(kind).startswith("/v1/bus02/") == kind.scoped
