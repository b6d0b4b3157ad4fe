"""`bucket` commands: exact requests, human sizes, name validation, keys and --env, confirmations."""

from __future__ import annotations

import re
import shlex
import subprocess

import httpx
import pytest

from idcctl.output.storage import human_bytes
from tests.cli.conftest import api, form_of, ok
from tests.conftest import BASE

BUCKET = "/v1/storage/bucket"
KEYS = "/v1/storage/user/keys"
S3 = "/v1/storage/api/s3"
URL = "https://s3.idcloudhost.com:8080/"
PANG1 = {"billing_account_id": 129093, "name": "pang1", "num_objects": 5, "size_bytes": 3189211059,
         "created_at": "2021-01-22T12:57:13.808+0000", "modified_at": "2021-01-22T14:57:13.694+0000",
         "is_suspended": False}
SMALL = {**PANG1, "name": "small", "num_objects": 1, "size_bytes": 3425}
EMPTY = {**PANG1, "name": "pang3", "num_objects": 0, "size_bytes": 0}
K1 = {"accessKey": "ES1R8YDF6A6FX8ILP31N", "secretKey": "bwtlq3Xo9ZkT2mV7yR4cN8pH1sJ6dF0gW5eALU",
      "userId": "user+test@example.com"}
K2 = {"accessKey": "H2MZ4KQW7RT9YB3NX50A", "secretKey": "it's a $ecret \"quoted\" `x`",
      "userId": "user+test@example.com"}
NEW = {"accessKey": "44PW8YDF6A6FX8ILP3BC", "secretKey": "etxHq3Xo9ZkT2mV7yR4cN8pH1sJ6dF0gW5eAO1",
       "userId": "user+test@example.com"}


@pytest.mark.parametrize("value, text", [(0, "0 B"), (1023, "1023 B"), (3425, "3.3 KiB"),
                                         (1288490188, "1.2 GiB"), (3189211059, "3.0 GiB"), (None, None)])
def test_human_bytes(value, text):
    assert human_bytes(value) == text


def test_list_table_has_human_sizes_json_has_bytes(invoke):
    with api() as mock:
        route = mock.get(f"{BUCKET}/list").mock(return_value=ok([PANG1, SMALL]))
        table = invoke("bucket", "list")
        data = invoke("bucket", "list", "-o", "json").json()
    assert table.exit_code == 0, table.stderr
    assert table.stdout == (
        "NAME   SIZE     OBJECTS  BILLING ACCOUNT  SUSPENDED  CREATED              MODIFIED\n"
        "pang1  3.0 GiB  5        129093           no         2021-01-22 12:57:13  2021-01-22 14:57:13\n"
        "small  3.3 KiB  1        129093           no         2021-01-22 12:57:13  2021-01-22 14:57:13\n")
    assert data == [PANG1, SMALL]
    assert route.calls.last.request.url.query == b""


def test_list_filters_by_billing_account_in_the_query(invoke):
    with api() as mock:
        route = mock.get(f"{BUCKET}/list", params={"billing_account_id": "129072"}).mock(return_value=ok([]))
        result = invoke("bucket", "list", "--billing-account", "129072", "-q")
    assert result.exit_code == 0 and route.called and result.stdout == ""


def test_show_by_name_in_the_query(invoke):
    with api() as mock:
        mock.get(BUCKET, params={"name": "pang1"}).mock(return_value=ok(PANG1))
        result = invoke("bucket", "show", "pang1")
    assert result.exit_code == 0, result.stderr
    assert "size_bytes          3189211059\n" in result.stdout


def test_show_unknown_bucket_exits_4(invoke):
    with api() as mock:
        mock.get(BUCKET, params={"name": "nope"}).mock(return_value=httpx.Response(
            400, json={"errors": {"Error": "No such bucket exists. nope"}}))
        result = invoke("bucket", "show", "nope")
    assert result.exit_code == 4 and "No such bucket exists" in result.stderr


def test_create_sends_a_form_put_with_the_profile_billing_account(invoke):
    with api() as mock:
        route = mock.put(BUCKET).mock(return_value=ok(EMPTY))
        result = invoke("bucket", "create", "pang3", "-o", "json", env={"IDCCTL_BILLING_ACCOUNT": "12345"})
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"name": "pang3", "billing_account_id": "12345"}
    assert result.json() == EMPTY


@pytest.mark.parametrize("name, why", [
    ("Bad_Name", "only lowercase letters, digits, hyphens and dots"),
    ("ab", "it has 2 characters (3 to 63 allowed)"),
    ("a" * 64, "it has 64 characters"),
    ("bucket-", "start and end with a letter or digit"),
    ("bucket.", "start and end with a letter or digit"),
    ("my..bucket", "two dots in a row"),
    ("192.168.5.4", "shaped like an IP address"),
])
def test_create_rejects_bad_names_without_sending(invoke, name, why):
    with api(assert_all_called=False) as mock:
        result = invoke("bucket", "create", name)
        assert mock.calls.call_count == 0
    assert result.exit_code == 2
    assert f"invalid bucket name '{name}'" in result.stderr and why in result.stderr


