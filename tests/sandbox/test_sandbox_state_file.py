"""`--state FILE` is a regular file or nothing: never a FIFO or a device, written through symlinks, kept 0600."""

from __future__ import annotations

import json
import os
import stat
import threading

import pytest

from idcctl.sandbox.server import make_server
from tests.sandbox.conftest import stop


def _refused(path: str) -> str:
    """make_server's error for `path`, which must come at once (a FIFO once hung the first read)."""
    outcome: list[BaseException | object] = []

    def build() -> None:
        try:
            outcome.append(make_server(state_file=path))
        except BaseException as exc:  # noqa: BLE001 - the test looks at whatever it was
            outcome.append(exc)

    thread = threading.Thread(target=build, daemon=True)
    thread.start()
    thread.join(timeout=5)
    assert outcome, f"make_server(state_file={path!r}) did not return within 5 s"
    assert isinstance(outcome[0], ValueError), outcome[0]
    return str(outcome[0])


def test_a_fifo_is_refused_instead_of_hanging(tmp_path):
    fifo = tmp_path / "state.fifo"
    os.mkfifo(fifo)
    assert _refused(str(fifo)) == f"{fifo} is not a regular file; --state takes a file (or a path to make one at)"


@pytest.mark.parametrize("path", ["/dev/null", "."])
def test_a_device_or_a_directory_is_refused_and_left_alone(path):
    before = os.stat(path).st_mode
    assert "is not a regular file" in _refused(path)
    assert os.stat(path).st_mode == before


def test_a_symlink_to_a_fifo_is_refused(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "state.json").symlink_to(tmp_path / "fifo")
    assert "is not a regular file" in _refused(str(tmp_path / "state.json"))


def test_the_cli_says_so_in_one_line(invoke, tmp_path):
    # A directory, not a FIFO: should this regress, the test fails instead of hanging the run.
    result = invoke("sandbox", "serve", "--port", "0", "--state", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path} is not a regular file; --state takes a file (or a path to make one at)\n"


@pytest.mark.parametrize("target_exists", [True, False])
def test_a_symlinked_state_file_is_written_through_the_link(start_sandbox, tmp_path, target_exists):
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "real.json"
    if target_exists:
        target.write_text("")  # empty: start from seed
    link = tmp_path / "state.json"
    link.symlink_to(target)
    sandbox = start_sandbox(state_file=str(link))
    sandbox.client.post("/v1/user-resource/token", data={"description": "through the link"})
    stop(sandbox)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "through the link" in [t["description"] for t in json.loads(target.read_text())["tokens"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "state.json"]  # no temp file left
    assert [p.name for p in target.parent.iterdir()] == ["real.json"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_the_state_file_is_kept_0600(start_sandbox, tmp_path):
    path = tmp_path / "state.json"
    path.write_text("")
    path.chmod(0o644)
    old_umask = os.umask(0)
    try:
        sandbox = start_sandbox(state_file=str(path))
        sandbox.client.post("/v1/user-resource/token", data={"description": "private"})
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "private" in path.read_text()
