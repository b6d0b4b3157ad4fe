"""`vm list --all-locations` against one `vm list --location X`, and four sequential ones, in one process.

    python benchmarks/fanout.py [--rounds N] [--latency SECONDS]

Runs an in-process sandbox with 4 locations answering after `--latency`
seconds, then times the ways through idcctl's real entry point and prints
the medians and their ratios (measured in the same run: the machine is
noisy). The location list is cached per profile and API URL, so after the
first run the fan-out costs one round trip, like a single location; the
first (cold) run is shown apart.
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
from idcctl.sandbox.server import make_server
from idcctl.shell.state import State

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
                   IDCCTL_API_KEY="bench", IDCCTL_CONFIG=f"{tmp}/config.toml",
                   IDCCTL_CACHE_DIR=f"{tmp}/cache", NO_COLOR="1")
        everywhere = ["vm", "list", "--all-locations", "-o", "json"]
        cold = timed(everywhere, env)  # fills the location cache
        fanout, single, sequential = [], [], []
        for _ in range(args.rounds):
            fanout.append(timed(everywhere, env))
            single.append(timed(["vm", "list", "--location", SLUGS[0], "-o", "json"], env))
            sequential.append(sum(timed(["vm", "list", "--location", s, "-o", "json"], env) for s in SLUGS))
    server.shutdown()
    f, one, s = statistics.median(fanout), statistics.median(single), statistics.median(sequential)
    print(f"latency {args.latency:g} s per request, {len(SLUGS)} locations, {args.rounds} rounds")
    print(f"vm list --all-locations, first run (location list + 4 concurrent): {cold:.3f} s")
    print(f"vm list --all-locations (cached location list, 4 concurrent): median {f:.3f} s")
    print(f"one vm list --location X:                                     median {one:.3f} s")
    print(f"4 sequential vm list --location X:                            median {s:.3f} s")
    print(f"ratio all-locations / one location: {f / one:.2f}  (goal <= 1.3)")
    print(f"ratio all-locations / sequential:   {f / s:.2f}")


if __name__ == "__main__":
    main()
