"""`vm params`: what `vm create` accepts and the values the API allows; those rules, cached, for checks.

`rules(state)` is what `vm create`, `vm update`, `vm clone` and `vm password`
check their input against (`idcctl.cli.vm.validation`), so a name, a user or
a password refused by one is refused by all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from idcctl.shell.core import App, state_of

if TYPE_CHECKING:
    from idcctl.shell.state import State

app = App()


def rules(state: State) -> list[dict[str, Any]]:
    """GET /v1/api/parameters/vm from the disk cache (ten minutes) or the API; the reference's rules
    when the API has none (older deployments answer that endpoint with 404)."""
    from idcctl.api import vms
    from idcctl.cli.vm.validation import FALLBACK_PARAMETERS
    from idcctl.errors import ApiError, AuthError

    settings = state.settings
    scope = (settings.profile, settings["location"], settings["api_url"])
    try:
        parameters = state.cache().fetch("vm-parameters", scope, lambda: vms.parameters(state.client))
    except AuthError:
        raise
    except ApiError as exc:
        if state.debug:
            state.trace(f"VM parameters unavailable ({exc}); using the reference's rules")
        parameters = None
    if not isinstance(parameters, list) or not parameters:
        return FALLBACK_PARAMETERS
    return parameters


@app.command("params", examples=["idcctl vm params", "idcctl vm params -o json"])
def vm_params(ctx: typer.Context) -> None:
    """Show the parameters 'vm create' takes and the values the API allows."""
    from idcctl.api import vms

    state = state_of(ctx)
    state.render(vms.parameters(state.client), "param")
