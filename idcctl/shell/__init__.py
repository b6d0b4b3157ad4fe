"""The machinery that answers the command line; the commands themselves are in `idcctl.cli`.

``registry`` (the root: each group by name, import path and help line) ·
``core`` (Typer/Click plumbing: lazy groups, global options taken once,
plain help) · ``globalopts`` (the global option table) · ``state`` (per-run
state: flags, settings, the lazily built client, streams) · ``early``
(help and --version answered before Typer loads) · ``complete`` and
``names`` (TAB, with resource names from a per-location cache) · ``tree``
and ``tree.json`` (the generated command table those fast paths read) ·
``helptext`` (help rendered the same from the table or from Click).
"""
