"""Time and peak memory of `idcctl vm list` on 10,000 and 100,000 VMs, per output format.

    python benchmarks/listing.py [--sizes 10000,100000] [--formats table,json,yaml]

Serves the VM list from a local HTTP server (127.0.0.1, a free port) with
VMs shaped like the reference's "List VMs" example, runs the installed
idcctl as a child process for each size and format (stdout to a file, not a
terminal, so tables take the plain layout), and prints its wall time, its
CPU time (user + system: steadier than wall time on a busy machine) and
peak memory (the child's max RSS from wait4). Ratios: memory above a
one-VM run per byte of the answer, and time per format against JSON.
"render" is the renderer alone on the parsed answer, in this process.
Figures are printed, never asserted: the machine is noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from idcctl.sandbox.seed import _listed_vm


def vms(count: int) -> list[dict]:
    return [_listed_vm(i, f"vm-{i:06d}", f"{i:08x}-cf03-4a7a-93da-74c506157023", "2018-02-22 14:24:03",
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


def run(fmt: str, env: dict[str, str], out_path: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (bytes) of one `idcctl vm list -o FMT` child process."""
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "idcctl", "vm", "list", "-o", fmt],
                                 stdout=out, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"idcctl vm list -o {fmt} exited {child.returncode}: {child.stderr.read().decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024  # Linux reports kilobytes


def render_only(fmt: str, data: list[dict]) -> float:
    import io

    from idcctl.output import OutputOptions, render

    start = time.perf_counter()
    render(data, OutputOptions(format=fmt), kind="vm", stream=io.StringIO())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--formats", default="table,json,yaml")
    args = parser.parse_args()
    formats = args.formats.split(",")
    body: dict[str, bytes] = {}
    server = serve(body)
    mb = 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, IDCCTL_API_URL=f"http://127.0.0.1:{server.server_address[1]}",
                   IDCCTL_API_KEY="bench", IDCCTL_CONFIG=f"{tmp}/config.toml",
                   IDCCTL_CACHE_DIR=f"{tmp}/cache", NO_COLOR="1")
        body["current"] = json.dumps(vms(1)).encode()
        base = {fmt: run(fmt, env, f"{tmp}/out")[2] for fmt in formats}
        print(f"baseline (1 VM): peak RSS {max(base.values()) / mb:.0f} MB")
        for size in (int(s) for s in args.sizes.split(",")):
            data = vms(size)
            body["current"] = json.dumps(data).encode()
            answer = len(body["current"])
            print(f"\n{size:,} VMs, answer {answer / mb:.1f} MB")
            times = {}
            for fmt in formats:
                elapsed, cpu, rss = run(fmt, env, f"{tmp}/out")
                times[fmt] = elapsed
                extra = rss - base[fmt]
                print(f"  {fmt:5}  {elapsed:6.2f} s wall, {cpu:6.2f} s CPU, render {render_only(fmt, data):6.2f} s   "
                      f"peak RSS {rss / mb:5.0f} MB (+{extra / mb:.0f} MB over 1 VM = "
                      f"{extra / answer:.1f}x the answer)   output {os.path.getsize(f'{tmp}/out') / mb:.1f} MB")
            if "json" in times:
                print("  time / json: " + ", ".join(f"{f} {t / times['json']:.2f}" for f, t in times.items()))
    server.shutdown()


if __name__ == "__main__":
    main()
