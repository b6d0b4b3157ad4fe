"""Rules on the command line: SPEC parsing, the --rules file, and comparing rules, as the reference validates."""

from __future__ import annotations

import pytest

from idcctl.cli.firewall.rules import allows_ssh, checked_rule, identity, load_rules, parse_spec
from idcctl.errors import UsageError
from idcctl.output.security import rule_spec


@pytest.mark.parametrize(("spec", "rule"), [
    ("inbound:tcp:443:any", {"direction": "inbound", "protocol": "tcp", "port_start": 443, "port_end": 443,
                             "endpoint_spec_type": "any", "endpoint_spec": []}),
    ("inbound:tcp:8000-8100:10.0.0.0/24,10.1.2.3", {
        "direction": "inbound", "protocol": "tcp", "port_start": 8000, "port_end": 8100,
        "endpoint_spec_type": "ip_prefixes", "endpoint_spec": ["10.0.0.0/24", "10.1.2.3"]}),
    ("outbound:icmp::any", {"direction": "outbound", "protocol": "icmp", "port_start": None, "port_end": None,
                            "endpoint_spec_type": "any", "endpoint_spec": []}),
    ("Inbound:UDP:53:2001:db8::/32, 192.0.2.1", {
        "direction": "inbound", "protocol": "udp", "port_start": 53, "port_end": 53,
        "endpoint_spec_type": "ip_prefixes", "endpoint_spec": ["2001:db8::/32", "192.0.2.1"]}),
    ("outbound:any::ANY", {"direction": "outbound", "protocol": "any", "port_start": None, "port_end": None,
                           "endpoint_spec_type": "any", "endpoint_spec": []}),
])
def test_a_spec_is_a_firewall_rule(spec, rule):
    assert parse_spec(spec) == rule


@pytest.mark.parametrize(("spec", "message"), [
    ("inbound:tcp:70000:any", "rule 'inbound:tcp:70000:any': port 70000 is out of range (1-65535)"),
    ("inbound:tcp:0:any", "port 0 is out of range"),
    ("sideways:tcp:22:any", "rule 'sideways:tcp:22:any': direction 'sideways' is not inbound or outbound"),
    ("inbound:tcp:22:10.0.0.0/33", "rule 'inbound:tcp:22:10.0.0.0/33': '10.0.0.0/33' is not an IP address or CIDR"),
    ("inbound:tcp:22:10.0.0.1/24", "'10.0.0.1/24' has host bits set (did you mean 10.0.0.0/24?)"),
    ("inbound:tcp:443-80:any", "ports 443-80 start above their end"),
    ("inbound:tcp:22-:any", "ports '22-' are not PORT or START-END"),
    ("inbound:icmp:8:any", "icmp has no ports"),
    ("inbound:tpc:22:any", "protocol 'tpc' is not one of tcp, udp, icmp, any"),
    ("inbound:tcp:22:", "give 'any' or IP addresses"),
    ("inbound:tcp:22:10.0.0.1,", "give 'any' or IP addresses"),
    ("inbound:tcp:22", "is not DIRECTION:PROTOCOL:PORTS:ADDRESSES"),
])
def test_a_bad_spec_says_what_is_wrong(spec, message):
    with pytest.raises(UsageError) as info:
        parse_spec(spec)
    assert message in str(info.value) and info.value.exit_code == 2


def test_a_rule_written_back_is_its_spec():
    for spec in ("inbound:tcp:443:any", "inbound:tcp:8000-8100:10.0.0.0/24,10.1.2.3", "outbound:icmp::any"):
        assert rule_spec(parse_spec(spec)) == spec
    assert rule_spec({"direction": "inbound", "protocol": "tcp", "port_start": 80, "port_end": None,
                      "endpoint_spec_type": "ip_prefixes", "endpoint_spec": ["10.0.0.0/8"]}) == "inbound:tcp:80:10.0.0.0/8"


def test_the_rules_file_is_a_list_or_a_firewall_and_every_rule_is_checked():
    rules = load_rules('[{"uuid": "u1", "direction": "inbound", "protocol": "TCP", "port_start": 22,'
                       ' "endpoint_spec_type": "any", "description": "ssh"}]', source="@r.json")
    assert rules == [{"uuid": "u1", "direction": "inbound", "protocol": "tcp", "port_start": 22,
                      "endpoint_spec_type": "any", "endpoint_spec": [], "description": "ssh"}]
    assert load_rules('{"display_name": "web", "rules": []}', source="@fw.json") == []
    for text, message in [
        ("{", "--rules @r.json is not valid JSON"),
        ('{"rules": 3}', "must be a JSON list of rules"),
        ('[{"direction": "in", "protocol": "tcp", "endpoint_spec_type": "any"}]', "rule 1: direction 'in'"),
        ('[{"direction": "inbound", "protocol": "tcp", "endpoint_spec_type": "cidr"}]', "rule 1: endpoint_spec_type"),
        ('[{"direction": "inbound", "protocol": "tcp", "endpoint_spec_type": "ip_prefixes", '
         '"endpoint_spec": ["300.1.1.1"]}]', "'300.1.1.1' is not an IP address"),
        ('[{"direction": "inbound", "protocol": "tcp", "port_start": "22", "endpoint_spec_type": "any"}]',
         "port_start must be a whole number"),
        ('[{"direction": "inbound", "protocol": "tcp", "port_start": 30, "port_end": 20, "endpoint_spec_type": "any"}]',
         "ports 30-20 start above their end"),
        ('[{"direction": "inbound", "protocol": "icmp", "port_start": 1, "endpoint_spec_type": "any"}]', "icmp has no"),
        ('[3]', "rule 1 is not a JSON object"),
    ]:
        with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
            load_rules(text, source="@r.json")


def test_rules_compare_by_what_they_do():
    typed = parse_spec("inbound:tcp:8000-8100:10.12.34.5,10.22.33.0/24")
    stored = {"uuid": "x", "protocol": "TCP", "direction": "inbound", "port_start": "8000", "port_end": 8100,
              "endpoint_spec_type": "ip_prefixes", "endpoint_spec": ["10.22.33.0/24", "10.12.34.5/32"]}
    assert identity(typed) == identity(stored)
    assert identity(parse_spec("inbound:tcp:443:any")) == identity({**typed, "port_start": 443, "port_end": None,
                                                                    "endpoint_spec_type": "any"})
    assert identity(typed) != identity(parse_spec("outbound:tcp:8000-8100:10.12.34.5,10.22.33.0/24"))


@pytest.mark.parametrize(("spec", "ssh"), [
    ("inbound:tcp:22:any", True), ("inbound:tcp:20-30:10.0.0.0/8", True), ("inbound:any::any", True),
    ("inbound:tcp::any", True), ("inbound:udp:22:any", False), ("outbound:tcp:22:any", False),
    ("inbound:tcp:2222:any", False), ("inbound:icmp::any", False),
])
def test_which_rules_let_ssh_in(spec, ssh):
    assert allows_ssh(parse_spec(spec)) is ssh
    assert allows_ssh(checked_rule(parse_spec(spec), where="x")) is ssh
