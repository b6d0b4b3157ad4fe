"""Shared test helpers: `invoke()` runs idcctl in-process through its real error boundary.

Every CLI test goes through `invoke`, with NO_COLOR=1, COLUMNS=100, a temp
config file, a fake API base URL (respx intercepts it; nothing reaches the
internet) and a test API key, and gets back exit code, stdout and stderr.
"""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent  # the repository
BASE = "https://api.idcloudhost.test"
KEY = "sk-test-0123456789abcdefXYZ"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    sleeps: list[float]

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    return tmp_path / "cfg" / "config.toml"


@pytest.fixture
def invoke(config_file: Path):
    """invoke(*args, env=None, input=None, key=KEY) -> Result."""
    from idcctl.__main__ import run
    from idcctl.shell.state import State

    def _invoke(*args: str, env: dict[str, str] | None = None, input: str = "",
                key: str | None = KEY, tty: bool = False) -> Result:
        full_env = {"IDCCTL_CONFIG": str(config_file), "NO_COLOR": "1", "COLUMNS": "100",
                    "IDCCTL_API_URL": BASE, "IDCCTL_CACHE_DIR": str(config_file.parent.parent / "cache")}
        if key is not None:
            full_env["IDCCTL_API_KEY"] = key
        full_env.update(env or {})
        full_env = {k: v for k, v in full_env.items() if v is not None}
        clock = FakeClock()
        stdin = _TTYStringIO(input) if tty else io.StringIO(input)
        state = State(env=full_env, stdin=stdin, sleep=clock.sleep, clock=clock.now)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(list(args), state=state)
        return Result(code, out.getvalue(), err.getvalue(), clock.sleeps)

    return _invoke


class FakeClock:
    """Monotonic time that only moves when something sleeps: --wait and retries run instantly."""

    def __init__(self) -> None:
        self.time = 1000.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.time += seconds


class _TTYStringIO(io.StringIO):
    """Stdin that claims to be a terminal, to answer confirmation prompts."""

    def isatty(self) -> bool:
        return True
