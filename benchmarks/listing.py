"""Time and peak memory of `idcctl vm list` on 10,000 and 100,000 VMs, per output format.

    python benchmarks/listing.py [--sizes 10000,100000] [--formats table,json,yaml] [--repeat 3]

Serves the VM list from a local HTTP server (127.0.0.1, a free port) with
VMs shaped like the reference's "List VMs" example (both timestamp shapes),
runs the installed idcctl as a child process for each size and format
(stdout to a file, not a terminal, so tables take the plain layout), and
prints its wall time, its CPU time (user + system: steadier than wall time
on a busy machine) and peak memory (the child's max RSS from wait4), each
the best of --repeat runs. "filter" is the table with
``--filter 'name=vm-*' --sort -created_at`` (every row kept, all of them
reordered by time: the whole cost of both); "jq ." is jq on the same
answer, from a file. Ratios, all measured in this one run: memory above a
one-VM run per byte of the answer, time per format against JSON, JSON
against ``jq .``, and what --filter/--sort add to the table. "render" is
the renderer alone on the parsed answer, in this process. Figures are
printed, never asserted: the machine is noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from idcctl.sandbox.seed import _listed_vm


FILTER = ["--filter", "name=vm-*", "--sort", "-created_at"]


def _created(i: int) -> str:
    """Every VM a second apart, in the API's two timestamp shapes by turns."""
    day, rest = divmod(i, 86400)
    clock = f"{rest // 3600:02d}:{rest // 60 % 60:02d}:{rest % 60:02d}"
    date = f"2018-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"
    return f"{date} {clock}" if i % 2 else f"{date}T{clock}.355+0000"


def vms(count: int) -> list[dict]:
    return [_listed_vm(i, f"vm-{i:06d}", f"{i:08x}-cf03-4a7a-93da-74c506157023", _created(i),
                       "2018-02-22 14:24:13", f"52:54:00:{i >> 16 & 255:02x}:{i >> 8 & 255:02x}:{i & 255:02x}",
                       f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}", f"{i:x}", i,
                       "2018-02-22 14:24:13.766985") for i in range(count)]


