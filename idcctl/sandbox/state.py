"""The sandbox's mutable state: one JSON-able dict, one lock, atomic persistence.

Everything a request can change lives in `State.data` so that persisting it is a
single `json.dump`.  The dispatcher holds `State.lock` for the whole of a
handler call, which keeps handlers free of locking and makes every request
atomic.  VM status transitions are stored as a target status plus a wall-clock
deadline and settled lazily on read, so no background thread is needed and a
pending transition survives a restart.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
import time
from typing import Any, Iterator

from idcctl.sandbox import seed
from idcctl.sandbox.common import no_such

_PENDING = "_pending"  # internal VM key: {"status": final, "until": epoch seconds}


class StateFileError(ValueError):
    """The --state file exists but does not hold sandbox state."""


class State:
    """Sandbox state for a fixed list of location slugs (first = default)."""

    def __init__(self, slugs: list[str], state_file: str | None = None,
                 transition: float = 0.0):
        self.lock = threading.Lock()
        self.slugs = list(slugs)
        self.path = state_file
        self.transition = transition
        self.data = self._load() or seed.initial_state(self.slugs)
        for slug in self.slugs:  # locations added since the file was written start empty
            self.data["locations"].setdefault(slug, seed.empty_location())
        self.data.setdefault("next_ids", {})

    # -- locations -------------------------------------------------------
    @property
    def default_location(self) -> str:
        return self.slugs[0]

    def _loc(self, slug: str) -> dict[str, Any]:
        return self.data["locations"][slug]

    # -- VMs ----------------------------------------------------------------
    def vms(self, slug: str) -> list[dict[str, Any]]:
        """The location's VM list (the stored objects, settled to the current time)."""
        vms = self._loc(slug)["vms"]
        for vm in vms:
            self._settle(vm)
        return vms

    def find_vm(self, slug: str, uuid: str | None) -> dict[str, Any]:
        for vm in self.vms(slug):
            if vm["uuid"] == uuid:
                return vm
        raise no_such("virtual machine", uuid)

    def all_vms(self) -> Iterator[dict[str, Any]]:
        for loc in self.data["locations"].values():
            yield from loc["vms"]

    def set_status(self, vm: dict[str, Any], final: str, transitional: str | None) -> None:
        """Put a VM into `transitional` for `self.transition` seconds, then `final`."""
        if transitional and self.transition > 0:
            vm["status"] = transitional
            vm[_PENDING] = {"status": final, "until": time.time() + self.transition}
        else:
            vm["status"] = final
            vm.pop(_PENDING, None)

    @staticmethod
    def _settle(vm: dict[str, Any]) -> None:
        pending = vm.get(_PENDING)
        if pending and time.time() >= pending["until"]:
            vm["status"] = pending["status"]
            del vm[_PENDING]

    @staticmethod
    def view(obj: Any) -> Any:
        """A copy fit for a response: internal keys (leading "_") removed."""
        if isinstance(obj, dict):
            return {k: State.view(v) for k, v in obj.items() if not k.startswith("_")}
        if isinstance(obj, list):
            return [State.view(v) for v in obj]
        return copy.deepcopy(obj)

    # -- floating IPs -----------------------------------------------------
    def floating_ips(self, slug: str) -> list[dict[str, Any]]:
        return self._loc(slug)["floating_ips"]

    def find_ip(self, slug: str, address: str) -> dict[str, Any]:
        for ip in self.floating_ips(slug):
            if ip["address"] == address:
                return ip
        raise no_such("floating IP", address)

    def all_ips(self) -> Iterator[dict[str, Any]]:
        for loc in self.data["locations"].values():
            yield from loc["floating_ips"]

    # -- allocation ---------------------------------------------------------
    def next_id(self, kind: str) -> int:
        """Monotonic ids per kind (never reused, like database sequences)."""
        counters = self.data["next_ids"]
        if kind not in counters:
            counters[kind] = max(self._existing_ids(kind), default=0) + 1
        value = counters[kind]
        counters[kind] = value + 1
        return value

    def _existing_ids(self, kind: str) -> Iterator[int]:
        if kind == "token":
            items: Any = self.data["tokens"]
        elif kind == "vm":
            items = self.all_vms()
        elif kind == "disk":
            items = (d for vm in self.all_vms() for d in vm["storage"])
        elif kind == "replica":
            items = (r for vm in self.all_vms() for d in vm["storage"] for r in d["replica"])
        elif kind == "ip":
            items = self.all_ips()
        else:
            raise KeyError(kind)
        return (item["id"] for item in items if isinstance(item.get("id"), int))

    # -- persistence --------------------------------------------------------
    def _load(self) -> dict[str, Any] | None:
        if not self.path or not os.path.exists(self.path):
            return None
        try:
            with open(self.path, encoding="utf-8") as fh:
                text = fh.read()
            if not text.strip():
                return None  # an empty (e.g. freshly touched) file means "start from seed"
            data = json.loads(text)
        except (OSError, ValueError) as exc:
            raise StateFileError(f"cannot read sandbox state {self.path}: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("locations"), dict):
            raise StateFileError(f"{self.path} does not hold sandbox state")
        return data

    def save(self) -> None:
        """Write the state atomically: temp file in the same directory, then os.replace."""
        if not self.path:
            return
        directory = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".sandbox-state-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.data, fh, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
