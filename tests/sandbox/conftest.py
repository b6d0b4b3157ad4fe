"""Fixtures that run real sandbox servers on free ports in background threads."""

from __future__ import annotations

import threading
from typing import Any, Callable, Iterator

import httpx
import pytest

from idcctl.sandbox.server import make_server

from .helpers import Sandbox


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
        server = make_server(port=0, **kwargs)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        host, port = server.server_address[:2]
        url = f"http://{host}:{port}"
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
