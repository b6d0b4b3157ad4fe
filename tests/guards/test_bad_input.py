"""Bad input of every kind ends in one line and exit 2, with nothing sent (issue #10, item 6 and 5)."""

from __future__ import annotations

import httpx
import pytest
import respx

from tests.conftest import BASE

UUID = "0f1e2d3c-4b5a-4968-8776-655443322110"
CREATE = ("vm", "create", "--name", "web-01", "--os", "ubuntu", "--os-version", "22.04-lts",
          "--disk-size", "20", "--vcpu", "2", "--ram", "2048", "--username", "deploy",
          "--password-stdin")


def _nested(tmp_path, depth=100_000):
    path = tmp_path / "deep.yaml"
    path.write_text("runcmd: " + "[" * depth + "]" * depth + "\n")
    return str(path)


def _bomb(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("runcmd: *j")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _config(tmp_path, text):
    path = tmp_path / "given.toml"
    path.write_text(text)
    path.chmod(0o600)
    return {"IDCCTL_CONFIG": str(path), "IDCCTL_API_URL": None, "IDCCTL_API_KEY": None}


# id -> (argv, env overrides, stdin, text in the line)
CASES = {
    "timeout-inf": (("vm", "list", "--timeout", "inf"), {}, "", "--timeout: timeout must be"),
    "timeout-nan": (("vm", "list", "--timeout", "nan"), {}, "", "--timeout: timeout must be"),
    "timeout-neg": (("vm", "list", "--timeout", "-1"), {}, "", "--timeout: timeout must be"),
    "timeout-env": (("vm", "list"), {"IDCCTL_TIMEOUT": "inf"}, "", "IDCCTL_TIMEOUT: timeout must be"),
    "wait-timeout-nan": (("vm", "start", UUID, "--wait", "--wait-timeout", "nan"), {}, "", "--wait-timeout"),
    "wait-timeout-inf": (("vm", "create", *CREATE[2:], "--wait", "--wait-timeout", "inf"), {}, "Secret123\n",
                         "--wait-timeout"),
    "url-bracket": (("vm", "list", "--api-url", "http://[::1"), {}, "", "api_url is not a valid URL"),
    "url-control-flag": (("vm", "list", "--api-url", "http://a\x1b[31m.test"), {}, "", "control characters"),
    "url-control-env": (("vm", "list"), {"IDCCTL_API_URL": "http://a\tb.test"}, "", "IDCCTL_API_URL"),
    "key-non-ascii-flag": (("vm", "list", "--api-key", "sk-ké"), {}, "", "--api-key: the API key has"),
    "key-non-ascii-env": (("vm", "list"), {"IDCCTL_API_KEY": "sk-\u00e9\u00e9"}, "", "IDCCTL_API_KEY"),
    "key-non-ascii-stdin": (("auth", "login", "--api-key-stdin"), {"IDCCTL_API_KEY": None}, "sk-ké\n",
                            "the API key has"),
    "key-too-long-stdin": (("auth", "login", "--api-key-stdin"), {"IDCCTL_API_KEY": None}, "k" * 10000,
                           "longer than 4096"),
    "cloud-init-zero": (("vm", "create", *CREATE[2:], "--cloud-init", "/dev/zero"), {}, "Secret123\n",
                        "larger than 1 MiB"),
    "public-key-zero": (("vm", "create", *CREATE[2:], "--public-key", "@/dev/zero"), {}, "Secret123\n",
                        "larger than 1 MiB"),
    "json-zero": (("api", "POST", "/v1/x", "--json", "@/dev/zero"), {}, "", "larger than 1 MiB"),
    "vm-update-name": (("vm", "update", UUID, "--name", "-bad name-"), {}, "", "--name '-bad name-' is not allowed"),
    "vm-clone-name": (("vm", "clone", UUID, "--name", "x"), {}, "", "--name 'x' is not allowed"),
    "fw-port": (("firewall", "create", "--name", "w", "--rule", "inbound:tcp:70000:any"), {}, "", "out of range"),
    "fw-direction": (("firewall", "rule", "add", "w", "sideways:tcp:22:any"), {}, "", "not inbound or outbound"),
    "fw-cidr": (("firewall", "create", "--name", "w", "--rule", "inbound:tcp:22:10.0.0.0/33"), {}, "",
                "is not an IP address or CIDR network"),
    "fw-rules-zero": (("firewall", "update", "w", "--rules", "@/dev/zero"), {}, "", "larger than 1 MiB"),
    "ssh-private-key": (("ssh-key", "create", "--name", "k", "--public-key", "-----BEGIN OPENSSH PRIVATE KEY-----"),
                        {}, "", "is a private key"),
    "ssh-key-zero": (("ssh-key", "create", "--name", "k", "--public-key", "@/dev/zero"), {}, "", "larger than 1 MiB"),
    "config-timeout-inf": (("config", "set", "timeout", "inf"), {}, "", "timeout must be"),
    "config-billing-superscript": (("config", "set", "billing_account", "²"), {}, "", "whole number"),
    "config-url-control": (("config", "set", "api_url", "http://x\x07y"), {}, "", "control characters"),
    # Issue #17, item 5: each of these was "internal error".
    "pay-1e309": (("billing", "pay", "--account", "1", "--amount", "1e309", "--yes"), {}, "",
                  "--amount 1e309 is larger than any payment"),
    "credit-buy-1e309": (("billing", "credit", "buy", "--account", "1", "--card", "1", "--amount", "1e309",
                          "--yes"), {}, "", "--amount 1e309 is larger than any payment"),
    "request-invoice-1e309": (("billing", "credit", "request-invoice", "--account", "1", "--amount", "1e309"),
                              {}, "", "--amount 1e309 is larger than any payment"),
    "bucket-show-100k": (("bucket", "show", "b" * 100_000), {}, "", "longer than the 8192 characters"),
    "bucket-delete-100k": (("bucket", "delete", "b" * 100_000, "--yes"), {}, "",
                           "longer than the 8192 characters"),
    "net-create-100k": (("net", "create", "--name", "n" * 100_000), {}, "", "longer than the 8192 characters"),
    **{f"api-path-{name}": (("api", "GET", f"/v1/{char}"), {}, "", "PATH holds control characters")
       for name, char in (("soh", "\x01"), ("esc", "\x1b"), ("tab", "\t"), ("cr", "\r"), ("lf", "\n"))},
    "api-json-1e309": (("api", "POST", "/v1/x", "--json", "1e309"), {}, "", "the number 1e309 is out of range"),
    "api-json-nested-1e309": (("api", "POST", "/v1/x", "--json", '{"a": [1e309]}'), {}, "", "out of range"),
    "api-json-nan": (("api", "POST", "/v1/x", "--json", "NaN"), {}, "", "NaN is not JSON"),
    # Issue #17, item 6: each of these was sent.
    "vm-update-name-1000": (("vm", "update", UUID, "--name", "a" * 1000), {}, "", "a VM name is its host name"),
    "vm-clone-name-1000": (("vm", "clone", UUID, "--name", "a" * 1000), {}, "", "at most 63"),
    "vm-update-vcpu-huge": (("vm", "update", UUID, "--vcpu", "9" * 25), {}, "", "--vcpu 9999"),
    "vm-password-username": (("vm", "password", UUID, "--username", "-x y", "--password-stdin"), {},
                             "Secret123\n", "--username '-x y' is not allowed"),
    "vm-password-weak": (("vm", "password", UUID, "--username", "deploy", "--password-stdin"), {}, "weak\n",
                         "the password is not allowed"),
    "disk-create-size-huge": (("disk", "create", "--size", "9" * 23), {}, "", "Invalid value for '--size'"),
    "vm-disk-add-size-huge": (("vm", "disk", "add", UUID, "--size", "9" * 23), {}, "", "Invalid value for '--size'"),
    "vm-disk-resize-size-huge": (("vm", "disk", "resize", UUID, "vdb", "--size", "9" * 23), {}, "",
                                 "Invalid value for '--size'"),
    **{f"billing-account-negative-{'-'.join(args[:2])}": (args + ("--billing-account", "-1"), {}, "Secret123\n",
                                                         "Invalid value for '--billing-account'")
       for args in (CREATE, ("disk", "create", "--size", "10"), ("disk", "update", UUID),
                    ("bucket", "create", "backups-1"), ("bucket", "update", "backups-1"), ("ip", "create"),
                    ("ip", "update", "1.1.1.1"), ("lb", "create"), ("token", "create"),
                    ("token", "update", "2"), ("service", "update", UUID))},
    "billing-account-zero-config": (("config", "set", "billing_account", "0"), {}, "", "whole number from 1"),
    "bucket-show-empty": (("bucket", "show", ""), {}, "", "cannot be empty"),
    "bucket-delete-empty": (("bucket", "delete", " ", "--yes"), {}, "", "cannot be empty"),
    "card-add-empty-token": (("billing", "card", "add", "--account", "1", "--token", ""), {}, "",
                             "'--token': cannot be empty"),
}
# These read vm create's rules (GET /v1/api/parameters/vm) before judging a name, user, password or size;
# nothing else may be sent.
RULES = "/v1/api/parameters/vm"
READS_RULES = ("vm-update-", "vm-clone-", "vm-password-")


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_line_and_exit_2_sending_nothing(invoke, case, tmp_path):
    args, env, stdin, text = CASES[case]
    with respx.mock(assert_all_called=False) as mock:
        anything = mock.route().mock(return_value=httpx.Response(200, json=[]))
        result = invoke(*args, env=env, input=stdin)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.stderr
    assert len(lines) == 1 and text in lines[0], result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    sent = [c.request.url.path for c in anything.calls]
    assert sent == [] or (case.startswith(READS_RULES) and sent == [RULES]), sent


@pytest.mark.parametrize("make", [_nested, _bomb], ids=["nested-100000", "alias-bomb"])
def test_hostile_cloud_init_is_refused(invoke, make, tmp_path):
    with respx.mock(assert_all_called=False) as mock:
        anything = mock.route().mock(return_value=httpx.Response(200, json=[]))
        result = invoke(*CREATE, "--cloud-init", make(tmp_path), input="Secret123\n")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "--cloud-init" in result.stderr and "internal error" not in result.stderr
    assert not anything.called


def test_deep_json_body_is_refused(invoke, tmp_path):
    body = tmp_path / "deep.json"
    body.write_text("[" * 100_000 + "]" * 100_000)
    result = invoke("api", "POST", "/v1/x", "--json", f"@{body}")
    assert result.exit_code == 2 and "nested too deeply" in result.stderr


@pytest.mark.parametrize(("text", "line", "key"), [
    ('[profiles.default]\nlocation = "bus02"\napi_key = 123\n', 3, "api_key"),
    ('active_profile = "default"\n\n[profiles.default]\ntimeout = "inf"\n', 4, "timeout"),
    ('[profiles.default]\napi_url = "http://a\\u0007b"\n', 2, "api_url"),
    ('[profiles.default]\nbilling_account = "²"\n', 2, "billing_account"),
])
def test_bad_stored_values_name_the_key_file_and_line(invoke, tmp_path, text, line, key):
    env = _config(tmp_path, text)
    env["IDCCTL_API_URL"] = None
    result = invoke("vm", "list", env=env, key=None)
    assert result.exit_code == 2, result.stderr
    assert f"given.toml:{line}: profile 'default' {key}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_config_set_accepts_good_values_after_all(invoke, config_file):
    assert invoke("config", "set", "timeout", "30").exit_code == 0
    assert invoke("config", "set", "api_url", f"{BASE}/").exit_code == 0
    assert invoke("config", "get", "api_url", env={"IDCCTL_API_URL": None}).stdout == f"{BASE}\n"


def test_an_answer_nested_100000_deep_is_an_api_error(invoke):
    deep = b"[" * 100_000 + b"]" * 100_000
    with respx.mock() as mock:
        mock.get(f"{BASE}/v1/user-resource/vm/list").mock(
            return_value=httpx.Response(200, content=deep, headers={"content-type": "application/json"}))
        result = invoke("vm", "list", "-o", "json")
    assert result.exit_code == 1, result.stderr
    assert result.stderr == ("error: the answer is nested too deeply to read (HTTP 200); that is not an "
                             "answer of the API; check --api-url\n")


@pytest.mark.parametrize("where", ["answer", "cache"])
def test_a_location_slug_with_control_characters_ends_in_clear_lines(invoke, tmp_path, where):
    from idcctl.cache import Cache

    bad = "bad\x01\x1b[2Jslug"
    cache = tmp_path / "cache"
    if where == "cache":
        Cache(cache).put("locations", ("default", BASE), ["cyc01", bad])
    with respx.mock(assert_all_called=False) as mock:
        mock.get(f"{BASE}/v1/config/locations").mock(
            return_value=httpx.Response(200, json=[{"slug": "cyc01"}, {"slug": bad}]))
        good = mock.get(f"{BASE}/v1/cyc01/user-resource/vm/list").mock(return_value=httpx.Response(200, json=[]))
        other = mock.get(url__regex=r".*/user-resource/vm/list").mock(return_value=httpx.Response(200, json=[]))
        result = invoke("vm", "list", "--all-locations", "-o", "json", env={"IDCCTL_CACHE_DIR": str(cache)})
    assert result.exit_code == 1, result.stderr
    assert good.called and not other.called  # the bad slug never reached a URL
    assert "\x1b" not in result.stderr and "internal error" not in result.stderr
    assert result.stderr.splitlines() == [
        "error: location badslug: 'badslug' is not a location slug",  # the ESC sequence removed whole
        "error: 1 of 2 locations could not be listed; the list above is incomplete"]


def test_every_id_and_size_parameter_refuses_zero_negatives_and_absurd_sizes():
    """Billing accounts, cards, invoices, tokens: ids from 1; disk sizes within MAX_DISK_GB (new groups too)."""
    from idcctl.cli.shared.inputs import MAX_DISK_GB
    from idcctl.shell.compat import value_type
    from tests.guards.conftest import command_tree, leaves

    wrong = []
    for path, command in leaves(command_tree()):
        for param in command.params:
            kind = value_type(param)
            if kind.kind != "integer":
                continue
            if param.name in ("acct", "billing_account") or param.name.endswith("_id"):
                if (kind.min or 0) < 1:
                    wrong.append(f"{' '.join(path)} {param.name}: ids start at 1")
            if param.name == "size" and kind.max != MAX_DISK_GB:
                wrong.append(f"{' '.join(path)} --size: at most {MAX_DISK_GB} GB")
    assert wrong == []
