"""The direct YAML writer: PyYAML's exact text wherever it writes, and a fallback everywhere else."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from idcctl.output import to_yaml, yaml_text
from idcctl.output.yaml_dump import WIDTH

TRICKY = st.sampled_from(["", "16.04", "yes", "No", "~", "null", "-5", "0x1f", "1_000", "52:54:00:00:00:00",
                          "2018-02-22 14:24:03", "2022-09-01T12:03:14.355+0000", "a: b", "a #b", "a#b", "#x",
                          "- x", "-x", "? x", "?x", ":x", "x:", "---", "...", ".5", ".inf", "it's", "'q'",
                          '"d"', " lead", "trail ", "tab\there", "two\nlines", "ünï", "日本", "\u202e", "\x85",
                          "<<", "=", "@x", "%x", "`x", "!x", "&x", "*x", "|", ">", "[x]", "{x}", "x, y",
                          "http://a.b/c?d=e#f", "2a05:1cc0:10:30::80:0", "\ufeff", "a\u2028b", "\U0001f600"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TRICKY, st.text(max_size=6))
KEYS = st.one_of(TRICKY, st.text(max_size=5))
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                    max_leaves=16)


def pyyaml(data) -> str:
    return yaml.dump(data, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=WIDTH, explicit_start=True)


@settings(max_examples=400, deadline=None)
@given(DATA)
def test_writes_exactly_what_pyyaml_writes_or_falls_back(data):
    try:
        written = yaml_text.text(data)
    except yaml_text.Fallback:
        return
    assert written == pyyaml(data)


def test_vm_shaped_data_takes_the_direct_path():
    vm = {"name": "web-1", "uuid": "5aea1842-895f-4bd3-8bd6-e37b2282fb46", "os_version": "16.04", "backup": False,
          "mac": "52:54:00:00:00:00", "created_at": "2018-02-22 14:24:03", "description": "", "tags": None,
          "storage": [{"size": 20, "replica": [], "updated_at": None}], "public_ipv6": "2a05:1cc0:10:30::80:0",
          "cost": 0.019, "note": "it's ünïcode: 日本"}
    data = [vm, {**vm, "name": "web-2", "storage": [{"size": 40, "replica": [{"uuid": "x"}]}]}]
    assert yaml_text.text(data) == pyyaml(data)
    assert to_yaml(data) == pyyaml(data)
    many = json.loads(json.dumps(data * 700))  # over 20,000 lines: joined piece by piece on the way
    written = yaml_text.text(many)
    assert written.count("\n") > 20_000 and written == pyyaml(many)


@pytest.mark.parametrize("data", [{"a": "two\nlines"}, {"a": "\x07"}, {"k" * 101: 1}, {"": 1}, "bare",
                                  {"a": (1, 2)}, [[]] * 2])
def test_what_it_does_not_write_exactly_falls_back(data):
    with pytest.raises(yaml_text.Fallback):
        yaml_text.text(data)
