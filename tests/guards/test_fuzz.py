"""Hostile argument vectors through every leaf command, against the sandbox: never a traceback.

The leaves come from the live command tree (`root_command(eager=True)`), so a
group added later (firewall, ssh-key ...) is covered without touching this
file. Two tests:

- every leaf, deterministically, with each of its arguments and options set
  to one hostile value per variant (control characters and leading dashes;
  huge numbers and 10,000-character strings; 1e309 and empty strings);
- hypothesis, bounded (40 examples, no example database), picking a leaf and
  a mix of its own options, the global options and hostile or plausible
  values.

Whatever they build, the run must end in one of the contract's exit codes
with no traceback and no 'internal error'. `vm ssh` never execs ssh here,
and `sandbox serve` (serving forever) is left out. Each run builds the app
in-process and costs ~25 ms, so the whole file stays within a few seconds.
"""

from __future__ import annotations

import io
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from tests.guards.conftest import command_tree, leaves

SKIP = {("sandbox", "serve")}  # serves until stopped
CODES = {0, 1, 2, 3, 4, 5, 6}
# Per variant: (a text value, a number value) for every argument and option that takes one.
VARIANTS = {
    "control-and-dashes": ("-oProxyCommand=touch /tmp/idcctl-fuzz\n\x1b[2J\u202e\x00", "-1"),
    "huge": ("x" * 10_000, "9" * 400),
    "out-of-range-and-empty": ("", "1e309"),
}
HOSTILE = ["", " ", "-", "--", "-1", "0", "1e309", "-1e309", "nan", "inf", "9" * 40, "9" * 400,
           "-oProxyCommand=touch /tmp/idcctl-fuzz", "a\nb", "\r", "\t", "\x00", "\x01", "\x1b[31mred",
           "\u202eevil", "x" * 10_000, "y" * 9_000, "%s%n", "'; rm -rf /", "../../etc/passwd", "@/dev/null",
           "@/dev/zero", "@/nonexistent", "http://[::1", "http://u:p@h", "ü", "a=b", "k=", "{location}"]
PLAUSIBLE = ["x", "1", "20", "2048", "web-01", "Ubuntu-3-16-04", "bus02", "nowhere", "json", "yaml", "table",
             "on", "off", "snapshot", "0f1e2d3c-4b5a-4968-8776-655443322110", "/v1/config/locations", "GET",
             "POST", "10.0.0.1"]


def _leaves():
    found = []
    for path, command in leaves(command_tree()):
        if path in SKIP:
            continue
        options = tuple(sorted({o for p in command.params for o in getattr(p, "opts", []) if o.startswith("-")}))
        found.append((path, command, options))
    return found


LEAVES = _leaves()


def hostile_argv(command, variant: str) -> list[str]:
    """Every argument and every option that takes a value, set to the variant's hostile value."""
    from idcctl.shell.compat import value_type

    text, number = VARIANTS[variant]
    argv: list[str] = []
    for param in command.params:
        kind = value_type(param).kind  # the same on the pinned and the newest Typer
        if getattr(param, "is_flag", False) or kind == "boolean":
            continue
        value = number if kind in ("integer", "float") else text
        if param.param_type_name == "argument":
            argv += [value] * max(1, param.nargs if param.nargs > 0 else 1)
        else:
            argv += [param.opts[0], value]
    return argv


def _run(args: list[str], url: str, home) -> tuple[int, str]:
    from idcctl.__main__ import run
    from idcctl.shell.state import State

    env = {"IDCCTL_CONFIG": str(home / "config.toml"), "IDCCTL_CACHE_DIR": str(home / "cache"),
           "IDCCTL_API_URL": url, "IDCCTL_API_KEY": "sk-fuzz-0123456789", "NO_COLOR": "1",
           "IDCCTL_TIMEOUT": "5"}
    clock = FakeClock()
    out, err = io.StringIO(), io.StringIO()
    state = State(env=env, stdin=io.StringIO("n\n"), stdout=out, stderr=err, sleep=clock.sleep,
                  clock=clock.now)
    if "--wait" in args:
        args = [*args, "--wait-timeout", "5"]
    with mock.patch("idcctl.cli.vm.ssh._exec", lambda program, argv: None):  # never replace pytest
        code = run(list(args), state=state)
    return code, err.getvalue()


def _assert_clean(args, code, err) -> None:
    assert code in CODES, (args, code, err)
    assert "Traceback" not in err, (args, err)
    assert "internal error" not in err, (args, err)
    assert "\x1b" not in err and "\u202e" not in err, (args, err)  # the terminal sees clean lines only


def test_the_leaves_are_the_whole_live_tree():
    groups = {path[0] for path, _, _ in LEAVES}
    assert {"vm", "disk", "bucket", "net", "ip", "lb", "service", "billing", "token", "api"} <= groups
    assert len(LEAVES) == len(list(leaves(command_tree()))) - len(SKIP)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


@pytest.mark.parametrize("leaf", LEAVES, ids=[" ".join(path) for path, _, _ in LEAVES])
def test_every_leaf_takes_hostile_values_without_a_traceback(leaf, sandbox_url, home):
    path, command, _ = leaf
    for variant in VARIANTS:
        args = [*path, *hostile_argv(command, variant)]
        code, err = _run(args, sandbox_url, home)
        _assert_clean(args, code, err)


@st.composite
def argv(draw):
    path, _, options = draw(st.sampled_from(LEAVES))
    token = st.one_of(st.sampled_from(options or ("--help",)), st.sampled_from(HOSTILE),
                      st.sampled_from(PLAUSIBLE), st.text(max_size=12))
    return [*path, *draw(st.lists(token, max_size=6))]


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(args=argv())
def test_no_argument_vector_ends_in_a_traceback(args, sandbox_url, tmp_path_factory):
    code, err = _run(args, sandbox_url, tmp_path_factory.mktemp("fuzz"))
    _assert_clean(args, code, err)
