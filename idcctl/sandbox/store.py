"""State stores: one list of records per API section, declared once, found one way.

A `Spec` says what a store holds: its name (the `State` attribute and the
key in the state file), the field that identifies a record, the noun of the
API's not-found answer, and whether the live API keeps the records per
location (``/v1/{slug}/...``) or once per account. A per-location store
lives in ``data["locations"][slug][name]``, a global one in ``data[name]``;
`Store` hides which, so handlers always pass the request's location and
flipping ``per_location`` in the declaration is all a switch takes (an
older state file is moved over on load: see `State`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

from idcctl.sandbox.common import error, no_such

if TYPE_CHECKING:  # pragma: no cover - typing only
    from idcctl.sandbox.state import State

Record = dict[str, Any]


@dataclass(frozen=True)
class Spec:
    name: str
    key: str
    noun: str
    per_location: bool
    seed: Callable[[int], list[Record]]  # the records of the n-th served location (0 = default)
    missing: str | None = None  # the not-found message where the API does not say "No such ..."
    gone: str | None = None  # a field that marks a record deleted but kept (find() skips it)
    on_read: Callable[[Record], None] | None = None  # brings a record up to date when read


class Store:
    """The records of one `Spec` inside a `State`."""

    def __init__(self, spec: Spec, state: State):
        self.spec = spec
        self._state = state

    @property
    def per_location(self) -> bool:
        return self.spec.per_location

    def home(self, location: str) -> str:
        """Where a record made by a request to `location` is kept (global: the default location)."""
        return location if self.per_location else self._state.default_location

    def items(self, location: str) -> list[Record]:
        """The stored list a request to `location` sees (the list itself: callers may change it)."""
        data = self._state.data
        records = data["locations"][location][self.spec.name] if self.per_location else data[self.spec.name]
        self._refresh(records)
        return records

    def all(self) -> Iterator[Record]:
        """Every record, every location."""
        for location in self._state.slugs if self.per_location else [self._state.default_location]:
            yield from self.items(location)

    def near(self, location: str, origin: Store) -> Iterator[Record]:
        """The records a record of `origin` kept for `location` may refer to.

        A per-location record sees its own location's; a global one would see
        every location's, as an account-wide API does.
        """
        if self.per_location and not origin.per_location:
            return self.all()
        return iter(self.items(location))

    def find(self, location: str, value: Any, *, missing: str | None = None) -> Record:
        """The live record whose key is `value`, or the API's not-found answer (HTTP 400)."""
        for record in self.items(location):
            if record.get(self.spec.key) == value and not (self.spec.gone and record.get(self.spec.gone)):
                return record
        message = missing or self.spec.missing
        raise error(message) if message else no_such(self.spec.noun, value)

    def _refresh(self, records: list[Record]) -> None:
        if self.spec.on_read:
            for record in records:
                self.spec.on_read(record)


@dataclass(frozen=True)
class DocSpec:
    """A single document instead of a list (the user, the S3 user, a flag)."""

    name: str
    seed: Callable[[], Any]


class Doc:
    def __init__(self, spec: DocSpec, state: State):
        self.spec = spec
        self._state = state

    def get(self) -> Any:
        return self._state.data[self.spec.name]

    def set(self, value: Any) -> None:
        self._state.data[self.spec.name] = value
