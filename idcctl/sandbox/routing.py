"""Routing: from a request path to a location slug and a handler, as the real gateway does.

`/v1/{slug}/...` selects a location, an un-prefixed `/v1/...` means the
default one, and anything unknown answers 404 `{"message": "no route and no
API found"}`. The route table is built once from the ``ROUTES`` of every
module in `handlers.MODULES`; the first path segments of those routes are
the API's sections, which can never be location slugs.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from idcctl.sandbox.common import Request, no_route
from idcctl.sandbox.handlers import MODULES

Handler = Callable[[Request], Any]


def _compile() -> list[tuple[str, re.Pattern[str], Handler]]:
    """Turn the handler modules' `/a/{name}/b` patterns into regexps."""
    compiled = []
    for module in MODULES:
        for method, pattern, func in module.ROUTES:
            regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern)
            compiled.append((method, re.compile(f"^{regex}$"), func))
    return compiled


ROUTES = _compile()
# First path segments after /v1 that are API sections, never location slugs.
SECTIONS = frozenset(pattern.split("/")[1] for module in MODULES for _, pattern, _ in module.ROUTES)


def match(method: str, path: str) -> tuple[Handler, dict[str, str]]:
    """The handler for `method path` (path without /v1 and location) and its path arguments."""
    for route_method, regex, func in ROUTES:
        if route_method == method:
            found = regex.match(path)
            if found:
                return func, found.groupdict()
    raise no_route()


def split_location(path: str, slugs: list[str]) -> tuple[str, str]:
    """Split `/v1/[slug/]rest` into (location slug, `/rest`); the first slug is the default."""
    parts = [p for p in path.split("/") if p]
    if len(parts) < 2 or parts[0] != "v1":
        raise no_route()
    first = parts[1]
    if first in SECTIONS:
        return slugs[0], "/" + "/".join(parts[1:])
    if first not in slugs or len(parts) < 3:
        raise no_route()
    return first, "/" + "/".join(parts[2:])


def check_slugs(slugs: list[str]) -> None:
    """Slugs must be unique, lowercase words, and not an API section's name."""
    if len(set(slugs)) != len(slugs):
        raise ValueError(f"duplicate location slugs: {slugs}")
    for slug in slugs:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", slug) or slug in SECTIONS:
            raise ValueError(f"invalid location slug: {slug!r}")
