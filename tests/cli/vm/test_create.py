"""`vm create`: the exact request, passwords, cache, fallbacks, the cost estimate, --wait."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from tests.cli.conftest import ECDSA_KEY, ED25519_KEY, POLICY, api, form_of, ok
from tests.cli.vm.conftest import (
    BASIC,
    CREATED,
    DISK_UUID,
    IMAGES,
    NEW_UUID,
    PARAMS,
    PASSWORD,
    VM_URL,
    created,
    rejected,
    replaced,
    rules,
)
from tests.conftest import BASE

PARAMS_URL = f"{BASE}/v1/api/parameters/vm"
IMAGES_URL = f"{BASE}/v1/config/vm_images"
POOL_UUID = "d2fc6881-9316-46d7-b515-b6cddaeee927"
NET_UUID = "50341410-9e88-4af2-a21e-b8c898e33e52"
SOURCE_UUID = "5aea1842-895f-4bd3-8bd6-e37b2282fb46"
REPLICA_UUID = "7d9c0b3a-1111-4222-8333-944455556666"
NO_STDIN = tuple(a for a in BASIC if a != "--password-stdin")
KEY_UUID = "9a7c1df2-6e44-4330-b6a1-3b77f5c1e8d0"


def test_minimal_create_sends_the_defaults_and_the_profile_billing_account(run):
    result, form = created(run, *BASIC, "-o", "json", env={"IDCCTL_BILLING_ACCOUNT": "6"})
    assert result.json() == CREATED
    assert form == {
        "name": "web-01", "os_name": "ubuntu", "os_version": "22.04-lts", "disks": "20",
        "vcpu": "2", "ram": "2048", "username": "deploy", "password": PASSWORD,
        "billing_account_id": "6",  # backup and reserve_public_ip: left to the API's defaults
    }
    assert f"Created VM web-01 ({NEW_UUID})" in result.stderr
    assert PASSWORD not in result.stderr


def test_every_option_lands_in_its_form_field(run, tmp_path):
    key_file = tmp_path / "id.pub"
    key_file.write_text(ED25519_KEY + "\n")
    cloud = tmp_path / "init.yaml"
    cloud.write_text("#cloud-config\nruncmd:\n  - /firstboot\nwrite_files:\n"
                     "  - path: /firstboot\n    permissions: '0755'\n")
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        mock.get(f"{BASE}/v1/user-resource/host_pool/list").mock(return_value=httpx.Response(
            200, json=[{"name": "General", "uuid": "4820b11f-82c9-4313-a1ef-14d6039981db"},
                       {"name": "Performance", "uuid": POOL_UUID}]))
        mock.get(f"{BASE}/v1/network/networks").mock(return_value=httpx.Response(
            200, json=[{"name": "backend", "uuid": NET_UUID}]))
        mock.get(f"{BASE}/v1/user-resource/vm/list").mock(return_value=httpx.Response(
            200, json=[{"name": "golden", "uuid": SOURCE_UUID}]))
        mock.get(f"{BASE}/v1/user-resource/ssh_keys").mock(return_value=httpx.Response(
            200, json=[{"uuid": KEY_UUID, "name": "ci", "public_key": ECDSA_KEY}]))
        post = mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*BASIC, "--public-key", f"@{key_file}", "--ssh-key", "ci", "--pool", "Performance",
                     "--billing-account", "7", "--network", "backend", "--cloud-init", str(cloud),
                     "--backup", "--no-public-ip", "--source-vm", "golden",
                     "--source-replica", REPLICA_UUID, "--description", "front end",
                     env={"IDCCTL_BILLING_ACCOUNT": "6"})
    assert result.exit_code == 0, result.stderr
    form = form_of(post, repeated=("public_keys",))
    assert json.loads(form.pop("cloud_init")) == {
        "runcmd": ["/firstboot"], "write_files": [{"path": "/firstboot", "permissions": "0755"}]}
    assert form == {
        "name": "web-01", "os_name": "ubuntu", "os_version": "22.04-lts", "disks": "20",
        "vcpu": "2", "ram": "2048", "username": "deploy", "password": PASSWORD,
        "public_keys": [ED25519_KEY, ECDSA_KEY], "designated_pool_uuid": POOL_UUID,
        "billing_account_id": "7", "network_uuid": NET_UUID, "backup": "true",
        "reserve_public_ip": "false", "source_uuid": SOURCE_UUID, "source_replica": REPLICA_UUID,
        "description": "front end",
    }


def test_cloud_init_is_compact_json_text(run, tmp_path):
    cloud = tmp_path / "init.json"
    cloud.write_text('{ "runcmd" : [ "echo hi" ] }')
    result, form = created(run, *BASIC, "--cloud-init", str(cloud))
    assert form["cloud_init"] == '{"runcmd":["echo hi"]}'


def test_location_prefixes_the_path_and_scopes_the_lookups(run):
    base = f"{BASE}/v1/bus02"
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)  # parameters and images are global, not location-scoped
        mock.get(f"{base}/user-resource/host_pool/list").mock(return_value=httpx.Response(
            200, json=[{"name": "Performance", "uuid": POOL_UUID}]))
        post = mock.post(f"{base}/user-resource/vm").mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*BASIC, "--pool", "Performance", "--location", "bus02", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert post.calls.last.request.url.path == "/v1/bus02/user-resource/vm"
    assert form_of(post)["designated_pool_uuid"] == POOL_UUID


def test_boot_disk_sends_disk_uuid_and_no_disks(run):
    args = [a for a in BASIC if a not in ("--disk-size", "20")]
    result, form = created(run, *args, "--boot-disk", DISK_UUID)
    assert form["disk_uuid"] == DISK_UUID
    assert "disks" not in form


def test_windows_needs_no_username(run):
    args = ("vm", "create", "--name", "win-01", "--os", "windows", "--os-version", "2022",
            "--disk-size", "40", "--vcpu", "2", "--ram", "4096", "--password-stdin")
    result, form = created(run, *args)
    assert "username" not in form


def test_no_password_source_and_no_terminal_is_exit_2(run):
    with respx.mock(assert_all_called=True):
        result = run(*NO_STDIN, input="")
    assert result.exit_code == 2
    assert "--password-stdin" in result.stderr


def test_password_prompt_on_a_terminal_asks_twice(run):
    result, form = created(run, *NO_STDIN, input=f"{PASSWORD}\n{PASSWORD}\n", tty=True)
    assert form["password"] == PASSWORD
    assert "VM password: " in result.stderr and "Repeat the password: " in result.stderr
    assert PASSWORD not in result.stderr


def test_password_prompt_mismatch_sends_nothing(run):
    result = rejected(run, *NO_STDIN, input=f"{PASSWORD}\nSecret124\n", tty=True)
    assert "the two passwords differ; nothing was sent" in result.stderr


def test_password_option_works_but_warns(run):
    result, form = created(run, *NO_STDIN, "--password", PASSWORD, input="")
    assert form["password"] == PASSWORD
    assert "warning: a password on the command line lands in your shell history" in result.stderr


def test_public_keys_are_repeated_form_values_in_order_and_once_each(run):
    result, form = created(run, *BASIC, "--public-key", ECDSA_KEY, "--public-key", f"  {ED25519_KEY}\n",
                           "--public-key", ECDSA_KEY)
    assert form["public_keys"] == [ECDSA_KEY, ED25519_KEY]
    assert "public_key" not in form


def test_stored_ssh_keys_by_name_or_uuid_are_looked_up_once_before_sending(run):
    stored = [{"uuid": KEY_UUID, "name": "ci", "public_key": ECDSA_KEY},
              {"uuid": NEW_UUID, "name": "laptop", "public_key": ED25519_KEY}]
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        listed = mock.get(f"{BASE}/v1/user-resource/ssh_keys").mock(return_value=httpx.Response(200, json=stored))
        post = mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*BASIC, "--ssh-key", "laptop", "--ssh-key", KEY_UUID)
    assert result.exit_code == 0, result.stderr
    assert listed.call_count == 1
    assert form_of(post, repeated=("public_keys",))["public_keys"] == [ED25519_KEY, ECDSA_KEY]


def test_an_unknown_stored_key_is_exit_4_and_nothing_is_created(run):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(f"{BASE}/v1/user-resource/ssh_keys").mock(return_value=httpx.Response(200, json=[]))
        mock.post(VM_URL, name="create")
        result = run(*BASIC, "--ssh-key", "laptop")
        assert not mock.pop("create").called
    assert result.exit_code == 4
    assert "no SSH key named 'laptop'; 'idcctl ssh-key list' shows them" in result.stderr


def test_os_custom_or_no_os_makes_an_empty_disk_vm_without_a_login(run):
    bare = ("vm", "create", "--name", "iso-01", "--disk-size", "20", "--vcpu", "2", "--ram", "2048")
    for args in (bare, (*bare, "--os", "_custom"), (*bare, "--os", "_custom", "--os-version", "_")):
        with respx.mock(assert_all_called=False) as mock:  # the rules are cached after the first run
            rules(mock)
            post = mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
            result = run(*args, input="")
        assert result.exit_code == 0, result.stderr
        assert form_of(post) == {"name": "iso-01", "os_name": "_custom", "os_version": "_", "disks": "20", "vcpu": "2",
                        "ram": "2048"}  # unset optional booleans: left out
        assert "install an OS from an ISO with 'idcctl vm boot-iso iso-01 --image IMAGE'" in result.stderr
    with respx.mock(assert_all_called=True) as mock:
        post = mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*bare, "--password-stdin", "--public-key", ED25519_KEY)
    form = form_of(post, repeated=("public_keys",))
    assert (form["password"], form["public_keys"]) == (PASSWORD, [ED25519_KEY])
    assert "warning: an empty-disk VM has no OS to take SSH keys or cloud-init" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("--os", "_custom", "--os-version", "22.04-lts"), "an empty-disk VM (--os _custom, or no --os) has no --os-version"),
    (("--os", "ubuntu"), "--os ubuntu needs --os-version"),
    (("--os-version", "22.04-lts"), "has no --os-version"),
])
def test_os_and_version_go_together(run, args, message):
    bare = ("vm", "create", "--name", "iso-01", "--disk-size", "20", "--vcpu", "2", "--ram", "2048")
    with respx.mock(assert_all_called=True):
        result = run(*bare, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_any_cloud_init_keys_are_sent(run, tmp_path):
    cloud = tmp_path / "init.yaml"
    cloud.write_text("#cloud-config\npackages: [nginx]\nssh_pwauth: false\nusers:\n  - name: ops\n")
    result, form = created(run, *replaced(BASIC, "--username", "deploy"), "--cloud-init", str(cloud))
    assert json.loads(form["cloud_init"]) == {"packages": ["nginx"], "ssh_pwauth": False, "users": [{"name": "ops"}]}
    assert "warning: a cloud-init 'users:' block together with --username" in result.stderr


def test_second_create_within_the_ttl_asks_only_for_the_create(run):
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        assert run(*BASIC).exit_code == 0
    with respx.mock(assert_all_called=True) as mock:  # no GET routes: a GET would fail
        post = mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*BASIC)
        assert len(mock.calls) == 1
    assert result.exit_code == 0, result.stderr
    assert post.called
    with respx.mock(assert_all_called=True):  # and cached rules still reject bad input
        assert run(*replaced(BASIC, "--os-version", "22.04")).exit_code == 2


def test_missing_parameters_endpoint_falls_back_to_the_reference_rules(run):
    for attempt in range(2):  # a failure is not cached: the next run asks again
        with respx.mock(assert_all_called=True) as mock:
            mock.get(PARAMS_URL).mock(return_value=httpx.Response(404, json={"message": "Not found"}))
            if attempt == 0:  # the image list was good, so the second run has it cached
                mock.get(IMAGES_URL).mock(return_value=httpx.Response(200, json=IMAGES))
            mock.post(VM_URL, name="create")
            # 120 GB is fine by the reference's 20-240, but vcpu 17 is not.
            result = run(*replaced(replaced(BASIC, "--disk-size", "120"), "--vcpu", "17"))
            assert not mock.pop("create").called
        assert result.exit_code == 2
        assert "--vcpu 17 is out of range (allowed: 1 to 16)" in result.stderr
        assert "--disk-size" not in result.stderr


def test_unreadable_image_list_warns_and_sends_unchecked(run):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(PARAMS_URL).mock(return_value=httpx.Response(200, json=PARAMS))
        mock.get(IMAGES_URL).mock(return_value=httpx.Response(500, json={"message": "boom"}))
        post = mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*replaced(BASIC, "--os-version", "22.10"))
    assert result.exit_code == 0, result.stderr
    assert "warning: cannot read the image list" in result.stderr
    assert form_of(post)["os_version"] == "22.10"


def test_auth_failure_while_validating_is_exit_3(run):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(PARAMS_URL).mock(return_value=httpx.Response(403, json={"message": "Forbidden"}))
        result = run(*BASIC)
    assert result.exit_code == 3


def test_dry_run_validates_but_sends_no_create(run):
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        mock.post(VM_URL, name="create")
        result = run(*BASIC, "--dry-run")
        assert not mock.pop("create").called
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"POST {VM_URL}")
    assert "name=web-01" in result.stdout


def test_wait_polls_until_running_and_prints_the_final_vm(run):
    running = {**CREATED, "status": "running"}
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        show = mock.get(VM_URL, params={"uuid": NEW_UUID}).mock(side_effect=[
            httpx.Response(200, json=CREATED), httpx.Response(200, json=running)])
        result = run(*BASIC, "--wait", "-o", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == running
    assert show.call_count == 2
    assert len(result.sleeps) == 1


def test_wait_gives_up_with_exit_6(run):
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        mock.get(VM_URL, params={"uuid": NEW_UUID}).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*BASIC, "--wait", "--wait-timeout", "30", "-o", "json")
    assert result.exit_code == 6
    assert "last status seen: starting" in result.stderr
    assert sum(result.sleeps) == pytest.approx(30)
    assert result.stdout == ""


def test_table_output_shows_the_created_vm(run):
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*BASIC, "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{NEW_UUID}\n"


def test_the_real_stdin_prompts_through_getpass(monkeypatch):
    """A real terminal must not echo the password: the prompt goes through getpass."""
    import io

    from idcctl.shell.state import State

    prompts = []
    monkeypatch.setattr("getpass.getpass", lambda prompt, stream=None: prompts.append(prompt) or PASSWORD)
    state = State(env={}, stderr=io.StringIO())  # no injected stdin: state.inp is sys.stdin
    assert state.prompt_hidden("VM password: ") == PASSWORD
    assert prompts == ["VM password: "]


def test_vm_create_dry_run_shows_the_monthly_estimate_on_stderr(invoke):
    with api(assert_all_called=False) as mock:
        rules(mock)
        mock.get("/v1/pricing/policy").mock(return_value=ok(POLICY))
        create = mock.post("/v1/user-resource/vm")
        result = invoke(*BASIC, "--dry-run", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.stderr
    assert create.call_count == 0
    assert "Estimated cost: 0.01900/h, 13.68 per 30-day month" in result.stderr
    assert "13.68" not in result.stdout


def test_vm_create_goes_on_without_the_policy_and_says_so(invoke):
    with api() as mock:
        rules(mock)
        mock.get("/v1/pricing/policy").mock(return_value=httpx.Response(404, json={"message": "gone"}))
        create = mock.post("/v1/user-resource/vm").mock(return_value=ok(CREATED))
        result = invoke(*BASIC, "-o", "json", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.stderr
    assert create.call_count == 1
    assert "no cost estimate" in result.stderr
