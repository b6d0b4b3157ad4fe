"""`service secrets`: masked tables, no password in traces, connection URIs."""

from __future__ import annotations

import httpx
import pytest

from tests.cli.conftest import api, ok
from tests.cli.service.conftest import DB, LIST, MARIA, PASSWORD, PG, PKG, SHOP

# -- secrets ---------------------------------------------------------------------------------


def test_secrets_table_masks_the_password(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))
        mock.get(f"{PKG}/{PG}/secrets").mock(return_value=ok({"sql_pass": PASSWORD}))
        masked = invoke("service", "secrets", "db")
        shown = invoke("service", "secrets", "db", "--show-secrets")
        as_json = invoke("service", "secrets", "db", "-o", "json")
        as_yaml = invoke("service", "secrets", "db", "-o", "yaml")
    assert masked.exit_code == 0, masked.stderr
    assert masked.stdout == "sql_pass  ****\n"
    assert PASSWORD not in masked.stdout + masked.stderr
    assert shown.stdout == f"sql_pass  {PASSWORD}\n"
    assert as_json.json() == {"sql_pass": PASSWORD}
    assert as_yaml.stdout == f"---\nsql_pass: {PASSWORD}\n"


def test_secrets_debug_trace_holds_no_password(invoke):
    with api() as mock:
        mock.get(f"{PKG}/{PG}/secrets").mock(return_value=ok({"sql_pass": PASSWORD}))
        result = invoke("service", "secrets", PG, "--debug")
    assert result.exit_code == 0, result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    assert 'debug: < {"sql_pass": "***"}' in result.stderr


def test_uri_for_postgresql(invoke):
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([DB, SHOP]))  # by name: the list's entry is enough
        mock.get(f"{PKG}/{PG}/secrets").mock(return_value=ok({"sql_pass": PASSWORD}))
        result = invoke("service", "secrets", "db", "--uri")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"postgresql://wadmin:{PASSWORD}@10.2.3.45:5432/\n"


def test_uri_for_mariadb_percent_encodes_user_and_password(invoke):
    odd = {**SHOP, "properties": {**SHOP["properties"], "sql_user": "ad min@x"}}
    with api() as mock:
        mock.get(f"{PKG}/{MARIA}").mock(return_value=ok(odd))
        mock.get(f"{PKG}/{MARIA}/secrets").mock(return_value=ok({"sql_pass": "p@ss:w/rd#%"}))
        result = invoke("service", "secrets", MARIA, "--uri")
        as_json = invoke("service", "secrets", MARIA, "--uri", "-o", "json")
    assert result.stdout == "mysql://ad%20min%40x:p%40ss%3Aw%2Frd%23%25@10.2.112.44:3306/\n"
    assert as_json.json() == "mysql://ad%20min%40x:p%40ss%3Aw%2Frd%23%25@10.2.112.44:3306/"


def test_uri_without_a_service_ip_is_an_error_without_the_password(invoke):
    bare = {**DB, "properties": {"sql_user": "wadmin"}, "resources": [], "status": "creating"}
    with api() as mock:
        mock.get(f"{PKG}/{PG}").mock(return_value=ok(bare))
        mock.get(f"{PKG}/{PG}/secrets").mock(return_value=ok({"sql_pass": PASSWORD}))
        result = invoke("service", "secrets", PG, "--uri")
    assert result.exit_code == 1
    assert "has no service IP yet (status creating)" in result.stderr
    assert PASSWORD not in result.stdout + result.stderr


def test_secrets_of_an_unknown_uuid_is_exit_4(invoke):
    with api() as mock:
        mock.get(f"{PKG}/{PG}/secrets").mock(return_value=httpx.Response(
            400, json={"errors": {"Error": f"No such service package exists. {PG}"}}))
        result = invoke("service", "secrets", PG)
    assert result.exit_code == 4
    assert "No such service package exists" in result.stderr


