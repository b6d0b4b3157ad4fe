"""Start-up cost of idcctl, as ratios to `python -c pass` measured in the same run.

    python benchmarks/startup.py [--runs N]

The machine is shared and noisy, so absolute times mean little: each
command runs N times interleaved with the baseline, and the medians are
compared. Uses the `idcctl` installed beside this Python, a sandbox API on
127.0.0.1 (a free port) started here, and a temporary config and cache, so
nothing of the operator's is read or written. The TAB cases run warm: the
name cache is filled once before measuring. idcctl's modules are compiled
to bytecode first, as `pip install` does: an editable install under
PYTHONDONTWRITEBYTECODE would otherwise measure the compiler on every run.
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


def idcctl_command() -> list[str]:
    script = Path(sys.executable).with_name("idcctl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "idcctl"]


def measure(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def start_sandbox() -> str:
    from idcctl.sandbox.server import make_server

    server = make_server(port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def tab(env: dict[str, str], line: str) -> dict[str, str]:
    words = line.split(" ")
    return dict(env, _IDCCTL_COMPLETE="complete_bash", COMP_WORDS="\n".join(words),
                COMP_CWORD=str(len(words) - 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    import compileall

    import idcctl

    compileall.compile_dir(os.path.dirname(idcctl.__file__), quiet=1)
    scratch = tempfile.mkdtemp(prefix="idcctl-bench-")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("IDCCTL", "_IDCCTL"))}
    base_env.update({"IDCCTL_CONFIG": os.path.join(scratch, "config.toml"),
                     "IDCCTL_CACHE_DIR": os.path.join(scratch, "cache"), "NO_COLOR": "1"})
    api_env = dict(base_env, IDCCTL_API_URL=start_sandbox(), IDCCTL_API_KEY="sandbox-key")
    idcctl = idcctl_command()
    cases = {
        "python -c pass": ([sys.executable, "-c", "pass"], base_env),
        "idcctl --help": ([*idcctl, "--help"], base_env),
        "idcctl vm create --help": ([*idcctl, "vm", "create", "--help"], base_env),
        "idcctl help vm create": ([*idcctl, "help", "vm", "create"], base_env),
        "idcctl -o json vm list (sandbox)": ([*idcctl, "-o", "json", "vm", "list"], api_env),
        # What any command run must import (the console script's re, Typer and Click, httpx
        # and a client): the floor under the line above.
        "floor: re+typer+httpx+Client": ([sys.executable, "-c", FLOOR], base_env),
        "TAB 'idcctl tok' (warm)": (idcctl, tab(base_env, "idcctl tok")),
        "TAB 'idcctl vm show ' (warm)": (idcctl, tab(api_env, "idcctl vm show ")),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for name, (cmd, env) in cases.items():  # warm the page cache and the name cache once
        measure(cmd, env)
    time.sleep(1.0)  # a refresher child started by the warm-up TAB has written the cache
    for _ in range(args.runs):
        for name, (cmd, env) in cases.items():
            times[name].append(measure(cmd, env))
    baseline = statistics.median(times["python -c pass"])
    print(f"{'command':36} {'median ms':>10} {'x python -c pass':>17} {'goal':>6}")
    for name, samples in times.items():
        median = statistics.median(samples)
        ratio = median / baseline
        goal = GOALS.get(name)
        verdict = "" if goal is None else f"<= {goal}x " + ("ok" if ratio <= goal else "MISSED")
        print(f"{name:36} {median * 1000:10.1f} {ratio:17.2f}   {verdict}")


if __name__ == "__main__":
    main()
