"""Per-invocation state in ``ctx.obj``: the global flags, settings and a lazily built client.

Nothing here touches the config file or the network until a command asks,
so ``--help`` and completion stay side-effect free. Streams and environment
are injectable, so tests need no monkeypatching.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from idcctl import terminal
from idcctl.errors import Aborted, AuthError, UsageError

MAX_LINE = 4096  # one line read from stdin: an API key or a password, never more

if TYPE_CHECKING:
    from idcctl.api.client import Client
    from idcctl.api.hooks import Answered, ClientHooks, RetryWait
    from idcctl.cache import Cache
    from idcctl.config import Settings
    from idcctl.output import OutputOptions


@dataclass
class State:
    flags: dict[str, Any] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    stdout: IO[str] | None = None
    stderr: IO[str] | None = None
    stdin: IO[str] | None = None
    sleep: Any = None  # injectable for tests: retry and --wait pauses
    clock: Any = None  # injectable for tests: monotonic seconds for --wait
    _settings: Settings | None = None
    _doc: dict[str, Any] | None = None
    _client: Client | None = None
    # What an interrupt (Ctrl-C) should mention: a VM being waited for, a prompt left open.
    waiting_for: str | None = None
    prompting: bool = False
    # What the command acts on, as typed (a VM, a bucket): errors about it name it (shell.hints).
    acting_on: str | None = None
    # Lists read once for a command resolving several targets ((kind, location) -> items; see
    # cli.shared.resolve.shared_lists); None: every lookup lists afresh.
    lists: dict[Any, Any] | None = None
    table_footer: Any = None  # rows -> a table's last row (a total), set by the command that has one
    _warned_key: bool = False
    _warned_cache: bool = False

    # -- streams ------------------------------------------------------------

    @property
    def out(self) -> IO[str]:
        return self.stdout or sys.stdout

    @property
    def err(self) -> IO[str]:
        return self.stderr or sys.stderr

    @property
    def inp(self) -> IO[str]:
        return self.stdin or sys.stdin

    def info(self, message: str, *, even_quiet: bool = False) -> None:
        """A message for the operator: stderr, never mixed into data on stdout, one clean line.

        -q silences it: quiet means quiet unless there is an error (errors and
        warnings are still printed; `even_quiet` is for a partial failure told here).
        """
        if self.flags.get("quiet") and not even_quiet:
            return
        print(terminal.line(message), file=self.err)

    def warn(self, message: str) -> None:
        print(f"warning: {terminal.line(message)}", file=self.err)

    def trace(self, line: str) -> None:
        # One write per line: --debug lines of concurrent requests never interleave mid-line.
        with _TRACE_LOCK:
            self.err.write(f"debug: {terminal.line(line)}\n")
            self.err.flush()

    # -- flags --------------------------------------------------------------

    def flag(self, name: str) -> Any:
        return self.flags.get(name)

    @property
    def debug(self) -> bool:
        return bool(self.flags.get("debug"))

    @property
    def dry_run(self) -> bool:
        return bool(self.flags.get("dry_run"))

    # -- config and settings ------------------------------------------------

    @property
    def config_path(self) -> Path:
        from idcctl.config import config_path

        return config_path(self.env)

    def config_doc(self) -> dict[str, Any]:
        if self._doc is None:
            from idcctl.config import read_config

            self._doc = read_config(self.config_path, warn=self.warn)
        return self._doc

    def forget_config(self) -> None:
        """Drop cached config after this process wrote the file."""
        self._doc = None
        self._settings = None

    def update_config(self, mutate: Any) -> Any:
        """Locked read-modify-write of the config file; under --dry-run, say what would change."""
        from idcctl.config import update_config

        self.refuse_selecting()
        if self.dry_run:
            import copy

            from idcctl.config import config_changes, read_config
            from idcctl.errors import DryRun

            before = read_config(self.config_path, warn=self.warn)
            after = copy.deepcopy(before)
            mutate(after)
            raise DryRun({"method": "WRITE", "url": str(self.config_path), "headers": {},
                          "body": config_changes(before, after)})
        result = update_config(self.config_path, mutate)
        self.forget_config()
        return result

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from idcctl.config import resolve

            self._settings = resolve(self.flags, self.env, self.config_doc(), self.config_path)
            if self._settings.api_key_origin == "flag" and not self._warned_key:
                self._warned_key = True
                self.warn("an API key on the command line lands in your shell history and the "
                          "process list; prefer IDCCTL_API_KEY or 'idcctl auth login --api-key-stdin'")
        return self._settings

    def cache(self, *, ttl: float | None = None) -> Cache:
        """The on-disk cache of API answers; an unsafe cache directory is skipped, said once per run."""
        from idcctl.cache import TTL, Cache, cache_dir

        return Cache(cache_dir(self.env), ttl=TTL if ttl is None else ttl, warn=self._cache_warning)

    def _cache_warning(self, message: str) -> None:
        if not self._warned_cache:
            self._warned_cache = True
            self.warn(message)

    @property
    def location(self) -> str | None:
        return self.settings["location"]

    def billing_account(self, explicit: int | None = None) -> int | None:
        """An explicit --billing-account, else the profile's billing_account setting."""
        return explicit if explicit is not None else self.settings["billing_account"]

    # -- API client ---------------------------------------------------------

    def make_client(self, api_key: str | None, *, require_key: bool = True) -> Client:
        from idcctl.api.client import Client

        s = self.settings
        if require_key and not api_key:
            if not s.profile_exists and (self.flags.get("profile") or self.env.get("IDCCTL_PROFILE")):
                from idcctl.config import no_profile

                raise no_profile(s.profile)
            raise AuthError(f"no API key for profile '{s.profile}'")
        return Client(api_key, base_url=s["api_url"], location=s["location"], timeout=s["timeout"],
                      hooks=self.client_hooks())

    def client_hooks(self) -> ClientHooks:
        """--dry-run, --debug, retry-wait notices, fresh TAB names and the injected clock, for the SDK."""
        from idcctl.api.hooks import ClientHooks

        clocks = {name: value for name, value in (("sleep", self.sleep), ("clock", self.clock))
                  if value is not None}
        return ClientHooks(before_send=self._before_send(),
                           on_retry_wait=self._announce_wait, trace=self.trace if self.debug else None,
                           after_response=self._after_response, **clocks)

    def _after_response(self, answered: Answered) -> None:
        """A write through idcctl changes the TAB names it changed at once (`idcctl.shell.freshen`);
        a read changes none, and loads nothing for it."""
        if answered.method not in ("GET", "HEAD", "OPTIONS"):
            from idcctl.shell.freshen import after_write

            after_write(self, answered)

    def _before_send(self) -> Any:
        """--filter/--sort refuse a change before it is sent; --dry-run describes it instead."""
        selecting, dry_run = bool(self.flags.get("filter") or self.flags.get("sort")), self.dry_run

        def check(request: dict[str, Any]) -> None:
            if request["method"] not in ("GET", "HEAD"):
                self.refuse_selecting()
            if dry_run:
                _refuse_writes(request)

        return check if selecting or dry_run else None

    def refuse_unconfirmable(self, action: str) -> None:
        """Refuse (exit 2) at once what `confirm` would refuse: no terminal to ask on and no --yes."""
        self.refuse_selecting()
        if self.flags.get("yes") or self.dry_run:
            return
        if not self.stdin_is_terminal():
            raise UsageError(f"refusing to {action} without confirmation (no terminal to ask on)",
                             hint="pass --yes to confirm")

    def refuse_selecting(self) -> None:
        """A change with --filter/--sort (they choose rows of a list): refused before it is asked or sent."""
        if self.flags.get("filter") or self.flags.get("sort"):
            from idcctl.output.select import change_refused

            raise change_refused()

    def _announce_wait(self, wait: RetryWait) -> None:
        from idcctl.shell.hints import retry_notice

        notice = retry_notice(wait)
        if notice is not None:
            self.info(notice)

    @property
    def client(self) -> Client:
        if self._client is None:
            self._client = self.make_client(self.settings.api_key)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # -- output -------------------------------------------------------------

    def output_options(self) -> OutputOptions:
        from idcctl.output import OutputOptions

        fmt = self.flags.get("output")
        if fmt is None:
            fmt = self.settings["output"] if self._settings_readable() else "table"
        columns = self.flags.get("columns")
        return OutputOptions(
            format=fmt,
            columns=[c.strip() for c in columns.split(",") if c.strip()] if columns else None,
            no_headers=bool(self.flags.get("no_headers")),
            quiet=bool(self.flags.get("quiet")),
            show_secrets=bool(self.flags.get("show_secrets")),
            color=self.color,
            filters=list(self.flags.get("filter") or []),
            sort=list(self.flags.get("sort") or []),
        )

    def _settings_readable(self) -> bool:
        try:
            self.settings
        except UsageError:
            return False
        return True

    @property
    def color(self) -> bool:
        """Colour (and spinners) only on a terminal, and never with --no-color or NO_COLOR."""
        if self.flags.get("no_color") or "NO_COLOR" in self.env:
            return False
        return _is_tty(self.out)

    def render(self, data: Any, kind: str | None = None, *, location_column: bool = False,
               basis: Any = None) -> None:
        """Print data; `basis` (the API's rows behind readable table rows) is what --filter/--sort read."""
        from idcctl.output import render

        render(data, self.output_options(), kind=kind, stream=self.out,
               location_column=location_column, basis=basis, footer=self.table_footer)

    # -- terminal input -----------------------------------------------------

    def stdin_is_terminal(self) -> bool:
        return _is_tty(self.inp)

    def stderr_is_terminal(self) -> bool:
        return _is_tty(self.err)

    def prompt_hidden(self, prompt: str) -> str:
        """One line typed without echo; an injected stdin (tests, embedding) is simply read."""
        self.prompting = True  # left True if Ctrl-C ends the read: the boundary ends the line
        if self.stdin is not None and self.stdin is not sys.stdin:
            self.err.write(terminal.line(prompt))
            self.err.flush()
            answer = self.read_line()
        else:
            import getpass

            try:
                answer = getpass.getpass(terminal.line(prompt), stream=self.err)
            except EOFError:  # Ctrl-D: nothing typed
                answer = ""
        self.prompting = False
        return answer

    def read_line(self, what: str = "input") -> str:
        """One line of stdin without its line end, at most MAX_LINE characters (a key, a password)."""
        line = self.inp.readline(MAX_LINE + 1)
        if len(line.rstrip("\r\n")) > MAX_LINE:
            raise UsageError(f"the {what} read from stdin is longer than {MAX_LINE} characters")
        return line.rstrip("\r\n")

    # -- confirmation -------------------------------------------------------

    def confirm(self, question: str, *, action: str = "go ahead") -> None:
        """Ask before something destructive; refuse without a terminal unless --yes."""
        self.refuse_unconfirmable(action)
        if self.flags.get("yes") or self.dry_run:
            return
        self.err.write(f"{terminal.line(question)} [y/N]: ")
        self.err.flush()
        self.prompting = True  # left True if Ctrl-C ends the read: the boundary ends the line
        answer = self.inp.readline(100).strip().lower()
        self.prompting = False
        if answer not in ("y", "yes"):
            # Declining is exit 1 (README "Exit codes"): the operator said no, nothing was changed.
            raise Aborted("aborted; nothing was changed")


_TRACE_LOCK = threading.Lock()


def _refuse_writes(request: dict[str, Any]) -> None:
    """--dry-run: a write is described (its key and content type shown) instead of sent; reads go."""
    from idcctl.errors import DryRun

    if request["method"] in ("GET", "HEAD"):
        return
    shown = {k: v for k, v in request["headers"].items() if k.lower() in ("apikey", "content-type")}
    raise DryRun({**request, "headers": shown})


def _is_tty(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
