"""httpx, imported without its command-line module: the one place idcctl imports httpx from.

httpx's ``__init__`` runs ``from ._main import main``, and with click and
rich installed (they are, as Typer's dependencies) that imports click, rich
and pygments for httpx's own command line, which nothing here uses: about
35 ms, and three libraries an SDK user did not ask for. So when httpx is
not imported yet, ``httpx._main`` is marked missing in ``sys.modules`` for
the duration of that first import; httpx then takes the fallback it has for
a missing click. The mark is removed at once, so ``import httpx._main``
works as ever afterwards, and ``httpx.main`` (httpx's fallback stub) is
replaced by a function that loads the real command line on its first call.
A process that imported httpx before us is left exactly as it was.
"""

from __future__ import annotations

import sys
from typing import Any

_DEFER = "httpx" not in sys.modules and "httpx._main" not in sys.modules
if _DEFER:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]
try:
    import httpx
finally:
    if _DEFER:
        del sys.modules["httpx._main"]

if _DEFER:
    def _main(*args: Any, **kwargs: Any) -> Any:
        """httpx's command line (``httpx.main``), loaded when first called."""
        from httpx._main import main

        httpx.main = main
        return main(*args, **kwargs)

    httpx.main = _main  # type: ignore[assignment]  # a stand-in until the real command is loaded

__all__ = ["httpx"]
