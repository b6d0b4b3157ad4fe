"""Per-run state: debug lines that never interleave, a warning for a key on the command line."""

from __future__ import annotations

import io
import re
import threading
import time

import httpx
import respx

from tests.conftest import BASE, KEY

VM_URL = f"{BASE}/v1/user-resource/vm"


def test_debug_lines_of_concurrent_requests_never_interleave():
    from idcctl.shell.state import State

    class Chunky(io.StringIO):
        def write(self, text):  # a slow stream: every write yields the GIL midway
            for part in (text[: len(text) // 2], text[len(text) // 2:]):
                super().write(part)
                time.sleep(0)
            return len(text)

    err = Chunky()
    state = State(stderr=err)
    threads = [threading.Thread(target=lambda n=n: [state.trace(f"thread {n} " + "x" * 200) for _ in range(50)])
               for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = err.getvalue().splitlines()
    assert len(lines) == 300 and all(re.fullmatch(r"debug: thread \d x{200}", line) for line in lines)


def test_api_key_on_the_command_line_warns(invoke):
    with respx.mock() as mock:
        mock.get(f"{VM_URL}/list").mock(return_value=httpx.Response(200, json=[]))
        result = invoke("vm", "list", "-o", "json", "--api-key", KEY, key=None)
    assert result.exit_code == 0
    assert "lands in your shell history" in result.stderr and "IDCCTL_API_KEY" in result.stderr
