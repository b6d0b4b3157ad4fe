"""The SDK on its own: what `import idcctl.api` and a request load, and what it leaves alone."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys

import httpx
import pytest
import respx

import idcctl.api
from tests.conftest import ROOT

CLI_LIBRARIES = ("typer", "click", "rich", "pygments", "httpx._main", "idcctl.cli", "idcctl.shell")


def _python(*args: str) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter with a clean environment (no IDCCTL_* settings, no PYTHON* paths)."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/")}
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def _loaded(names: set[str], prefixes: tuple[str, ...] = CLI_LIBRARIES) -> list[str]:
    return sorted(n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes))


def test_importing_the_sdk_loads_no_cli_library_and_not_even_httpx():
    proc = _python("-X", "importtime", "-c", "import idcctl.api")
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "idcctl.api" in imported  # the measurement itself works
    assert _loaded(imported, CLI_LIBRARIES + ("httpx", "typing")) == []


def test_a_client_and_a_request_load_no_cli_library():
    script = """
import sys
from idcctl.api import Client, NetworkError, Reason
client = Client("k", base_url="http://127.0.0.1:9", max_retries=0)
try:
    client.vms.list()
except NetworkError as exc:
    assert exc.reason == Reason.UNREACHABLE, exc.reason
print(*sorted(m for m, v in sys.modules.items() if v is not None))
"""
    names = set(_python("-c", script).stdout.split())
    assert {"httpx", "idcctl.api.client", "idcctl.api.vms"} <= names  # the request was made
    assert _loaded(names) == []


def _httpx_cli_installed() -> bool:
    """httpx's command line needs click, rich and pygments (httpx[cli]); Typer 0.29 brings no click."""
    import importlib.util

    return all(importlib.util.find_spec(name) for name in ("click", "rich", "pygments"))


@pytest.mark.skipif(not _httpx_cli_installed(), reason="httpx's command line (httpx[cli]) is not installed")
def test_httpx_command_line_still_works_after_the_sdk_imported_httpx():
    script = """
import sys
import idcctl.api.client
import httpx
assert "click" not in sys.modules
import httpx._main  # not blocked: the mark was only there during the SDK's first import of httpx
assert httpx.main(["--help"], standalone_mode=False) == 0
assert hasattr(httpx.main, "params")  # the real click command now, not httpx's 'not installed' stub
"""
    assert "Usage: httpx" in _python("-c", script).stdout


def test_a_program_that_imported_httpx_first_is_left_as_it_was():
    script = """
import sys, httpx
real = httpx.main
had_cli = "httpx._main" in sys.modules  # only when httpx[cli] is installed
import idcctl.api.client
assert httpx.main is real and ("httpx._main" in sys.modules) == had_cli
"""
    _python("-c", script)


def test_the_sdk_exports_its_surface():
    from idcctl.api import (  # noqa: F401
        Client,
        ClientHooks,
        NetworkError,
        NotFoundError,
        Reason,
        RetryWait,
    )
    from idcctl.errors import RequestError

    assert len(idcctl.api.__all__) > 10
    for name in idcctl.api.__all__:
        assert getattr(idcctl.api, name) is not None
    assert set(idcctl.api.__all__) <= set(dir(idcctl.api))
    assert issubclass(NotFoundError, RequestError) and issubclass(NetworkError, RequestError)
    assert Client.__module__ == "idcctl.api.client"


def _readme_sdk_example() -> str:
    text = (ROOT / "README.md").read_text()
    section = text[text.index("\n## Python SDK\n"):]
    start = section.index("```python\n") + len("```python\n")
    return section[start:section.index("```", start)]


def test_the_readme_sdk_example_runs_as_written():
    sandbox = "http://127.0.0.1:8765/v1/bus02/user-resource/vm"
    with respx.mock(assert_all_called=True) as mock:  # answers as the sandbox gives them
        listed = mock.get(f"{sandbox}/list").mock(return_value=httpx.Response(
            200, json=[{"name": "web-server", "status": "stopped", "uuid": "u-1"}]))
        mock.get(sandbox, params={"uuid": "00000000-0000-0000-0000-000000000000"}).mock(
            return_value=httpx.Response(400, json={"errors": {"Error": "No such virtual machine exists."}}))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(_readme_sdk_example(), "README.md", "exec"), {})
    assert listed.calls.last.request.headers["apikey"] == "any-key"
    assert out.getvalue() == "web-server stopped\nno such VM (HTTP 400): No such virtual machine exists.\n"
