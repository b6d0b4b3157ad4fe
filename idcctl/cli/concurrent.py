"""Two reads at once: the one a command needs, and one that only adds detail to a table.

`ip list` names the VM each address is assigned to and `vm list` shows each
VM's public address: each needs a second list call, made beside the first
(not one call per row) through the client's shared connection pool. The
second call failing never fails the command: its detail is simply missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from idcctl.errors import IdcctlError

T = TypeVar("T")


def with_detail(main: Callable[[], T], detail: Callable[[], Any] | None) -> tuple[T, Any]:
    """main()'s answer and detail()'s (None when it failed or there is no detail to fetch)."""
    if detail is None:
        return main(), None
    from concurrent.futures import ThreadPoolExecutor

    def quiet() -> Any:
        try:
            return detail()
        except IdcctlError:
            return None

    with ThreadPoolExecutor(max_workers=1) as pool:
        extra = pool.submit(quiet)
        return main(), extra.result()


def wants_table(state: Any) -> bool:
    """Whether the output is a table (json/yaml print the API's data unchanged; -q only ids)."""
    opts = state.output_options()
    return opts.format == "table" and not opts.quiet


def names_by_uuid(items: Any, key: str = "name") -> dict[str, str]:
    return {str(i.get("uuid")): str(i.get(key)) for i in items or [] if isinstance(i, dict) and i.get(key)}
