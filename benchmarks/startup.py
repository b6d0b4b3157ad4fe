"""Start-up cost of idcctl, as ratios to `python -c pass` measured in the same run.

    python benchmarks/startup.py [--runs N] [--compare OTHER_VENV/bin/python]

The machine is shared and noisy, so absolute times mean little: each
command runs N times interleaved with the baseline, and the medians are
compared. Uses the `idcctl` installed beside this Python, a sandbox API on
127.0.0.1 (a free port) started here, and a temporary config and cache, so
nothing of the operator's is read or written. The TAB cases run warm: the
name cache is filled once before measuring. idcctl's modules are compiled
to bytecode first, as `pip install` does: an editable install under
PYTHONDONTWRITEBYTECODE would otherwise measure the compiler on every run.

``--compare`` runs the same idcctl cases from a second virtualenv (the one
`.ci/newest-typer` makes, say) interleaved with the first, against the same
baseline and sandbox, so a Typer upgrade is judged in one run. Each row
also gives the child's median CPU time (user + system, from wait4).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# name -> goal (ratio to python -c pass), from issue #11
GOALS = {"idcctl --help": 6, "idcctl vm create --help": 6, "idcctl -o json vm list (sandbox)": 12,
         "TAB 'idcctl tok' (warm)": 3, "TAB 'idcctl vm show ' (warm)": 3}


FLOOR = ("import re, sys, typer; sys.modules['httpx._main'] = None; import httpx; "
         "httpx.Client(verify=False)")


def idcctl_command(python: str) -> list[str]:
    script = Path(python).with_name("idcctl")
    return [str(script)] if script.exists() else [python, "-m", "idcctl"]


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of cmd."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def typer_version(python: str) -> str:
    code = "import importlib.metadata as m; print(m.version('typer'))"
    return subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def compile_idcctl(python: str) -> None:
    code = "import compileall, os, idcctl; compileall.compile_dir(os.path.dirname(idcctl.__file__), quiet=1)"
    subprocess.run([python, "-c", code], check=True)


def start_sandbox() -> str:
    from idcctl.sandbox.server import make_server

    server = make_server(port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def tab(env: dict[str, str], line: str) -> dict[str, str]:
    words = line.split(" ")
    return dict(env, _IDCCTL_COMPLETE="complete_bash", COMP_WORDS="\n".join(words),
                COMP_CWORD=str(len(words) - 1))


def idcctl_cases(python: str, base_env: dict[str, str], api_env: dict[str, str],
                 tag: str = "") -> dict[str, tuple[list[str], dict[str, str]]]:
    """The idcctl cases run with the idcctl installed beside `python`, each name ending in `tag`."""
    idcctl = idcctl_command(python)
    cases = {
        "idcctl --help": ([*idcctl, "--help"], base_env),
        "idcctl vm create --help": ([*idcctl, "vm", "create", "--help"], base_env),
        "idcctl help vm create": ([*idcctl, "help", "vm", "create"], base_env),
        "idcctl -o json vm list (sandbox)": ([*idcctl, "-o", "json", "vm", "list"], api_env),
        # What any command run must import (the console script's re, Typer and Click, httpx
        # and a client): the floor under the line above.
        "floor: re+typer+httpx+Client": ([python, "-c", FLOOR], base_env),
        # Loads Typer and converts a command, but sends nothing: Typer's share without the API's.
        "idcctl --dry-run config set output json": ([*idcctl, "--dry-run", "config", "set", "output", "json"],
                                                    base_env),
        "TAB 'idcctl tok' (warm)": (idcctl, tab(base_env, "idcctl tok")),
        "TAB 'idcctl vm show ' (warm)": (idcctl, tab(api_env, "idcctl vm show ")),
    }
    return {name + tag: case for name, case in cases.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--compare", metavar="PYTHON", help="also run idcctl from this virtualenv's python")
    args = parser.parse_args()
    pythons = [sys.executable, *([args.compare] if args.compare else [])]
    for python in pythons:
        compile_idcctl(python)
    scratch = tempfile.mkdtemp(prefix="idcctl-bench-")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("IDCCTL", "_IDCCTL"))}
    base_env.update({"IDCCTL_CONFIG": os.path.join(scratch, "config.toml"),
                     "IDCCTL_CACHE_DIR": os.path.join(scratch, "cache"), "NO_COLOR": "1"})
    api_env = dict(base_env, IDCCTL_API_URL=start_sandbox(), IDCCTL_API_KEY="sandbox-key")
    cases = {"python -c pass": ([sys.executable, "-c", "pass"], base_env)}
    for python in pythons:
        tag = f" [typer {typer_version(python)}]" if args.compare else ""
        cases.update(idcctl_cases(python, base_env, api_env, tag))
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for name, (cmd, env) in cases.items():  # warm the page cache and the name cache once
        measure(cmd, env)
    time.sleep(1.0)  # a refresher child started by the warm-up TAB has written the cache
    for _ in range(args.runs):
        for name, (cmd, env) in cases.items():
            times[name].append(measure(cmd, env))
    baseline = statistics.median(wall for wall, _ in times["python -c pass"])
    print(f"{'command':56} {'median ms':>10} {'x python -c pass':>17} {'CPU ms':>7} {'goal':>6}")
    for name, samples in times.items():
        median = statistics.median(wall for wall, _ in samples)
        cpu = statistics.median(cpu for _, cpu in samples)
        goal = GOALS.get(name.split(" [typer ")[0])
        ratio = median / baseline
        verdict = "" if goal is None else f"<= {goal}x " + ("ok" if ratio <= goal else "MISSED")
        print(f"{name:56} {median * 1000:10.1f} {ratio:17.2f} {cpu * 1000:7.1f}   {verdict}")


if __name__ == "__main__":
    main()
