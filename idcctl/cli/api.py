"""`idcctl api`: a raw request to any endpoint (the escape hatch, like `gh api`).

The request still goes through `Client.request()`, so the key, retries of
GETs, error mapping, --debug redaction and --dry-run all behave as for every
other command, and a location-scoped path goes to the location as every
other command's does (`idcctl.resources.LOCATION_SCOPED`); only the path
and body are the operator's.
"""

from __future__ import annotations

import json
from typing import Any, Optional

import typer

from idcctl.errors import UsageError
from idcctl.shell.core import App, state_of
from idcctl.shell.state import State

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

app = App(help="Send a raw request to any API endpoint.")


def _pairs(values: list[str], option: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{option} wants key=value, not '{item}'")
        pairs[key.strip()] = value
    return pairs


def _api_path(path: str, location: str | None) -> str:
    """`/v1/x`, `v1/x` and `x` all mean `/v1/x`; `{location}` becomes the slug or goes away."""
    if not path.isprintable():  # before strip(): a trailing tab or newline is no typo to forgive
        raise UsageError("PATH holds control characters, which no API path has",
                         hint="percent-encode them (%0A, %1B) if you mean them")
    path = path.strip()
    if " " in path:
        raise UsageError("PATH holds spaces, which no API path has", hint="percent-encode them (%20)")
    if "://" in path:
        # The key is sent with every request: never to a host the operator typed by accident.
        raise UsageError(f"give an API path such as /v1/user-resource/vm/list, not a URL ('{path}')",
                         hint="use --api-url to talk to another server")
    path = path.lstrip("/")
    if not path.startswith("v1/"):
        path = "v1/" + path
    if location:
        path = path.replace("{location}", location)
    else:
        path = path.replace("{location}/", "").replace("/{location}", "")
    return "/" + path


def _json_body(text: str, state: State) -> Any:
    """--json BODY, @file or @- (stdin), parsed here so bad JSON is caught before sending."""
    from idcctl.fileio import MAX_INPUT, read_capped, read_capped_stream

    source = "--json"
    if text == "@-":
        text, source = read_capped_stream(state.inp, limit=MAX_INPUT, what="--json @- (stdin)"), "stdin"
    elif text.startswith("@"):
        text, source = read_capped(text[1:], limit=MAX_INPUT, what="--json"), text[1:]
    try:
        return json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except RecursionError:
        raise UsageError(f"{source} is nested too deeply to be a request body") from None
    except ValueError as exc:
        raise UsageError(f"{source} is not valid JSON: {exc}") from None


def _finite(text: str) -> float:
    """A JSON number Python can send back as JSON: 1e309 would become inf, which JSON has no word for."""
    import math

    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is out of range")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


@app.command("api", examples=["idcctl api GET /v1/user-resource/vm/list -l bus02",
          "idcctl api PATCH /v1/user-resource/vm -f uuid=UUID -f name=web-01",
          "idcctl api POST /v1/network/network --query name=backend --dry-run"])
def api(
    ctx: typer.Context,
    method: str = typer.Argument(..., metavar="METHOD", help="GET, POST, PUT, PATCH or DELETE."),
    path: str = typer.Argument(..., metavar="PATH",
                               help="API path, e.g. /v1/user-resource/vm/list or "
                                    "'{location}/user-resource/vm/list'; /v1/ is added when missing."),
    field: Optional[list[str]] = typer.Option(None, "-f", "--field", metavar="KEY=VALUE",
                                              help="Form field (repeatable); sent as a form body."),
    json_body: Optional[str] = typer.Option(None, "--json", metavar="BODY|@FILE|@-",
                                            help="JSON body: text, @file, or @- for stdin."),
    query: Optional[list[str]] = typer.Option(None, "--query", metavar="KEY=VALUE",
                                              help="Query parameter (repeatable)."),
) -> None:
    """Send a raw request to any API endpoint and print the answer (JSON unless -o says otherwise).

    A location-scoped path (VMs, disks, networks, floating IPs, load balancers,
    firewalls, whitelists ...) goes to the location (-l, IDCCTL_LOCATION or the
    profile's) as every other command's does: /v1/SLUG/... '{location}' in PATH
    is replaced by it too; with none set that segment is dropped, which is the
    API's default location. A path that names a slug itself is sent as written.
    """
    state = state_of(ctx)
    verb = method.upper()
    if verb not in METHODS:
        raise UsageError(f"unknown method '{method}'; use one of {', '.join(METHODS)}")
    if field and json_body is not None:
        raise UsageError("-f/--field sends a form body and --json a JSON body; give one of them")
    form = _pairs(field or [], "-f/--field") or None
    params = _pairs(query or [], "--query") or None
    body = _json_body(json_body, state) if json_body is not None else None
    target = _api_path(path, state.location)
    # The escape hatch cannot know which endpoints answer empty: an empty answer prints nothing.
    result = state.client.request(verb, target, form=form, json=body, params=params, empty_ok=True)
    # Like `gh api`: the API's answer as JSON unless a format was asked for on the command line.
    state.flags.setdefault("output", "json")
    state.render(result)
