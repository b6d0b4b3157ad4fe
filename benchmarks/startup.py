"""Start-up cost of idcctl, as ratios to `python -c pass` measured in the same run.

    python benchmarks/startup.py [--runs N]

The machine is shared and noisy, so absolute times mean little: each
command runs N times interleaved with the baseline, and the medians are
compared. Uses the `idcctl` installed beside this Python.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def idcctl_command() -> list[str]:
    script = Path(sys.executable).with_name("idcctl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "idcctl"]


def measure(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    base_env = dict(os.environ)
    idcctl = idcctl_command()
    completion_env = dict(base_env, _IDCCTL_COMPLETE="complete_bash", COMP_WORDS="idcctl tok", COMP_CWORD="1")
    cases = {
        "python -c pass": ([sys.executable, "-c", "pass"], base_env),
        "idcctl --help": ([*idcctl, "--help"], base_env),
        "idcctl token list --help": ([*idcctl, "token", "list", "--help"], base_env),
        "bash completion 'idcctl tok'": (idcctl, completion_env),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for name, (cmd, env) in cases.items():  # warm the page cache once
        measure(cmd, env)
    for _ in range(args.runs):
        for name, (cmd, env) in cases.items():
            times[name].append(measure(cmd, env))
    baseline = statistics.median(times["python -c pass"])
    print(f"{'command':32} {'median ms':>10} {'x python -c pass':>17}")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:32} {median * 1000:10.1f} {median / baseline:17.2f}")


if __name__ == "__main__":
    main()
