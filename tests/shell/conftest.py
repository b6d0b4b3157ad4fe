"""What the shell tests share: a TAB environment, asking for a TAB, planting names in the cache."""

from __future__ import annotations

import io
import time

import pytest

from idcctl.shell import complete, names, tabfiles

CLOSED = "http://127.0.0.1:9"  # nothing listens: a refresh fails at once


@pytest.fixture
def tab_env(tmp_path):
    return {"IDCCTL_CONFIG": str(tmp_path / "config.toml"), "IDCCTL_CACHE_DIR": str(tmp_path / "cache"),
            "IDCCTL_API_URL": CLOSED, "IDCCTL_API_KEY": "k"}


def tab(env, line: str, shell: str = "bash", action: str = "get-args") -> tuple[int, list[str]]:
    """Complete `line` (the cursor at its end) as the shell's script would ask."""
    protocol = dict(env, _IDCCTL_COMPLETE=f"complete_{shell}")
    if shell == "bash":
        words = line.split(" ")
        protocol.update(COMP_WORDS="\n".join(words), COMP_CWORD=str(len(words) - 1))
    else:
        protocol.update(_TYPER_COMPLETE_ARGS=line, _TYPER_COMPLETE_FISH_ACTION=action)
    out = io.StringIO()
    code = complete.answer(protocol, out)
    return code, out.getvalue().splitlines()


def store(env, kind: str, value, age: float = 0.0, **flags) -> None:
    view = names.view(flags, env)
    scope = names._scope(view)
    tabfiles.write_entry(names.names_file(env, kind, scope),
                 {"key": [kind, *scope], "stored_at": time.time() - age, "value": value})
