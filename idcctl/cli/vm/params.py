"""`vm params`: what `vm create` accepts and the values the API allows; those rules, cached, for checks.

`rules(state)` is what `vm create`, `vm update`, `vm clone` and `vm password`
check their input against (`idcctl.cli.vm.validation`), so a name, a user or
a password refused by one is refused by all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import typer

from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App()


def cached(state: State, name: str, load: Callable[[], Any], unavailable: Callable[[Exception], None]) -> Any:
    """`load()`'s answer from the disk cache (ten minutes, per profile, location and API URL) or the API.

    An API error other than a refused key is told to `unavailable` and gives None: the
    check it feeds is skipped or falls back, and the API judges the request itself.
    """
    from idcctl.errors import ApiError, AuthError

    settings = state.settings
    scope = (settings.profile, settings["location"], settings["api_url"])
    try:
        return state.cache().fetch(name, scope, load)
    except AuthError:
        raise
    except ApiError as exc:
        unavailable(exc)
        return None


def rules(state: State) -> list[dict[str, Any]]:
    """GET /v1/api/parameters/vm, cached; the reference's rules when the API has none (older
    deployments answer that endpoint with 404)."""
    from idcctl.api import vms
    from idcctl.cli.vm.validation import FALLBACK_PARAMETERS

    def unavailable(exc: Exception) -> None:
        if state.debug:
            state.trace(f"VM parameters unavailable ({exc}); using the reference's rules")

    parameters = cached(state, "vm-parameters", lambda: vms.parameters(state.client), unavailable)
    if not isinstance(parameters, list) or not parameters:
        return FALLBACK_PARAMETERS
    return parameters


@app.command("params", examples=["idcctl vm params", "idcctl vm params -o json"])
def vm_params(ctx: typer.Context) -> None:
    """Show the parameters 'vm create' takes and the values the API allows."""
    from idcctl.api import vms

    state = state_of(ctx)
    state.render(vms.parameters(state.client), "param")
