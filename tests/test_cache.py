"""The on-disk cache: TTL, scoping, corrupt entries, file modes, atomic writes."""

from __future__ import annotations

import stat

import pytest

from idcctl.cache import Cache, cache_dir

SCOPE = ("default", None, "https://api.example")


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(tmp_path, clock) -> Cache:
    return Cache(tmp_path / "cache", ttl=600, clock=clock)


def test_value_round_trips_until_the_ttl_passes(cache, clock):
    cache.put("images", SCOPE, [{"os_name": "ubuntu"}])
    clock.now += 599
    assert cache.get("images", SCOPE) == [{"os_name": "ubuntu"}]
    clock.now += 1
    assert cache.get("images", SCOPE) is None


def test_entry_from_the_future_is_not_trusted(cache, clock):
    cache.put("images", SCOPE, [1])
    clock.now -= 5  # the wall clock went back
    assert cache.get("images", SCOPE, "miss") == "miss"


def test_scopes_are_separate(cache):
    cache.put("images", SCOPE, ["a"])
    assert cache.get("images", ("other", None, "https://api.example")) is None
    assert cache.get("images", ("default", "bus02", "https://api.example")) is None
    assert cache.get("params", SCOPE) is None
    assert cache.get("images", SCOPE) == ["a"]


def test_fetch_loads_once_within_the_ttl_and_again_after(cache, clock):
    calls = []

    def load():
        calls.append(1)
        return {"n": len(calls)}

    assert cache.fetch("p", SCOPE, load) == {"n": 1}
    assert cache.fetch("p", SCOPE, load) == {"n": 1}
    clock.now += 601
    assert cache.fetch("p", SCOPE, load) == {"n": 2}
    assert len(calls) == 2


def test_fetch_stores_nothing_when_loading_fails(cache):
    def fail():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        cache.fetch("p", SCOPE, fail)
    assert cache.get("p", SCOPE, "miss") == "miss"
    assert list(cache.directory.glob("*.json")) == []


def test_cached_null_is_a_hit_not_a_miss(cache):
    cache.put("p", SCOPE, None)
    assert cache.fetch("p", SCOPE, lambda: pytest.fail("loaded again")) is None


@pytest.mark.parametrize("content", [b"{not json", b"", b"[]", b'{"value": 1}',
                                     b'{"stored_at": "x", "value": 1}', b"\xff\xfe"])
def test_corrupt_entry_is_a_miss(cache, content):
    path = cache.path_for("p", SCOPE)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert cache.get("p", SCOPE, "miss") == "miss"
    assert cache.fetch("p", SCOPE, lambda: "fresh") == "fresh"
    assert cache.get("p", SCOPE) == "fresh"  # and the bad file was replaced


def test_unreadable_entry_is_a_miss(cache):
    path = cache.path_for("p", SCOPE)
    path.parent.mkdir(parents=True)
    path.mkdir()  # reading a directory raises OSError
    assert cache.get("p", SCOPE, "miss") == "miss"


def test_new_directory_is_0700_and_files_0600(tmp_path, clock):
    cache = Cache(tmp_path / "deep" / "cache", clock=clock)
    cache.put("p", SCOPE, [1])
    assert stat.S_IMODE(cache.directory.stat().st_mode) == 0o700
    files = list(cache.directory.iterdir())
    assert [f.name for f in files] == [cache.path_for("p", SCOPE).name]  # no temp file left
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600


def test_failed_write_is_ignored(tmp_path, clock):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = Cache(blocker / "cache", clock=clock)
    cache.put("p", SCOPE, [1])  # no exception
    assert cache.fetch("p", SCOPE, lambda: "loaded") == "loaded"


def test_unserialisable_value_is_not_stored(cache):
    cache.put("p", SCOPE, {"x": object()})
    assert cache.get("p", SCOPE, "miss") == "miss"
    assert list(cache.directory.glob(".cache.*")) == []


def test_cache_dir_honours_the_environment(tmp_path):
    assert cache_dir({"IDCCTL_CACHE_DIR": str(tmp_path / "c")}) == tmp_path / "c"
    assert cache_dir({}).name == "idcctl"


# -- a cache directory that can be trusted (issue #17, item 1) ------------------------


def test_a_directory_others_may_write_is_not_used_and_said_once(tmp_path, clock):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    warnings = []
    cache = Cache(shared, clock=clock, warn=warnings.append)
    planted = cache.path_for("p", SCOPE)
    planted.write_text('{"stored_at": %r, "value": "planted"}' % clock.now)
    assert cache.get("p", SCOPE, "miss") == "miss"
    cache.put("q", SCOPE, [1])
    assert cache.fetch("p", SCOPE, lambda: "loaded") == "loaded"
    assert sorted(p.name for p in shared.iterdir()) == [planted.name]  # nothing written there
    assert warnings == [f"not using the cache: {shared} is writable by others (mode 777); "
                        f"chmod 700 {shared}"]


def test_a_symlinked_entry_is_not_followed(cache, tmp_path, clock):
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"stored_at": %r, "value": "planted"}' % clock.now)
    cache.put("p", SCOPE, "mine")
    path = cache.path_for("p", SCOPE)
    path.unlink()
    path.symlink_to(elsewhere)
    assert cache.get("p", SCOPE, "miss") == "miss"
    cache.put("p", SCOPE, "new")  # replaces the link, never writes through it
    assert not path.is_symlink() and "planted" in elsewhere.read_text()


def test_an_oversized_entry_is_ignored_and_rewritten(cache, clock):
    from idcctl.cache import MAX_ENTRY

    cache.put("p", SCOPE, "small")
    path = cache.path_for("p", SCOPE)
    path.write_text('{"stored_at": %r, "value": "%s"}' % (clock.now, "x" * MAX_ENTRY))
    assert cache.get("p", SCOPE, "miss") == "miss"
    assert cache.fetch("p", SCOPE, lambda: "fresh") == "fresh"
    assert path.stat().st_size < 100


def test_a_value_too_big_to_read_back_is_not_written(cache):
    from idcctl.cache import MAX_ENTRY

    cache.put("p", SCOPE, "x" * MAX_ENTRY)
    assert not cache.path_for("p", SCOPE).exists()


def test_one_warning_per_run_however_many_caches_a_command_reads(invoke, tmp_path):
    import httpx
    import respx

    from tests.conftest import BASE

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        mock.get("/v1/api/parameters/vm").mock(return_value=httpx.Response(200, json=[]))
        mock.get("/v1/config/vm_images").mock(return_value=httpx.Response(200, json=[]))
        mock.get("/v1/pricing/policy").mock(return_value=httpx.Response(200, json={"policy": []}))
        result = invoke("vm", "create", "--name", "web-01", "--os", "ubuntu", "--os-version", "22.04-lts",
                        "--disk-size", "20", "--vcpu", "2", "--ram", "2048", "--username", "deploy",
                        "--password-stdin", "--dry-run", input="Secret123\n",
                        env={"IDCCTL_CACHE_DIR": str(shared)})
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("not using the cache") == 1
    assert list(shared.iterdir()) == []