@pytest.mark.parametrize("pkg, secrets, expected", [
    ({"service": "redis", "properties": {"service_ip": "10.0.0.5"}}, {"sql_pass": "a b"},
     "redis://:a%20b@10.0.0.5:6379/"),
    ({"service": "postgresql", "properties": {"service_ip": "fd00::5", "sql_user": "u"}}, {},
     "postgresql://u@[fd00::5]:5432/"),
    ({"service": "clickhouse", "properties": {"service_ip": "10.0.0.6", "port": 9000, "sql_user": "u"}},
     {"sql_pass": "p"}, "clickhouse://u:p@10.0.0.6:9000/"),
    ({"service": "mariadb", "properties": {"sql_user": "u"},
      "resources": [{"resource_type": "virtual_ip", "resource_allocation": {"address": "10.0.0.7"}}]},
     {"sql_pass": "p"}, "mysql://u:p@10.0.0.7:3306/"),
])
def test_connection_uri_for_other_engines_and_shapes(pkg, secrets, expected):
    from idcctl.cli.service.common import connection_uri

    assert connection_uri(pkg, secrets) == expected


# -- nothing but a host and a port becomes the URI's address (issue #17, item 7) -----------------


@pytest.mark.parametrize("props, field", [
    ({"service_ip": "10.0.0.1/db?host=/tmp&passfile=/etc/shadow#"}, "service_ip"),
    ({"service_ip": "10.0.0.1@evil.example"}, "service_ip"),
    ({"service_ip": "-oProxyCommand=x"}, "service_ip"),
    ({"service_ip": "db host"}, "service_ip"),
    ({"service_ip": "db.internal\n"}, "service_ip"),
    ({"service_ip": ["10.0.0.1"]}, "service_ip"),
    ({"service_ip": "10.0.0.1", "port": "5432/x?y"}, "port"),
    ({"service_ip": "10.0.0.1", "port": 70000}, "port"),
    ({"service_ip": "10.0.0.1", "port": 0}, "port"),
    ({"service_ip": "10.0.0.1", "port": True}, "port"),
    ({"service_ip": "10.0.0.1", "port": -1}, "port"),
])
def test_a_service_ip_or_port_of_another_shape_makes_no_uri(props, field):
    from idcctl.cli.service.common import connection_uri
    from idcctl.errors import IdcctlError

    with pytest.raises(IdcctlError) as info:
        connection_uri({"display_name": "db", "uuid": PG, "service": "postgresql", "properties": props},
                       {"sql_pass": PASSWORD})
    assert info.value.exit_code == 1
    assert f"its {field} " in str(info.value) and PASSWORD not in str(info.value)


def test_an_engine_that_is_no_scheme_makes_no_uri():
    from idcctl.cli.service.common import connection_uri
    from idcctl.errors import IdcctlError

    with pytest.raises(IdcctlError, match="cannot be a URI scheme"):
        connection_uri({"service": "x://evil@", "properties": {"service_ip": "10.0.0.1"}}, {})


def test_host_names_and_digit_ports_still_make_uris():
    from idcctl.cli.service.common import connection_uri

    pkg = {"service": "postgresql", "properties": {"service_ip": "db-1.internal", "port": "6432"}}
    assert connection_uri(pkg, {}) == "postgresql://db-1.internal:6432/"


def test_the_uri_command_exits_1_naming_the_field(invoke):
    bad = {**DB, "properties": {**DB.get("properties", {}), "service_ip": "10.0.0.1/db?passfile=/etc/shadow#"}}
    with api() as mock:
        mock.get(LIST).mock(return_value=ok([bad, SHOP]))
        mock.get(f"{PKG}/{PG}/secrets").mock(return_value=ok({"sql_pass": PASSWORD}))
        result = invoke("service", "secrets", "db", "--uri")
    assert result.exit_code == 1 and result.stdout == ""
    assert "its service_ip '10.0.0.1/db?passfile=/etc/shadow#' is not an IP address or host name" in result.stderr
