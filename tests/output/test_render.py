"""The renderer: data unchanged in json/yaml, readable tables that no control character can rewrite."""

from __future__ import annotations

import io
import json
import re

import yaml

from idcctl.output import OutputOptions, render, to_json
from idcctl.output.text import cell, format_timestamp, strip_control

UUID = "0f1e2d3c-4b5a-4968-8776-655443322110"


def out(data, kind=None, **opts) -> str:
    stream = io.StringIO()
    render(data, OutputOptions(**opts), kind=kind, stream=stream)
    return stream.getvalue()


def test_json_is_the_data_unchanged_including_bare_values():
    data = [{"name": "a", "nested": {"x": [1, 2]}}, {"name": "b", "token": "secret-value-1234"}]
    assert json.loads(out(data, "token", format="json")) == data
    assert json.loads(out(59.96, format="json")) == 59.96
    assert json.loads(out("text", format="json")) == "text"
    assert json.loads(out([], format="json")) == []


def test_yaml_is_the_data_unchanged():
    data = {"a": 1, "b": [True, None], "c": "2018-02-22 14:18:47"}
    assert yaml.safe_load(out(data, format="yaml")) == data


def test_nothing_printed_for_an_empty_answer():
    assert out(None, format="json") == ""
    assert out(None) == ""


def test_table_uses_spec_columns_masks_secrets_and_formats_timestamps():
    rows = [{"id": 7, "description": "ci", "restricted": True, "billing_account_id": 6,
             "token": "PS2vfOCKuU52be83QZhMMndqOusfFkHr", "created_at": "2022-09-01T12:03:14.355+0200"}]
    text = out(rows, "token")
    lines = text.splitlines()
    assert lines[0].split() == ["ID", "DESCRIPTION", "RESTRICTED", "BILLING", "ACCOUNT", "TOKEN", "CREATED"]
    assert "PS2v…kHr" not in text and "PS2v…FkHr" in text
    assert "PS2vfOCKuU52be83QZhMMndqOusfFkHr" not in text
    assert "2022-09-01 10:03:14" in text
    assert " yes " in lines[1]


def test_show_secrets_reveals():
    rows = [{"id": 7, "token": "PS2vfOCKuU52be83QZhMMndqOusfFkHr"}]
    assert "PS2vfOCKuU52be83QZhMMndqOusfFkHr" in out(rows, "token", show_secrets=True)


def test_quiet_prints_ids_one_per_line():
    rows = [{"uuid": "u1", "name": "a"}, {"uuid": "u2", "name": "b"}]
    assert out(rows, "vm", quiet=True) == "u1\nu2\n"
    assert out([{"id": 2}, {"id": 7}], "token", quiet=True) == "2\n7\n"


def test_columns_and_no_headers():
    rows = [{"uuid": "u1", "name": "a", "profile": {"email": "x@y"}}]
    text = out(rows, "vm", columns=["name", "profile.email"], no_headers=True)
    assert text.split() == ["a", "x@y"]


def test_dict_shows_scalars_then_nested_lists_as_tables():
    vm = {"name": "web", "uuid": "u1", "storage": [
        {"name": "sda", "uuid": "d1", "size": 20, "replica": [{"uuid": "r1", "type": "snapshot"}]}]}
    text = out(vm, "vm")
    assert "name" in text and "web" in text
    assert "storage:" in text and "sda" in text
    assert "storage sda: replica:" in text and "r1" in text


def test_hostile_names_cannot_rewrite_the_screen():
    evil = "web\x1b[2J\x1b]0;pwned\x07\r\nrm\x9b31m\u202etxt"
    text = out([{"name": evil, "uuid": "u"}], "vm")
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text and "\x07" not in text
    assert "web" in text
    assert "\x1b" not in strip_control(evil)


def test_json_escapes_c1_controls_but_keeps_the_same_data():
    data = {"name": "a\x9bb\x7f"}
    text = to_json(data)
    assert "\x9b" not in text and "\x7f" not in text
    assert json.loads(text) == data


def test_timestamps_in_both_shapes():
    assert format_timestamp("2018-02-22 14:18:47") == "2018-02-22 14:18:47"
    assert format_timestamp("2018-02-22 11:10:37.793878") == "2018-02-22 11:10:37"
    assert format_timestamp("2022-09-01T12:03:14.355+0000") == "2022-09-01 12:03:14"
    assert format_timestamp("not a time") is None


def test_cells():
    assert cell(None) == "-"
    assert cell(False) == "no"
    assert cell(["a", "b"]) == "a, b"
    assert cell("abcdefghijklmnop", key="secretKey") == "abcd…mnop"
    assert cell("short", key="sql_pass") == "****"


def test_rows_are_never_folded_even_on_a_narrow_terminal(invoke):
    import httpx
    import respx

    from tests.conftest import BASE

    vms = [{"name": "a-rather-long-virtual-machine-name", "uuid": "d582f16a-013b-4a23-8463-c66bbbc96c43",
            "status": "running", "vcpu": 2, "memory": 2048, "os_name": "ubuntu", "os_version": "22.04-lts",
            "private_ipv4": "10.1.14.251", "storage": [{"size": 20}]}]
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/vm/list").mock(return_value=httpx.Response(200, json=vms))
        mock.get(f"{BASE}/v1/network/ip_addresses").mock(return_value=httpx.Response(200, json=[]))
        result = invoke("vm", "list", env={"COLUMNS": "40"})
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "d582f16a-013b-4a23-8463-c66bbbc96c43" in lines[1]


# -- output never carries an attack -------------------------------------------


def test_control_characters_never_reach_a_table_title_header_or_cell():
    from idcctl.output import OutputOptions, render

    vm = {"uuid": UUID, "name": "web\x1b]0;owned\x07", "storage": [
        {"name": "sda\x1b[2J\u202e", "uuid": "d1", "replica": [{"uuid": "r\x1b[31m1", "size": 1}]}],
        "odd": [{"k\x1b[1mey": "v\x9b"}]}
    out = io.StringIO()
    render(vm, OutputOptions(), kind="vm", stream=out)
    text = out.getvalue()
    assert "storage sda: replica:" in text and "web]0;owned" not in text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


def test_yaml_escapes_control_and_bidi_characters_like_json():
    import yaml

    from idcctl.output import to_json, to_yaml

    data = [{"name": "evil\u202etxt.exe", "note": "\x1b[31mred", "city": "Bandung é"}]
    text = to_yaml(data)
    assert "\u202e" not in text and "\x1b" not in text
    assert "\\u202E" in text and yaml.safe_load(text) == data
    assert "\u202e" not in to_json(data)
    assert to_yaml([{"city": "Bandung é"}]) == "- city: Bandung é\n"  # plain text stays readable