@pytest.mark.parametrize("name", ["abc", "my-bucket.2024", "a" * 63, "1bucket9"])
def test_good_names_pass(name):
    from idcctl.cli.bucket import name_problems

    assert name_problems(name) == []


def test_update_moves_the_billing_account(invoke):
    with api() as mock:
        route = mock.patch(BUCKET).mock(return_value=ok(PANG1))
        result = invoke("bucket", "update", "pang1", "--billing-account", "129072", "-q")
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"name": "pang1", "billing_account_id": "129072"}
    assert result.stdout == "pang1\n"


def test_delete_asks_naming_objects_and_size(invoke):
    with api() as mock:
        mock.get(BUCKET, params={"name": "pang1"}).mock(return_value=ok(PANG1))
        delete = mock.delete(BUCKET, params={"name": "pang1"}).mock(return_value=httpx.Response(204))
        result = invoke("bucket", "delete", "pang1", input="yes\n", tty=True)
    assert result.exit_code == 0, result.stderr
    assert delete.calls.last.request.content == b""
    assert ("Delete bucket pang1 (5 objects, 3.0 GiB)? Its objects will be lost. The API deletes only "
            "empty buckets: empty it with an S3 tool first. [y/N]: ") in result.stderr
    assert "Deleted bucket pang1." in result.stderr


