"""The contract's rows run as commands through invoke() against a fresh in-process sandbox.

respx tests pin the exact requests; the rows check the same commands work
against a stateful server and that the state really changes.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest

from tests.conftest import Result
from tests.sandbox.conftest import Sandbox


@pytest.fixture
def sandbox_env(sandbox: Sandbox) -> dict[str, str]:
    """What aims invoke() at this test's sandbox."""
    return {"IDCCTL_API_URL": sandbox.url}


@pytest.fixture
def raw(invoke, sandbox_env) -> Callable[..., Result]:
    """invoke() aimed at the sandbox, returning the whole result."""
    def run(*args: str, env: dict[str, str] | None = None, **kwargs: Any) -> Result:
        return invoke(*args, env={**sandbox_env, **(env or {})}, **kwargs)

    return run


@pytest.fixture
def sb(raw) -> Callable[..., Any]:
    """raw() with `-o json`: asserts the exit code (0 unless `expect`), returns the parsed JSON or None."""
    def run(*args: str, input: str = "", expect: int = 0) -> Any:
        result = raw(*args, "-o", "json", input=input)
        assert result.exit_code == expect, f"{args}: {result.stderr}"
        return result.json() if result.stdout.strip() else None

    return run
