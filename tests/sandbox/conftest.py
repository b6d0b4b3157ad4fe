"""What the sandbox tests share: real sandbox servers on free ports in background threads, seed facts, small requests."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import httpx
import pytest

from idcctl.sandbox.server import SandboxServer
from tests.conftest import serve_sandbox

VALID_VM = {
    "name": "web-01", "os_name": "ubuntu", "os_version": "22.04-lts", "disks": "20",
    "vcpu": "1", "ram": "1024", "username": "deploy", "password": "Passw0rd1",
}
SEED_VM = "f80b1d62-ffe4-43ef-9210-60f05445456a"  # default location, "Ubuntu-16-04", running
BUS02_VM = "49c039db-7bcd-4f20-9358-88c4618c547a"  # second location, "web-server", stopped
UNKNOWN_VM = "aaaaaaaa-0000-bbbb-1111-cccccccccccc"


@dataclass
class Sandbox:
    server: SandboxServer
    client: httpx.Client
    url: str


def create_vm(api: httpx.Client, prefix: str = "", **overrides: str) -> dict[str, Any]:
    response = api.post(f"/v1{prefix}/user-resource/vm", data={**VALID_VM, **overrides})
    assert response.status_code == 200, response.text
    return response.json()


def get_vm(api: httpx.Client, uuid: str, prefix: str = "") -> dict[str, Any]:
    response = api.get(f"/v1{prefix}/user-resource/vm", params={"uuid": uuid})
    assert response.status_code == 200, response.text
    return response.json()


def vm_names(api: httpx.Client, prefix: str = "") -> list[str]:
    return [vm["name"] for vm in api.get(f"/v1{prefix}/user-resource/vm/list").json()]


def form_delete(api: httpx.Client, path: str, data: dict[str, str]) -> httpx.Response:
    """DELETE with a form body (httpx's .delete() takes no body)."""
    return api.request("DELETE", path, data=data)


# -- servers ------------------------------------------------------------------------


def stop(sandbox: Sandbox, thread: threading.Thread | None = None) -> None:
    sandbox.client.close()
    sandbox.server.shutdown()
    sandbox.server.server_close()
    if thread is not None:
        thread.join(timeout=5)


@pytest.fixture
def start_sandbox() -> Iterator[Callable[..., Sandbox]]:
    """Factory: start_sandbox(**make_server_kwargs) -> running Sandbox; all stopped at teardown."""
    running: list[tuple[Sandbox, threading.Thread]] = []

    def start(**kwargs: Any) -> Sandbox:
        server, thread, url = serve_sandbox(**kwargs)
        client = httpx.Client(base_url=url, headers={"apikey": "test-key"}, timeout=10)
        sandbox = Sandbox(server, client, url)
        running.append((sandbox, thread))
        return sandbox

    yield start
    for sandbox, thread in running:
        stop(sandbox, thread)  # harmless for servers a test already stopped


@pytest.fixture
def sandbox(start_sandbox: Callable[..., Sandbox]) -> Sandbox:
    return start_sandbox()


@pytest.fixture
def api(sandbox: Sandbox) -> httpx.Client:
    """A client with an apikey against a fresh default sandbox."""
    return sandbox.client
