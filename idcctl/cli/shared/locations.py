"""Locations: the cached location list, `--all-locations` on every location-scoped list, where "here" is.

Every location-scoped list (`vm`, `disk`, `net`, `ip`, `lb`, and any later
one) offers ``--all-locations``: `render_list` asks every location from
`location list` at once, through the client's one connection pool with at
most `MAX_WORKERS` requests in flight, adds a ``location`` field to each
row (a LOCATION column in tables) and, when some locations fail, prints
what answered, names each failure on stderr and exits 1. The location list
is cached (`LOCATIONS_TTL`), so the fan-out costs about one call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from idcctl.errors import IdcctlError

if TYPE_CHECKING:
    from idcctl.api.client import Client
    from idcctl.shell.state import State

# Enough to overlap every location's answer without opening a flood of connections.
MAX_WORKERS = 8
_CACHE_NAME = "locations"


def all_locations_option() -> Any:
    import typer

    return typer.Option(False, "--all-locations", help="Query every location at once; adds a LOCATION column.")


@dataclass
class Everywhere:
    """What a fan-out found: the slugs asked, the rows (each with ``location``), the failures."""

    slugs: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    failures: list[tuple[str, IdcctlError]] = field(default_factory=list)

    def report(self, state: State) -> None:
        """After rendering: each failed location on stderr, and exit 1 when any failed."""
        from idcctl.shell import hints

        for slug, error in self.failures:
            state.info(f"error: location {slug}: {hints.message(error)}", even_quiet=True)
        if self.failures:
            # Raised after rendering: what answered is printed, the exit code says it is partial.
            raise IdcctlError(f"{len(self.failures)} of {len(self.slugs)} locations could not be listed; "
                              "the list above is incomplete")


def everywhere(state: State, fetch: Callable[[Client], Any]) -> Everywhere:
    """fetch(client) in every location, concurrently through one connection pool, in location order.

    `fetch` gets the client aimed at one location and returns that location's
    rows; each row is given a ``location`` field (the API's data is otherwise
    unchanged). A location that fails is recorded, not raised.
    """
    import functools

    from idcctl.cli.shared.concurrent import run_all

    entry = _known(state) or {}
    slugs, invalid = list(entry.get("slugs") or []), list(entry.get("invalid") or [])
    client = state.client  # made here, once: threads asking for it at once would each make one

    def one(slug: str) -> Any:
        try:
            return fetch(client.with_location(slug)) or []
        except IdcctlError as exc:
            return exc

    found = Everywhere(slugs + invalid)
    # A "slug" of the API's that no URL may hold is a location that could not be listed, said so.
    found.failures.extend((bad, IdcctlError(f"'{bad}' is not a location slug")) for bad in invalid)
    answers = run_all([functools.partial(one, slug) for slug in slugs], max_workers=MAX_WORKERS)
    for slug, answer in zip(slugs, answers):
        if isinstance(answer, IdcctlError):
            found.failures.append((slug, answer))
        elif isinstance(answer, list):
            found.rows.extend({**row, "location": slug} for row in answer if isinstance(row, dict))
    return found


def render_list(state: State, fetch: Callable[[Client], Any], kind: str, *, all_locations: bool,
                names: str | None = None) -> None:
    """A list command: fetch(client) here, or with `all_locations` everywhere with a LOCATION column.

    `names` is the resource kind (`idcctl.resources.KINDS`) whose TAB name
    cache the answers refresh, per location.
    """
    if not all_locations:
        answer = fetch(state.client)
        if names:
            remember_names(state, names, state.location, answer)
        state.render(answer, kind)
        return
    found = everywhere(state, fetch)
    if names:
        failed = {slug for slug, _ in found.failures}
        default = (_known(state, ask=False) or {}).get("default")  # TAB without -l reads it as None
        for slug in (s for s in found.slugs if s not in failed):
            rows = [r for r in found.rows if r["location"] == slug]
            for location in (slug, None) if slug == default else (slug,):
                remember_names(state, names, location, rows)
    state.render(found.rows, kind, location_column=True)
    found.report(state)


# -- the location list ----------------------------------------------------------------------


def _cache(state: State) -> tuple[Any, tuple[Any, ...]]:
    from idcctl.cache import LOCATIONS_TTL

    return state.cache(ttl=LOCATIONS_TTL), (state.settings.profile, state.settings["api_url"])


def is_slug(value: Any) -> bool:
    """A location slug idcctl will put into a URL path: the rule of --location (no '/', '..', controls)."""
    from idcctl.errors import UsageError
    from idcctl.values import validate_setting

    try:
        return isinstance(value, str) and validate_setting("location", value) == value
    except UsageError:
        return False


def _cached(state: State) -> dict[str, Any] | None:
    cache, scope = _cache(state)
    entry = cache.get(_CACHE_NAME, scope)
    if isinstance(entry, dict) and isinstance(entry.get("slugs"), list) and entry["slugs"] \
            and all(is_slug(s) for s in entry["slugs"]) and entry.get("default") in (None, *entry["slugs"]):
        return entry
    return None


def _known(state: State, *, ask: bool = True) -> dict[str, Any] | None:
    """``{"slugs": [...], "default": slug or None}``, cached per profile and API URL.

    Locations change rarely; a stale list costs at most LOCATIONS_TTL of not
    seeing a new one. A failed or empty answer is not stored. Without `ask`,
    only what is cached (None when nothing is).
    """
    entry = _cached(state)
    if entry is not None or not ask:
        return entry
    from idcctl.api import account

    # The API's answer is untrusted: a slug goes into every URL of the fan-out, so one that is
    # not a slug never does (`invalid`, reported by --all-locations, and never cached).
    answer = [loc for loc in account.list_locations(state.client) or [] if isinstance(loc, dict)]
    listed = [loc for loc in answer if is_slug(loc.get("slug"))]
    entry = {"slugs": [loc["slug"] for loc in listed],
             "default": next((loc["slug"] for loc in listed if loc.get("is_default") is True), None),
             "invalid": [str(loc["slug"])[:64] for loc in answer
                         if loc.get("slug") is not None and not is_slug(loc.get("slug"))]}
    if entry["slugs"] and not entry["invalid"]:
        cache, scope = _cache(state)
        cache.put(_CACHE_NAME, scope, entry)
    return entry


def location_slugs(state: State) -> list[str]:
    """Every location's slug, in the API's order (from the cache when it is fresh)."""
    entry = _known(state)
    return list(entry["slugs"]) if entry else []


def here(state: State) -> str | None:
    """The slug requests go to now: --location, else the API's default one when cached (else None)."""
    if state.location:
        return str(state.location)
    entry = _known(state, ask=False)
    return entry.get("default") if entry else None


def here_text(state: State) -> str:
    """"location bus02", or "the default location (cyc01)" when no location is set."""
    if state.location:
        return f"location {state.location}"
    slug = here(state)
    return f"the default location ({slug})" if slug else "the default location"


def others(state: State, *, ask: bool) -> list[str]:
    """The slugs of the locations other than this one; without `ask`, only from the cache."""
    entry = _known(state, ask=ask)
    if not entry:
        return []
    current = state.location or entry.get("default")
    return [slug for slug in entry["slugs"] if slug != current]


# -- TAB name caches, per location -------------------------------------------------------------


def remember_names(state: State, kind: str, location: str | None, answer: Any) -> None:
    """Refresh the TAB name cache of `kind` in `location` from a list the command read anyway."""
    from idcctl.shell import names

    try:
        settings = state.settings
        names.store(kind, state.env, settings.profile, location, settings["api_url"], answer)
    except Exception:  # noqa: BLE001 - a cache is never the reason a command fails
        pass


def cached_names(state: State, kind: str, location: str | None) -> list[Any]:
    from idcctl.shell import names

    try:
        settings = state.settings
        return names.stored(kind, state.env, settings.profile, location, settings["api_url"])
    except Exception:  # noqa: BLE001
        return []
