"""Private files: a cache directory that can be trusted, capped reads that follow no symlink, O_EXCL markers."""

from __future__ import annotations

import os
import stat

import pytest

from idcctl.fileio import UnsafeDirectory, create_marker, private_dir, read_private

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")


def test_a_missing_directory_is_made_0700(tmp_path):
    made = private_dir(tmp_path / "a" / "cache")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_directory_others_may_write_is_refused_and_left_as_it_is(tmp_path, mode):
    shared = tmp_path / "cache"
    shared.mkdir()
    shared.chmod(mode)
    with pytest.raises(UnsafeDirectory, match="writable by others"):
        private_dir(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == mode


def test_a_readable_directory_of_ours_is_fine(tmp_path):
    (tmp_path / "cache").mkdir(mode=0o755)
    assert private_dir(tmp_path / "cache") == tmp_path / "cache"


def test_a_regular_file_is_no_directory(tmp_path):
    (tmp_path / "cache").write_text("x")
    with pytest.raises(UnsafeDirectory, match="is not a directory"):
        private_dir(tmp_path / "cache")


@needs_root
def test_a_directory_of_another_user_is_refused(tmp_path):
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 12345, 12345)
    with pytest.raises(UnsafeDirectory, match="another user"):
        private_dir(theirs)


@needs_root
def test_a_symlink_to_another_users_directory_is_refused(tmp_path):
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 12345, 12345)
    (tmp_path / "cache").symlink_to(theirs)
    with pytest.raises(UnsafeDirectory, match="another user"):
        private_dir(tmp_path / "cache")


def test_a_symlink_of_ours_to_our_directory_is_followed(tmp_path):
    (tmp_path / "real").mkdir(mode=0o700)
    (tmp_path / "cache").symlink_to(tmp_path / "real")
    assert private_dir(tmp_path / "cache") == tmp_path / "cache"


def test_read_private_reads_regular_files_up_to_the_limit_only(tmp_path):
    (tmp_path / "small").write_bytes(b"12345")
    (tmp_path / "big").write_bytes(b"x" * 100)
    (tmp_path / "link").symlink_to(tmp_path / "small")
    os.mkfifo(tmp_path / "fifo")
    assert read_private(tmp_path / "small", limit=10) == b"12345"
    assert read_private(tmp_path / "big", limit=10) is None
    assert read_private(tmp_path / "link", limit=10) is None
    assert read_private(tmp_path / "fifo", limit=10) is None  # never blocks on a planted FIFO
    assert read_private(tmp_path / "missing", limit=10) is None


def test_a_marker_is_made_once_and_never_through_a_symlink(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / "link").symlink_to(victim)
    assert create_marker(tmp_path / "marker") is True
    assert create_marker(tmp_path / "marker") is False
    assert create_marker(tmp_path / "link") is False
    assert victim.read_text() == "precious"
    assert stat.S_IMODE((tmp_path / "marker").stat().st_mode) == 0o600