def test_delete_refused_without_terminal_and_dry_run_sends_nothing(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(BUCKET, params={"name": "pang3"}).mock(return_value=ok(EMPTY))
        delete = mock.delete(BUCKET).mock(return_value=httpx.Response(204))
        refused = invoke("bucket", "delete", "pang3")
        dry = invoke("bucket", "delete", "pang3", "--dry-run")
    assert refused.exit_code == 2 and "pass --yes" in refused.stderr
    assert dry.exit_code == 0 and dry.stdout.splitlines()[0] == f"DELETE {BASE}{BUCKET}?name=pang3"
    assert not delete.called


def test_s3_url_and_user(invoke):
    user = {"caps": [], "displayName": "user+test@example.com", "maxBuckets": 1000,
            "s3Credentials": [K1], "userId": "user+test@example.com"}
    with api() as mock:
        mock.get(S3).mock(return_value=ok({"url": URL}))
        mock.get("/v1/storage/user").mock(return_value=ok(user))
        url = invoke("bucket", "s3-url", "-q")
        shown = invoke("bucket", "user")
        shown_json = invoke("bucket", "user", "-o", "json")
    assert url.stdout == f"{URL}\n"
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.endswith("s3Credentials:\nACCESS KEY            SECRET KEY  USER ID\n"
                                 "ES1R8YDF6A6FX8ILP31N  bwtl…eALU   user+test@example.com\n")
    assert K1["secretKey"] not in shown.stdout
    assert shown_json.json() == user


def test_user_help_says_it_creates_the_user(invoke):
    result = invoke("bucket", "user", "--help")
    assert "creates the user" in " ".join(result.stdout.split())


def test_key_list_masks_secrets_unless_asked(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([K1]))
        masked = invoke("bucket", "key", "list")
        shown = invoke("bucket", "key", "list", "--show-secrets")
    assert masked.stdout == ("ACCESS KEY            SECRET KEY  USER\n"
                             "ES1R8YDF6A6FX8ILP31N  bwtl…eALU   user+test@example.com\n")
    assert K1["secretKey"] in shown.stdout


def test_key_create_shows_only_the_new_key_with_its_secret(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([K1]))
        route = mock.post(KEYS).mock(return_value=ok([NEW, K1]))
        result = invoke("bucket", "key", "create")
    assert result.exit_code == 0, result.stderr
    assert route.calls.last.request.content == b""
    assert result.stdout == ("ACCESS KEY            SECRET KEY                              USER\n"
                             f"{NEW['accessKey']}  {NEW['secretKey']}  user+test@example.com\n")
    assert f"Created S3 key {NEW['accessKey']}." in result.stderr


def test_key_create_json_is_the_apis_answer(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([K1]))
        mock.post(KEYS).mock(return_value=ok([K1, NEW]))
        assert invoke("bucket", "key", "create", "-o", "json").json() == [K1, NEW]


def test_key_create_finds_the_new_key_by_comparing_not_by_position(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([K1, K2]))
        mock.post(KEYS).mock(return_value=ok([K1, K2, NEW]))  # last, as the live API was seen to answer
        result = invoke("bucket", "key", "create", "-q")
    assert (result.exit_code, result.stdout) == (0, f"{NEW['accessKey']}\n")


def test_key_create_whose_answer_holds_no_new_key_says_so(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([K1]))
        mock.post(KEYS).mock(return_value=ok([K1]))
        result = invoke("bucket", "key", "create")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("error: the API created a key but its answer holds no key that was not there "
                             "before; 'idcctl bucket key list' shows them\n")


def test_key_create_with_two_new_keys_shows_both_but_gives_env_none(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([K1]))
        mock.get(S3).mock(return_value=ok({"url": URL}))
        mock.post(KEYS).mock(return_value=ok([K2, K1, NEW]))
        table = invoke("bucket", "key", "create", "-q")
        env = invoke("bucket", "key", "create", "--env")
    assert (table.exit_code, table.stdout) == (0, f"{K2['accessKey']}\n{NEW['accessKey']}\n")
    assert "2 keys appeared while this one was made" in table.stderr
    assert (env.exit_code, env.stdout) == (1, "")
    assert "which is new is unclear" in env.stderr


def test_bucket_create_409_says_names_are_shared_by_all_customers(invoke):
    with api() as mock:
        mock.put(BUCKET).mock(return_value=httpx.Response(409, json={"errors": {"Error": "Bucket exists"}}))
        result = invoke("bucket", "create", "backups-2024")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("error: bucket names are shared by all customers: backups-2024 is taken "
                             "(HTTP 409); choose another\n")


def _parse_env(text: str) -> dict[str, str]:
    pairs = {}
    *assignments, export = text.splitlines()
    for line in assignments:
        words = shlex.split(line)
        assert len(words) == 1 and re.match(r"^AWS_[A-Z_]+=", line)
        name, _, value = words[0].partition("=")
        pairs[name] = value
    assert shlex.split(export) == ["export", *pairs]
    return pairs


def test_key_create_env_lines_parse_back(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([K1]))
        mock.get(S3).mock(return_value=ok({"url": URL}))
        mock.post(KEYS).mock(return_value=ok([NEW, K1]))
        result = invoke("bucket", "key", "create", "--env")
    assert result.exit_code == 0, result.stderr
    assert _parse_env(result.stdout) == {"AWS_ACCESS_KEY_ID": NEW["accessKey"],
                                         "AWS_SECRET_ACCESS_KEY": NEW["secretKey"], "AWS_ENDPOINT_URL": URL}


def test_key_list_env_quotes_awkward_secrets_for_eval(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([K1, K2]))
        mock.get(S3).mock(return_value=ok({"url": URL}))
        result = invoke("bucket", "key", "list", "--env", K2["accessKey"])
    assert result.exit_code == 0, result.stderr
    assert _parse_env(result.stdout)["AWS_SECRET_ACCESS_KEY"] == K2["secretKey"]
    shell = subprocess.run(["sh", "-c", 'eval "$1"; sh -c \'printf "%s|%s|%s" "$AWS_ACCESS_KEY_ID" '
                            '"$AWS_SECRET_ACCESS_KEY" "$AWS_ENDPOINT_URL"\'', "sh", result.stdout],
                           capture_output=True, text=True, timeout=10)
    assert shell.stdout == f"{K2['accessKey']}|{K2['secretKey']}|{URL}"


def test_key_list_env_unknown_key_exits_4(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([K1]))
        result = invoke("bucket", "key", "list", "--env", "NOPE")
    assert result.exit_code == 4 and "no S3 key 'NOPE'" in result.stderr and result.stdout == ""


def test_key_delete_asks_and_sends_the_form(invoke):
    with api() as mock:
        mock.get(KEYS).mock(return_value=ok([K1]))
        route = mock.delete(KEYS).mock(return_value=httpx.Response(200, content=b""))
        result = invoke("bucket", "key", "delete", K1["accessKey"], input="y\n", tty=True)
    assert result.exit_code == 0, result.stderr
    assert form_of(route) == {"access_key": K1["accessKey"]}
    assert (f"Delete S3 key {K1['accessKey']}? Programs and tools using it will stop working. [y/N]: "
            in result.stderr)


def test_key_delete_refused_without_terminal_and_unknown_exits_4(invoke):
    with api(assert_all_called=False) as mock:
        mock.get(KEYS).mock(return_value=ok([K1]))
        route = mock.delete(KEYS).mock(return_value=httpx.Response(204))
        refused = invoke("bucket", "key", "delete", K1["accessKey"])
        unknown = invoke("bucket", "key", "delete", "NOPE", "--yes")
    assert refused.exit_code == 2 and unknown.exit_code == 4 and not route.called
