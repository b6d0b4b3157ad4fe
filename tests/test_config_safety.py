"""The config file is ours alone: what is not ours is never touched; writes survive crashes and races."""

from __future__ import annotations

import multiprocessing
import os
import signal
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tests.conftest import mode, stored, write_config


def test_a_directory_named_by_idcctl_config_is_refused_and_untouched(invoke, tmp_path):
    directory = tmp_path / "shared"
    directory.mkdir()
    directory.chmod(0o755)
    for args in (("vm", "list"), ("config", "set", "location", "bus02")):
        result = invoke(*args, env={"IDCCTL_CONFIG": str(directory), "IDCCTL_API_KEY": None})
        assert result.exit_code == 2 and "is a directory, not a config file" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert mode(directory) == 0o755 and os.listdir(directory) == []


@pytest.mark.parametrize("target", ["/proc/version", "/dev/null"])
def test_system_files_are_refused_and_untouched(invoke, target):
    before = os.stat(target)
    result = invoke("config", "set", "location", "bus02", env={"IDCCTL_CONFIG": target})
    assert result.exit_code == 2 and "not a config file" in result.stderr
    assert stat.S_IMODE(os.stat(target).st_mode) == stat.S_IMODE(before.st_mode)


def test_a_file_that_is_not_toml_keeps_its_mode_and_bytes(invoke, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list [[\n")
    path.chmod(0o644)
    for args in (("vm", "list"), ("config", "set", "location", "bus02")):
        result = invoke(*args, env={"IDCCTL_CONFIG": str(path)})
        assert result.exit_code == 2 and "not valid TOML" in result.stderr
    assert mode(path) == 0o644 and path.read_text() == "shopping list [[\n"


def test_a_symlinked_config_stays_a_symlink(invoke, tmp_path):
    real = tmp_path / "dotfiles" / "idcctl.toml"
    write_config(real, '[profiles.default]\nlocation = "cyc01"\n')
    link = tmp_path / "cfg" / "config.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    result = invoke("config", "set", "location", "bus02", env={"IDCCTL_CONFIG": str(link)})
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert stored(real)["profiles"]["default"]["location"] == "bus02"
    assert not list(link.parent.glob("*.tmp")) and not list(real.parent.glob(".*.tmp"))


def test_a_read_only_file_is_not_rewritten(invoke, config_file):
    write_config(config_file, '[profiles.default]\nlocation = "cyc01"\n')
    config_file.chmod(0o400)
    result = invoke("config", "set", "location", "bus02")
    assert result.exit_code == 2 and "read-only (mode 400)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert stored(config_file)["profiles"]["default"]["location"] == "cyc01"


def test_an_unwritable_place_is_one_line_naming_the_file(invoke, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    target = blocker / "config.toml"  # its "directory" is a file: cannot be created
    result = invoke("config", "set", "location", "bus02", env={"IDCCTL_CONFIG": str(target)})
    assert result.exit_code == 2 and str(target) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "internal error" not in result.stderr


def test_stale_temp_copies_are_removed_and_logout_leaves_no_key(invoke, config_file):
    key = "sk-stale-0123456789abcdef"
    write_config(config_file, f'[profiles.default]\napi_key = "{key}"\n')
    stale = config_file.parent / f".{config_file.name}.x1y2z3.tmp"
    stale.write_text(f'[profiles.default]\napi_key = "{key}"\n')
    result = invoke("auth", "logout", env={"IDCCTL_API_KEY": None})
    assert result.exit_code == 0, result.stderr
    assert not stale.exists()
    left = list(config_file.parent.iterdir())
    assert config_file in left  # the file that held the key is among those read
    for path in left:
        assert key not in path.read_text(), path


# -- concurrency and crashes --------------------------------------------------


def _add_profiles(path: str, worker: int, count: int) -> None:
    from idcctl.config import update_config

    for i in range(count):
        update_config(Path(path), lambda doc, n=f"w{worker}-{i}": doc.setdefault("profiles", {})
                      .setdefault(n, {"location": "bus02"}))


def test_many_processes_writing_different_profiles_lose_none(config_file):
    workers, each = 6, 5
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_add_profiles, args=(str(config_file), w, each)) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    names = set(stored(config_file)["profiles"])
    assert names == {f"w{w}-{i}" for w in range(workers) for i in range(each)}
    assert mode(config_file) == 0o600


WRITER = """
import sys
from pathlib import Path
from idcctl.config import update_config
path = Path(sys.argv[1])
i = 0
while True:
    update_config(path, lambda doc: doc.setdefault("profiles", {}).setdefault(f"p{i}", {"api_key": "k" * 40}))
    print(i, flush=True)
    i += 1
"""


def test_a_writer_killed_at_any_moment_leaves_a_whole_file(config_file):
    write_config(config_file, '[profiles.keep]\nlocation = "bus02"\n')
    for delay in (0.05, 0.13, 0.21, 0.34):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(config_file)], stdout=subprocess.PIPE)
        time.sleep(0.4 + delay)  # past the import, in the middle of the writes
        child.send_signal(signal.SIGKILL)
        confirmed = [int(line) for line in child.communicate()[0].split()]
        doc = tomllib.loads(config_file.read_text())  # always parses
        names = set(doc["profiles"])
        assert "keep" in names
        assert {f"p{i}" for i in confirmed} <= names
    from idcctl.config import update_config

    update_config(config_file, lambda doc: None)  # the next write removes what a kill left
    assert not list(config_file.parent.glob(".*.tmp"))


def test_a_read_only_directory_is_one_line_naming_the_file(invoke, config_file, monkeypatch):
    # As root a chmod 0500 directory is still writable, so the refusal is simulated where it happens.
    import tempfile

    write_config(config_file, '[profiles.default]\nlocation = "cyc01"\n')

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = invoke("config", "set", "location", "bus02")
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"error: cannot write config file {config_file}: Permission denied")
    assert len(result.stderr.strip().splitlines()) == 1
    assert stored(config_file)["profiles"]["default"]["location"] == "cyc01"
