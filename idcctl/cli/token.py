"""`token` commands (contract section "Account"): API tokens."""

from __future__ import annotations

from typing import Optional

import typer

from idcctl.errors import NotFoundError
from idcctl.shell.core import App, state_of

app = App(help="API tokens.", examples=["idcctl token list", "idcctl token create --description ci -q"])


@app.command("list", examples=["idcctl token list", "idcctl token list --show-secrets"])
def token_list(ctx: typer.Context) -> None:
    """List API tokens (the secret is masked in tables; --show-secrets reveals it)."""
    from idcctl.api import account

    state = state_of(ctx)
    state.render(account.list_tokens(state.client), "token")


@app.command("create", examples=["idcctl token create --description ci",
                                        "idcctl token create --description ci --restricted --billing-account 1200"])
def token_create(
    ctx: typer.Context,
    description: Optional[str] = typer.Option(None, "--description", help="What the token is for."),
    restricted: bool = typer.Option(False, "--restricted", help="Restrict the token to one billing account."),
    billing_account: Optional[int] = typer.Option(None, "--billing-account", metavar="ACCT", min=1,
                                                  help="Billing account [default: profile's billing_account]."),
) -> None:
    """Create an API token. Prints the new token (its secret is shown once, here)."""
    from idcctl.api import account

    state = state_of(ctx)
    before = {t.get("id") for t in account.list_tokens(state.client)} if not state.dry_run else set()
    result = account.create_token(state.client, description=description, restricted=restricted,
                                  billing_account_id=state.billing_account(billing_account))
    # The API answers with every token; show the one just made when we can tell which.
    if isinstance(result, list):
        new = [t for t in result if isinstance(t, dict) and t.get("id") not in before]
        if len(new) == 1:
            result = new[0]
    state.flags.setdefault("show_secrets", True)
    state.render(result, "token")


@app.command("update", examples=["idcctl token update 7 --description deploy",
                                        "idcctl token update 7 --unrestricted"])
def token_update(
    ctx: typer.Context,
    token_id: int = typer.Argument(..., metavar="TOKEN_ID", min=1, help="Token id (see 'token list')."),
    description: Optional[str] = typer.Option(None, "--description", help="New description."),
    restricted: Optional[bool] = typer.Option(
        None, "--restricted/--unrestricted",
        help="Restrict to one billing account, or lift it [default: keep as it is]."),
    billing_account: Optional[int] = typer.Option(None, "--billing-account", metavar="ACCT", min=1,
                                                  help="Billing account."),
) -> None:
    """Update a token's description, restriction or billing account.

    The API marks a token restricted whenever the field is sent and unrestricted
    when it is not, so without --restricted/--unrestricted idcctl reads the
    token first and keeps its current restriction.
    """
    from idcctl.api import account

    state = state_of(ctx)
    if restricted is None:
        current = [t for t in account.list_tokens(state.client) if t.get("id") == token_id]
        if not current:
            raise NotFoundError(f"no token with id {token_id}", hint="'idcctl token list' shows them")
        restricted = bool(current[0].get("restricted"))
    result = account.update_token(state.client, token_id, description=description,
                                  restricted=restricted, billing_account_id=billing_account)
    state.render(result, "token")


@app.command("delete", examples=["idcctl token delete 7", "idcctl token delete 7 --yes"])
def token_delete(
    ctx: typer.Context,
    token_id: int = typer.Argument(..., metavar="TOKEN_ID", min=1, help="Token id (see 'token list')."),
) -> None:
    """Delete an API token; anything using it stops working."""
    from idcctl.api import account

    state = state_of(ctx)
    state.confirm(f"Delete API token {token_id}? Scripts using it will stop working.",
                  action=f"delete token {token_id}")
    result = account.delete_token(state.client, token_id)
    state.info(f"Deleted token {token_id}.")
    state.render(result)