def serve(body: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            # The table's PUBLIC IP column reads the floating IPs beside the VMs: none here.
            data = b"[]" if self.path.startswith("/v1/network/ip_addresses") else body["current"]
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def command(fmt: str) -> list[str]:
    if fmt == "filter":
        return [sys.executable, "-m", "idcctl", "vm", "list", "-o", "table", *FILTER]
    return [sys.executable, "-m", "idcctl", "vm", "list", "-o", fmt]


def run(argv: list[str], env: dict[str, str], out_path: str, repeat: int = 1,
        stdin: str | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (bytes) of a child process: the best of `repeat` runs."""
    best = (float("inf"), float("inf"), 0)
    for _ in range(repeat):
        with open(out_path, "wb") as out, open(stdin or os.devnull, "rb") as source:
            start = time.perf_counter()
            child = subprocess.Popen(argv, stdin=source, stdout=out, stderr=subprocess.PIPE, env=env)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code:
            raise SystemExit(f"{' '.join(argv)} exited {code}: {child.stderr.read().decode()}")
        child.stderr.close()
        # Linux reports kilobytes
        best = (min(best[0], elapsed), min(best[1], usage.ru_utime + usage.ru_stime),
                max(best[2], usage.ru_maxrss * 1024))
    return best


def interleaved(cases: dict[str, list[str]], env: dict[str, str], tmp: str,
                repeat: int) -> dict[str, tuple[float, float, int, int]]:
    """Each case's best wall and CPU time, peak RSS and output size, its runs taken in turns.

    In turns (a, b, c, a, b, c, ...), so a busy spell of the machine slows every case a
    little rather than one case a lot: the ratios stay fair when the times do not.
    """
    best: dict[str, tuple[float, float, int, int]] = {}
    for _ in range(repeat):
        for name, argv in cases.items():
            stdin = f"{tmp}/answer.json" if name == "jq ." else None
            wall, cpu, rss = run(argv, env, f"{tmp}/out", stdin=stdin)
            old = best.get(name, (float("inf"), float("inf"), 0, 0))
            best[name] = (min(old[0], wall), min(old[1], cpu), max(old[2], rss), os.path.getsize(f"{tmp}/out"))
    return best


def render_only(fmt: str, data: list[dict]) -> float:
    import io

    from idcctl.output import OutputOptions, render

    options = OutputOptions(format=fmt) if fmt != "filter" else OutputOptions(filters=[FILTER[1]],
                                                                              sort=[FILTER[3]])
    start = time.perf_counter()
    render(data, options, kind="vm", stream=io.StringIO())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--formats", default="table,json,yaml,filter")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each case; the best is shown")
    args = parser.parse_args()
    formats = args.formats.split(",")
    body: dict[str, bytes] = {}
    server = serve(body)
    mb = 1024 * 1024
    jq = shutil.which("jq")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, IDCCTL_API_URL=f"http://127.0.0.1:{server.server_address[1]}",
                   IDCCTL_API_KEY="bench", IDCCTL_CONFIG=f"{tmp}/config.toml",
                   IDCCTL_CACHE_DIR=f"{tmp}/cache", NO_COLOR="1")
        body["current"] = json.dumps(vms(1)).encode()
        base = {fmt: run(command(fmt), env, f"{tmp}/out")[2] for fmt in formats}
        print(f"baseline (1 VM): peak RSS {max(base.values()) / mb:.0f} MB")
        for size in (int(s) for s in args.sizes.split(",")):
            data = vms(size)
            body["current"] = json.dumps(data).encode()
            answer = len(body["current"])
            print(f"\n{size:,} VMs, answer {answer / mb:.1f} MB (best of {args.repeat})")
            cases = {fmt: command(fmt) for fmt in formats}
            if jq:
                with open(f"{tmp}/answer.json", "wb") as saved:
                    saved.write(body["current"])
                cases["jq ."] = [jq, "."]
            best = interleaved(cases, env, tmp, args.repeat)
            times = {name: (wall, cpu) for name, (wall, cpu, _, _) in best.items()}
            for fmt, (elapsed, cpu, rss, output) in best.items():
                if fmt == "jq .":
                    print(f"  jq .   {elapsed:6.2f} s wall, {cpu:6.2f} s CPU")
                    continue
                extra = rss - base[fmt]
                print(f"  {fmt:6} {elapsed:6.2f} s wall, {cpu:6.2f} s CPU, render {render_only(fmt, data):6.2f} s"
                      f"   peak RSS {rss / mb:5.0f} MB (+{extra / mb:.0f} MB over 1 VM = "
                      f"{extra / answer:.1f}x the answer)   output {output / mb:.1f} MB")
            print_ratios(times)
    server.shutdown()


def print_ratios(times: dict[str, tuple[float, float]]) -> None:
    """The ratios of this run, by wall time and by CPU time."""
    def ratio(a: str, b: str) -> str:
        return f"{times[a][0] / times[b][0]:.2f} wall, {times[a][1] / times[b][1]:.2f} CPU"

    if "json" in times:
        print("  time / json: " + ", ".join(f"{f} {t[1] / times['json'][1]:.2f}" for f, t in times.items()) +
              " (CPU)")
    if "json" in times and "jq ." in times:
        print(f"  json / jq .: {ratio('json', 'jq .')}")
    if "filter" in times and "table" in times:
        wall = times["filter"][0] / times["table"][0] - 1
        cpu = times["filter"][1] / times["table"][1] - 1
        print(f"  --filter/--sort add to the table: {wall:+.0%} wall, {cpu:+.0%} CPU")
    if "yaml" in times:
        print(f"  yaml: {times['yaml'][0]:.2f} s wall, {times['yaml'][1]:.2f} s CPU")


if __name__ == "__main__":
    main()
