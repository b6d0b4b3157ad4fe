"""Local, stateful emulator of the idcloudhost API (standard library only).

`server.make_server(...)` builds it (`idcctl sandbox serve` runs it). Layers,
each importing only the ones below it (tests/sandbox/test_sandbox_layers.py
checks):

- `server` (with `body`): HTTP plumbing: reads and limits the request,
  answers JSON, holds the state lock around a handler, saves after a write.
- `routing`: `/v1/[slug/]path` to a location and a handler.
- `handlers/<api module>.py`: one module per SDK module of `idcctl/api/`,
  each listing its endpoints in ``ROUTES``; no handler imports another.
- `model/`: what several sections share (floating IPs, networks, VM
  building, billing lookups), so handlers need not import each other.
- `state` with `store` and `persist`: one store per section, declared per
  location or global, one `find()`; the --state file and its migrations.
- `seed/`: the reference's examples a fresh sandbox starts with, and the
  static catalogue. `common` (errors, the request object) sits under all.
"""
