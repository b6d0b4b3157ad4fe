"""`vm create`: the exact request, local validation that sends nothing, passwords, cache, --wait."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import httpx
import pytest
import respx
from tests.conftest import BASE

VM_URL = f"{BASE}/v1/user-resource/vm"
PARAMS_URL = f"{BASE}/v1/api/parameters/vm"
IMAGES_URL = f"{BASE}/v1/config/vm_images"
NEW_UUID = "0f1e2d3c-4b5a-4968-8776-655443322110"
POOL_UUID = "d2fc6881-9316-46d7-b515-b6cddaeee927"
NET_UUID = "50341410-9e88-4af2-a21e-b8c898e33e52"
SOURCE_UUID = "5aea1842-895f-4bd3-8bd6-e37b2282fb46"
REPLICA_UUID = "7d9c0b3a-1111-4222-8333-944455556666"
DISK_UUID = "aa0e9c1b-2222-4333-8444-b55566667777"

# The API's rules as the reference shows them, but with a different disk maximum,
# so a test can tell the API's answer from the built-in fallback.
PARAMS = [
    {"constraint": "range", "parameter": "disks", "min": 20, "max": 100, "mandatory": True},
    {"constraint": "regexp", "parameter": "name", "mandatory": True,
     "expression": "^[0-9a-zA-Z][-0-9a-zA-Z]{2,}[0-9a-zA-Z]$"},
    {"constraint": "regexp", "parameter": "password", "mandatory": True,
     "expression": "^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,}$"},
    {"constraint": "range", "parameter": "ram", "min": 512, "max": 65536, "mandatory": True,
     "limited_by": "os_name", "limits": [{"min": 1024, "os_name": "windows"}]},
    {"constraint": "regexp", "parameter": "username", "mandatory": True,
     "expression": "^(?=.{1,30}$)[a-zA-Z_][0-9a-zA-Z_-]*$",
     "limited_by": "os_name", "limits": [{"mandatory": False, "os_name": "windows"}]},
    {"constraint": "range", "parameter": "vcpu", "min": 1, "max": 16, "mandatory": True,
     "limited_by": "os_name", "limits": [{"min": 2, "os_name": "windows"}]},
]
IMAGES = [
    {"os_name": "ubuntu", "display_name": "Ubuntu",
     "versions": [{"os_version": "20.04-lts", "published": True},
                  {"os_version": "22.04-lts", "published": True}]},
    {"os_name": "windows", "display_name": "Windows",
     "versions": [{"os_version": "2022", "published": True}]},
]
CREATED = {"uuid": NEW_UUID, "name": "web-01", "status": "starting", "vcpu": 2, "memory": 2048,
           "os_name": "ubuntu", "os_version": "22.04-lts", "storage": [{"size": 20}]}
PASSWORD = "Secret123"
BASIC = ("vm", "create", "--name", "web-01", "--os", "ubuntu", "--os-version", "22.04-lts",
         "--disk-size", "20", "--vcpu", "2", "--ram", "2048", "--username", "deploy",
         "--password-stdin")
NO_STDIN = tuple(a for a in BASIC if a != "--password-stdin")


@pytest.fixture
def run(invoke, tmp_path):
    """invoke() with the cache in a temp dir and the password on stdin."""
    cache = tmp_path / "cache"
    # The cost estimate reads the pricing policy; a cached copy keeps these requests unchanged.
    from idcctl.cache import Cache
    from idcctl.sandbox.seed.pricing import POLICY

    Cache(cache).put("pricing-policy", ("default", BASE), POLICY)

    def _run(*args, env=None, input=PASSWORD + "\n", **kwargs):
        return invoke(*args, env={"IDCCTL_CACHE_DIR": str(cache), **(env or {})}, input=input, **kwargs)

    return _run


def rules(mock, base=BASE):
    mock.get(f"{base}/v1/api/parameters/vm").mock(return_value=httpx.Response(200, json=PARAMS))
    mock.get(f"{base}/v1/config/vm_images").mock(return_value=httpx.Response(200, json=IMAGES))


def form_of(route) -> dict[str, str]:
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    pairs = parse_qsl(request.content.decode(), keep_blank_values=True)
    assert len(pairs) == len(dict(pairs))  # no field sent twice
    return dict(pairs)


def created(run, *args, **kwargs):
    """Run vm create against the standard rules; return (result, the form it sent)."""
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        post = mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*args, **kwargs)
    assert result.exit_code == 0, result.stderr
    return result, form_of(post)


def rejected(run, *args, **kwargs):
    """Run vm create against the standard rules; it must exit 2 having sent no create."""
    with respx.mock(assert_all_called=True) as mock:
        rules(mock)
        mock.post(VM_URL, name="create")
        result = run(*args, **kwargs)
        assert not mock.pop("create").called
    assert result.exit_code == 2
    assert result.stdout == ""
    return result


def test_minimal_create_sends_the_defaults_and_the_profile_billing_account(run):
    result, form = created(run, *BASIC, "-o", "json", env={"IDCCTL_BILLING_ACCOUNT": "6"})
    assert result.json() == CREATED
    assert form == {
        "name": "web-01", "os_name": "ubuntu", "os_version": "22.04-lts", "disks": "20",
        "vcpu": "2", "ram": "2048", "username": "deploy", "password": PASSWORD,
        "billing_account_id": "6", "backup": "False", "reserve_public_ip": "True",
    }
    assert f"Created VM web-01 ({NEW_UUID})" in result.stderr
    assert PASSWORD not in result.stderr


def test_every_option_lands_in_its_form_field(run, tmp_path):
    key_file = tmp_path / "id.pub"
    key_file.write_text("ssh-ed25519 AAAAC3 me@host\n")
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
        post = mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*BASIC, "--public-key", f"@{key_file}", "--pool", "Performance",
                     "--billing-account", "7", "--network", "backend", "--cloud-init", str(cloud),
                     "--backup", "--no-public-ip", "--source-vm", "golden",
                     "--source-replica", REPLICA_UUID, "--description", "front end",
                     env={"IDCCTL_BILLING_ACCOUNT": "6"})
    assert result.exit_code == 0, result.stderr
    form = form_of(post)
    assert json.loads(form.pop("cloud_init")) == {
        "runcmd": ["/firstboot"], "write_files": [{"path": "/firstboot", "permissions": "0755"}]}
    assert form == {
        "name": "web-01", "os_name": "ubuntu", "os_version": "22.04-lts", "disks": "20",
        "vcpu": "2", "ram": "2048", "username": "deploy", "password": PASSWORD,
        "public_key": "ssh-ed25519 AAAAC3 me@host", "designated_pool_uuid": POOL_UUID,
        "billing_account_id": "7", "network_uuid": NET_UUID, "backup": "True",
        "reserve_public_ip": "False", "source_uuid": SOURCE_UUID, "source_replica": REPLICA_UUID,
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


def _replace(args, option, value):
    args = list(args)
    args[args.index(option) + 1] = value
    return args


@pytest.mark.parametrize("change, expected", [
    (("--name", "a_b"), "--name 'a_b' is not allowed (use at least 4 characters"),
    (("--vcpu", "17"), "--vcpu 17 is out of range (allowed: 1 to 16)"),
    (("--vcpu", "0"), "--vcpu 0 is out of range (allowed: 1 to 16)"),
    (("--ram", "256"), "--ram 256 MB is out of range (allowed: 512 to 65536 MB)"),
    # 100 is the API's maximum here; the built-in rules would allow 240.
    (("--disk-size", "120"), "--disk-size 120 GB is out of range (allowed: 20 to 100 GB)"),
    (("--os", "ubnutu"), "--os 'ubnutu' is unknown (did you mean ubuntu? known: ubuntu, windows)"),
    (("--os-version", "22.04"), "--os-version '22.04' is not available for ubuntu (did you mean 22.04-lts?"),
    (("--username", "9lives"), "--username '9lives' is not allowed"),
])
def test_invalid_input_is_exit_2_and_nothing_is_sent(run, change, expected):
    result = rejected(run, *_replace(BASIC, *change))
    assert expected in result.stderr
    assert result.stdout == ""


def test_windows_limits_apply(run):
    args = ("vm", "create", "--name", "win-01", "--os", "windows", "--os-version", "2022",
            "--disk-size", "40", "--vcpu", "1", "--ram", "512", "--password-stdin")
    result = rejected(run, *args)
    # Every problem at once, each with what windows allows.
    assert "--vcpu 1 is out of range (allowed for windows: 2 to 16)" in result.stderr
    assert "--ram 512 MB is out of range (allowed for windows: 1024 to 65536 MB)" in result.stderr


def test_missing_username_for_linux_is_exit_2(run):
    args = [a for a in BASIC if a not in ("--username", "deploy")]
    result = rejected(run, *args)
    assert "--username is required for ubuntu" in result.stderr


def test_weak_password_is_exit_2_and_never_echoed(run):
    result = rejected(run, *BASIC, input="weakpass\n")
    assert "at least 8 characters with a lower-case letter, an upper-case letter and a digit" in result.stderr
    assert "weakpass" not in result.stderr + result.stdout


@pytest.mark.parametrize("content, expected", [
    ("runcmd: []\npackages: [nginx]\n", "unsupported key(s) packages (the API supports only runcmd and write_files)"),
    ("- just a list\n", "must be a mapping"),
])
def test_bad_cloud_init_is_exit_2_before_any_request(run, tmp_path, content, expected):
    cloud = tmp_path / "init.yaml"
    cloud.write_text(content)
    with respx.mock(assert_all_called=True):  # no routes: any request fails the test
        result = run(*BASIC, "--cloud-init", str(cloud))
    assert result.exit_code == 2
    assert expected in result.stderr


def test_cloud_init_users_with_username_also_warns(run, tmp_path):
    cloud = tmp_path / "init.yaml"
    cloud.write_text("users:\n  - name: admin\nruncmd: [true]\n")
    with respx.mock(assert_all_called=True):
        result = run(*BASIC, "--cloud-init", str(cloud))
    assert result.exit_code == 2
    assert "warning: a cloud-init 'users:' block together with --username" in result.stderr
    assert "unsupported key(s) users" in result.stderr


@pytest.mark.parametrize("extra, expected", [
    (("--source-vm", "golden"), "--source-vm and --source-replica go together"),
    (("--boot-disk", DISK_UUID), "--disk-size and --boot-disk exclude each other"),
    (("--password", "Other123"), "give --password or --password-stdin, not both"),
    (("--public-key", "@/nonexistent/id.pub"), "--public-key: cannot read /nonexistent/id.pub"),
])
def test_inconsistent_options_are_exit_2_before_any_request(run, extra, expected):
    with respx.mock(assert_all_called=True):
        result = run(*BASIC, *extra)
    assert result.exit_code == 2
    assert expected in result.stderr


def test_disk_size_is_required_without_boot_disk(run):
    args = [a for a in BASIC if a not in ("--disk-size", "20")]
    with respx.mock(assert_all_called=True):
        result = run(*args)
    assert result.exit_code == 2
    assert "--disk-size GB is required" in result.stderr


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


def test_literal_public_key_is_sent_as_given(run):
    result, form = created(run, *BASIC, "--public-key", "ssh-rsa AAAAB3 me")
    assert form["public_key"] == "ssh-rsa AAAAB3 me"


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
        assert run(*_replace(BASIC, "--os-version", "22.04")).exit_code == 2


def test_missing_parameters_endpoint_falls_back_to_the_reference_rules(run):
    for attempt in range(2):  # a failure is not cached: the next run asks again
        with respx.mock(assert_all_called=True) as mock:
            mock.get(PARAMS_URL).mock(return_value=httpx.Response(404, json={"message": "Not found"}))
            if attempt == 0:  # the image list was good, so the second run has it cached
                mock.get(IMAGES_URL).mock(return_value=httpx.Response(200, json=IMAGES))
            mock.post(VM_URL, name="create")
            # 120 GB is fine by the reference's 20-240, but vcpu 17 is not.
            result = run(*_replace(_replace(BASIC, "--disk-size", "120"), "--vcpu", "17"))
            assert not mock.pop("create").called
        assert result.exit_code == 2
        assert "--vcpu 17 is out of range (allowed: 1 to 16)" in result.stderr
        assert "--disk-size" not in result.stderr


def test_unreadable_image_list_warns_and_sends_unchecked(run):
    with respx.mock(assert_all_called=True) as mock:
        mock.get(PARAMS_URL).mock(return_value=httpx.Response(200, json=PARAMS))
        mock.get(IMAGES_URL).mock(return_value=httpx.Response(500, json={"message": "boom"}))
        post = mock.post(VM_URL).mock(return_value=httpx.Response(200, json=CREATED))
        result = run(*_replace(BASIC, "--os-version", "22.10"))
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
