"""Random argument vectors through the whole command tree, against the sandbox: never a traceback.

Hypothesis picks a leaf command, then a mix of its own options, the global
options and hostile values. Whatever it builds, the run must end in one of
the contract's exit codes with no traceback and no 'internal error'.
Bounded (40 examples, no example database) to stay within ~20 s; each run builds
the whole app in-process, so more examples cost ~0.3 s each.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock

SKIP_GROUPS = {"sandbox", "completion"}  # serving forever, or printing scripts: not API commands
CODES = {0, 1, 2, 3, 4, 5, 6}
VALUES = ["", "-", "--", "x", "0", "1", "-1", "20", "2048", "nan", "inf", "1e999", "web-01",
          "Ubuntu-3-16-04", "bus02", "nowhere", "json", "yaml", "table", "on", "off", "snapshot",
          "0f1e2d3c-4b5a-4968-8776-655443322110", "@/dev/null", "@/nonexistent", "\x1b[31mred",
          "\u202eevil", "ü", "a=b", "k=", "/v1/config/locations", "GET", "POST", "10.0.0.1",
          "http://[::1", "'; rm -rf /", "%s%n", "9" * 40]


def _leaves():

    from idcctl.shell.registry import root_command

    found = []

    def walk(command, path):
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                if not path and name in SKIP_GROUPS:
                    continue
                walk(sub, path + [name])
        else:
            options = [o for p in command.params for o in getattr(p, "opts", []) if o.startswith("-")]
            found.append((tuple(path), tuple(sorted(set(options)))))

    walk(root_command(eager=True), [])
    return found


LEAVES = _leaves()


@st.composite
def argv(draw):
    path, options = draw(st.sampled_from(LEAVES))
    token = st.one_of(st.sampled_from(options or ("--help",)), st.sampled_from(VALUES),
                      st.text(max_size=12))
    return [*path, *draw(st.lists(token, max_size=6))]


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(args=argv())
def test_no_argument_vector_ends_in_a_traceback(args, sandbox_url, tmp_path_factory):
    from idcctl.__main__ import run
    from idcctl.shell.state import State

    home = tmp_path_factory.mktemp("fuzz")
    env = {"IDCCTL_CONFIG": str(home / "config.toml"), "IDCCTL_CACHE_DIR": str(home / "cache"),
           "IDCCTL_API_URL": sandbox_url, "IDCCTL_API_KEY": "sk-fuzz-0123456789", "NO_COLOR": "1",
           "IDCCTL_TIMEOUT": "5"}
    clock = FakeClock()
    out, err = io.StringIO(), io.StringIO()
    state = State(env=env, stdin=io.StringIO("n\n"), stdout=out, stderr=err, sleep=clock.sleep,
                  clock=clock.now)
    code = run([*args, "--wait-timeout", "5"] if "--wait" in args else list(args), state=state)
    assert code in CODES, (args, code, err.getvalue())
    assert "Traceback" not in err.getvalue(), (args, err.getvalue())
    assert "internal error" not in err.getvalue(), (args, err.getvalue())
