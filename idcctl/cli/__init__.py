"""The command tree, and nothing else: one module or package per group, named as the user types it.

``vm/`` · ``image.py`` · ``disk.py`` · ``bucket.py`` · ``net.py`` · ``ip.py`` ·
``lb.py`` · ``service/`` · ``billing/`` · ``user.py`` · ``token.py`` ·
``location.py`` · ``auth.py`` · ``profile.py`` · ``config.py`` ·
``sandbox/`` · ``api.py`` · ``completion/`` · ``help.py``; helpers
that several groups use live in ``shared/``, helpers of one group inside
that group's package. Each module defines ``app = App(...)`` and decorates
its commands with ``@app.command(NAME, examples=[...])``; the root knows
the groups only through `idcctl.shell.registry`, which imports just the one
invoked. The machinery that parses and answers the command line (global
options, help and TAB without Typer, per-run state) is `idcctl.shell`.
"""
