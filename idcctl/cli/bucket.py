"""`bucket` commands (contract section "bucket (object storage)"): S3 buckets and keys.

Bucket names are checked against the S3 naming rules before `bucket create`
sends anything; the other commands take the name as given, since a bucket
made before the rules were enforced must still be reachable. `bucket key
create --env` and `bucket key list --env ACCESS_KEY` print shell lines
(``AWS_ACCESS_KEY_ID=...``, values quoted with shlex, then one ``export``
line naming the three) for ``eval "$(idcctl bucket key create --env)"``: the
lines read as NAME=value, and the export lets the aws CLI, s3cmd or rclone
started afterwards see them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from idcctl.errors import NotFoundError, UsageError
from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App(help="Object storage: S3 buckets, the S3 endpoint, the S3 user and its keys.",
          examples=["idcctl bucket list", "idcctl bucket create backups-2024",
                    'eval "$(idcctl bucket key create --env)"'])
key_app = App(help="S3 access keys: list, create (with --env for the aws CLI), delete.",
              examples=["idcctl bucket key list", 'eval "$(idcctl bucket key create --env)"'])

_NAME_CHARS = re.compile(r"^[a-z0-9.-]+$")
_IPV4_SHAPE = re.compile(r"^\d+\.\d+\.\d+\.\d+$")


def name_problems(name: str) -> list[str]:
    """What breaks the S3 bucket naming rules, in words; empty when the name is fine."""
    problems = []
    if not 3 <= len(name) <= 63:
        problems.append(f"it has {len(name)} characters (3 to 63 allowed)")
    if not _NAME_CHARS.match(name):
        problems.append("only lowercase letters, digits, hyphens and dots are allowed")
    if name and not (name[0].isalnum() and name[-1].isalnum()):
        problems.append("it must start and end with a letter or digit")
    if ".." in name:
        problems.append("it must not contain two dots in a row")
    if _IPV4_SHAPE.match(name):
        problems.append("it must not be shaped like an IP address")
    return problems


def check_name(name: str) -> str:
    problems = name_problems(name)
    if problems:
        raise UsageError(f"invalid bucket name '{name}': {'; '.join(problems)}",
                         hint="S3 bucket names look like 'my-bucket.2024'; nothing was sent")
    return name


def _buckets_argument() -> Any:
    from idcctl.cli.shared.inputs import non_empty

    return typer.Argument(..., metavar="NAME...", show_default=False, callback=non_empty,
                          help="Bucket names, one or more ('-' reads them from stdin, one per line).")


def _bucket_argument() -> Any:
    from idcctl.cli.shared.inputs import non_empty

    return typer.Argument(..., metavar="NAME", show_default=False, help="Bucket name.", callback=non_empty)


def _size_text(bucket: dict[str, Any]) -> str:
    from idcctl.output.storage import human_bytes

    count = bucket.get("num_objects")
    objects = f"{count} object{'s' if count != 1 else ''}" if count is not None else "its objects"
    return f"{objects}, {human_bytes(bucket.get('size_bytes'))}"


@app.command("list", examples=["idcctl bucket list", "idcctl bucket list --billing-account 129072 -q"])
def bucket_list(
    ctx: typer.Context,
    billing_account: Optional[int] = typer.Option(None, "--billing-account", metavar="ACCT", min=1,
                                                  help="Only buckets of this billing account."),
) -> None:
    """List your buckets, with sizes and object counts."""
    from idcctl.api import object_storage

    state = state_of(ctx)
    state.render(object_storage.list(state.client, billing_account_id=billing_account), "bucket")


@app.command("show", examples=["idcctl bucket show pang1"])
def bucket_show(ctx: typer.Context, bucket: str = _bucket_argument()) -> None:
    """Show one bucket."""
    from idcctl.api import object_storage

    state = state_of(ctx)
    state.render(object_storage.get(state.client, bucket), "bucket")


@app.command("create", examples=["idcctl bucket create backups-2024",
                                 "idcctl bucket create media.example --billing-account 129072"])
def bucket_create(
    ctx: typer.Context,
    bucket: str = _bucket_argument(),
    billing_account: Optional[int] = typer.Option(
        None, "--billing-account", metavar="ACCT", min=1,
        help="Billing account [default: profile's billing_account]."),
) -> None:
    """Create a bucket; its name must follow the S3 rules and be unique across all users."""
    from idcctl.api import object_storage

    check_name(bucket)
    state = state_of(ctx)
    state.acting_on = bucket  # a 409 means the name is taken, by anyone (shell.hints.conflict)
    created = object_storage.create(state.client, bucket,
                                    billing_account_id=state.billing_account(billing_account))
    state.info(f"Created bucket {bucket}.")
    state.render(created, "bucket")


@app.command("update", examples=["idcctl bucket update pang1 --billing-account 129072"])
def bucket_update(
    ctx: typer.Context,
    bucket: str = _bucket_argument(),
    billing_account: int = typer.Option(..., "--billing-account", metavar="ACCT", min=1, show_default=False,
                                        help="Billing account to move the bucket to."),
) -> None:
    """Move a bucket to another billing account."""
    from idcctl.api import object_storage

    state = state_of(ctx)
    state.render(object_storage.update(state.client, bucket, billing_account), "bucket")


@app.command("delete", examples=["idcctl bucket delete pang3", "idcctl bucket delete pang3 pang4 --yes"])
def bucket_delete(ctx: typer.Context, bucket: List[str] = _buckets_argument()) -> None:
    """Delete buckets (asks first); the API deletes only empty buckets."""
    from idcctl.api import object_storage
    from idcctl.cli.shared import targets

    state = state_of(ctx)

    def deletable(name: str) -> targets.Target:
        found = object_storage.get(state.client, name) or {}
        note = ""
        if found.get("num_objects"):
            note = " The API deletes only empty buckets: empty it with an S3 tool first."
        return targets.Target(name, name, f"bucket {name}", loss=f"Its objects will be lost.{note}",
                              question=f"Delete bucket {name} ({_size_text(found)})? Its objects will be lost.{note}")

    targets.run(state, bucket, targets.Action(
        "Delete", "Deleted", "bucket", deletable, lambda t: object_storage.delete(state.client, t.ident),
        asks=True, announce=True))


@app.command("s3-url", examples=["idcctl bucket s3-url", "idcctl bucket s3-url -q"])
def bucket_s3_url(ctx: typer.Context) -> None:
    """Show the URL of the S3 API, for S3 tools (--endpoint-url)."""
    from idcctl.api import object_storage

    state = state_of(ctx)
    state.render(object_storage.s3_url(state.client), "s3url")


@app.command("user", examples=["idcctl bucket user", "idcctl bucket user -o json | jq .s3Credentials"])
def bucket_user(ctx: typer.Context) -> None:
    """Show the S3 user and its keys; the API creates the user (and a key) when it does not exist yet."""
    from idcctl.api import object_storage

    state = state_of(ctx)
    state.render(object_storage.user(state.client), "s3user")


# -- keys ---------------------------------------------------------------------------


def env_lines(key: dict[str, Any], endpoint: Any) -> str:
    """Shell lines configuring S3 tools for `key`, each value quoted for eval."""
    import shlex

    pairs = [("AWS_ACCESS_KEY_ID", key.get("accessKey")), ("AWS_SECRET_ACCESS_KEY", key.get("secretKey")),
             ("AWS_ENDPOINT_URL", endpoint)]
    lines = [f"{name}={shlex.quote(str(value or ''))}" for name, value in pairs]
    return "\n".join([*lines, "export " + " ".join(name for name, _ in pairs)]) + "\n"


def _endpoint(state: State) -> Any:
    from idcctl.api import object_storage

    answer = object_storage.s3_url(state.client)
    return answer.get("url") if isinstance(answer, dict) else answer


def _keys(answer: Any) -> list[dict[str, Any]]:
    return [k for k in answer if isinstance(k, dict)] if isinstance(answer, list) else []


@key_app.command("list", examples=["idcctl bucket key list", "idcctl bucket key list --show-secrets",
                                   'eval "$(idcctl bucket key list --env ES1R8YDF6A6FX8ILP31N)"'])
def key_list(
    ctx: typer.Context,
    env: Optional[str] = typer.Option(None, "--env", metavar="ACCESS_KEY",
                                      help="Print NAME=value lines (and an export) for this key (AWS_ACCESS_KEY_ID, "
                                           "AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL) for eval."),
) -> None:
    """List your S3 keys; secrets are masked unless --show-secrets."""
    from idcctl.api import object_storage

    state = state_of(ctx)
    answer = object_storage.list_keys(state.client)
    if env is None:
        state.render(answer, "s3key")
        return
    found = [k for k in _keys(answer) if k.get("accessKey") == env]
    if not found:
        raise NotFoundError(f"no S3 key '{env}'", hint="'idcctl bucket key list' shows them")
    state.out.write(env_lines(found[0], _endpoint(state)))


@key_app.command("create", examples=["idcctl bucket key create",
                                     'eval "$(idcctl bucket key create --env)"'])
def key_create(
    ctx: typer.Context,
    env: bool = typer.Option(False, "--env", help="Print NAME=value lines (and an export) for the new key "
                             "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL) for eval."),
) -> None:
    """Create an S3 key pair and show it, secret included."""
    from idcctl.api import object_storage

    state = state_of(ctx)
    before = {k.get("accessKey") for k in _keys(object_storage.list_keys(state.client))}
    endpoint = _endpoint(state) if env else None  # before creating: a failure here wastes no key
    answer = object_storage.create_key(state.client)
    new = _new_keys(answer, before)
    if len(new) == 1:
        state.info(f"Created S3 key {new[0].get('accessKey')}.")
    if state.output_options().format != "table" and not env:
        state.render(answer, "s3key")  # the API's answer, unchanged
        return
    if len(new) != 1:
        _unclear(state, new, env)
    if env:
        state.out.write(env_lines(new[0], endpoint))
        return
    state.flags["show_secrets"] = True  # this answer exists to show the new secret
    state.render(new, "s3key")


def _new_keys(answer: Any, before: set[Any]) -> list[dict[str, Any]]:
    """The keys the API's answer lists that the list read before did not (not by position:
    the reference's example puts the new key first, the live API was seen to put it last)."""
    if isinstance(answer, dict):
        return [answer]
    return [k for k in _keys(answer) if k.get("accessKey") not in before]


