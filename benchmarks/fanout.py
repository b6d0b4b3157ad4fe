"""`vm list --all-locations` against four sequential `vm list --location X`, in one process.

    python benchmarks/fanout.py [--rounds N] [--latency SECONDS]

Runs an in-process sandbox with 4 locations answering after `--latency`
seconds, then times both ways through idcctl's real entry point and prints
the medians and their ratio (measured in the same run: the machine is noisy).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import tempfile
import threading
import time

from idcctl.__main__ import run
from idcctl.cli.state import State
from idcctl.sandbox.server import make_server

SLUGS = ["cyc01", "bus02", "trn03", "fer04"]


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    code = run(argv, state=State(env=env, stdout=io.StringIO(), stderr=io.StringIO()))
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"idcctl {' '.join(argv)} exited {code}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--latency", type=float, default=0.2)
    args = parser.parse_args()
    server = make_server(port=0, latency=args.latency, locations=SLUGS)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, IDCCTL_API_URL=f"http://127.0.0.1:{server.server_address[1]}",
                   IDCCTL_API_KEY="bench", IDCCTL_CONFIG=f"{tmp}/config.toml", NO_COLOR="1")
        fanout, sequential = [], []
        for _ in range(args.rounds):
            fanout.append(timed(["vm", "list", "--all-locations", "-o", "json"], env))
            sequential.append(sum(timed(["vm", "list", "--location", s, "-o", "json"], env) for s in SLUGS))
    server.shutdown()
    f, s = statistics.median(fanout), statistics.median(sequential)
    print(f"latency {args.latency:g} s per request, {len(SLUGS)} locations, {args.rounds} rounds")
    print(f"vm list --all-locations (1 location list + 4 concurrent): median {f:.3f} s")
    print(f"4 sequential vm list --location X:                      median {s:.3f} s")
    print(f"ratio all-locations / sequential: {f / s:.2f}  (sequential takes {s / f:.2f}x as long)")


if __name__ == "__main__":
    main()