def _unclear(state: State, new: list[dict[str, Any]], env: bool) -> None:
    """No single new key in the answer: say so (every one that appeared, unless --env needs one)."""
    from idcctl.errors import ApiError

    if not new:
        raise ApiError("the API created a key but its answer holds no key that was not there before",
                       hint="'idcctl bucket key list' shows them")
    if env:
        raise ApiError(f"{len(new)} keys appeared while this one was made, so which is new is unclear: "
                       f"{', '.join(str(k.get('accessKey')) for k in new)}",
                       hint="'idcctl bucket key list --env ACCESS_KEY' prints the one you want")
    state.warn(f"{len(new)} keys appeared while this one was made (another program made keys too); "
               "showing them all")


@key_app.command("delete", examples=["idcctl bucket key delete I16N8YDF6A6FX8ILP30T"])
def key_delete(ctx: typer.Context,
               access_key: str = typer.Argument(..., metavar="ACCESS_KEY", show_default=False,
                                                help="The key's access key id.")) -> None:
    """Delete an S3 key (asks first); programs using it stop working."""
    from idcctl.api import object_storage

    state = state_of(ctx)
    if access_key not in {k.get("accessKey") for k in _keys(object_storage.list_keys(state.client))}:
        raise NotFoundError(f"no S3 key '{access_key}'", hint="'idcctl bucket key list' shows them")
    state.confirm(f"Delete S3 key {access_key}? Programs and tools using it will stop working.",
                  action=f"delete S3 key {access_key}")
    result = object_storage.delete_key(state.client, access_key)
    state.info(f"Deleted S3 key {access_key}.")
    state.render(result)


app.add_typer(key_app, name="key", help="S3 access keys: list, create (with --env for the aws CLI), delete.")
