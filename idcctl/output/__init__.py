"""Render API data as a table (plain text layout), JSON, YAML or bare ids.

JSON and YAML print the API's data unchanged; tables pick columns from
`idcctl.output.specs`, show timestamps in one form, mask secrets and strip
terminal control characters. Tables are plain text layout (`table.py`), no
rich; yaml is imported only when used, so ``--help`` and completion stay
fast. Big answers are fast: JSON (`json_text`) and YAML (`yaml_text`) are
written directly, with exactly the standard libraries' text, JSON in pieces.
``--filter``/``--sort`` (`select`) choose a list's rows before any format,
``--columns`` (`columns`) resolves names against the table and the data.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field
from typing import IO, Any

from idcctl.output.specs import columns_for, id_of
from idcctl.output.text import SECRET_FIELDS, cell, get_path, needs_escapes, safe_text

COLUMNS_HELP = "help"  # --columns help: list the columns instead of the data
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class OutputOptions:
    format: str = "table"
    columns: list[str] | None = None
    no_headers: bool = False
    quiet: bool = False
    show_secrets: bool = False
    color: bool = False
    filters: list[str] = field(default_factory=list)
    sort: list[str] = field(default_factory=list)


def to_json(data: Any) -> str:
    """JSON text of the data, with DEL/C1/bidi characters escaped (the same data, safe to cat)."""
    return "".join(json_chunks(data))


def json_chunks(data: Any, *, rows: int | None = None):
    """`to_json`'s text in pieces, so a big answer is written without a second copy of it in memory.

    The text is ``json.dumps(data, indent=2, ensure_ascii=False)``'s, written by `json_text`
    (the standard encoder does indentation in pure Python, at twice the time).
    """
    from idcctl.output.json_text import ROWS_PER_CHUNK, chunks

    for piece in chunks(data, rows or ROWS_PER_CHUNK):
        yield _escape_json(piece)


def _escape_json(text: str) -> str:
    # Character by character, so escaping piece by piece gives the same text as escaping the whole.
    if text.isascii() and "\x7f" not in text:  # two scans at C speed: nothing to escape (the usual case)
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_yaml(data: Any, *, dumper: Any = None) -> str:
    """YAML text of the data: PyYAML's SafeDumper text, written the fastest way that gives it exactly.

    First `yaml_text` (plain data, written directly); else libyaml fed events when it agrees
    with the pure dumper; else the pure dumper itself.
    """
    if dumper is None:
        from idcctl.output import yaml_text

        try:
            return yaml_text.text(data)
        except yaml_text.Fallback:
            pass
    import yaml

    from idcctl.output.yaml_dump import WIDTH, c_dumper_agrees, fast_yaml

    # Control or bidi characters in the data: write non-ASCII as escapes, as -o json does,
    # through the pure dumper (libyaml escapes differently).
    escape = needs_escapes(data)
    # Every document starts with "---", so answers printed one after another
    # (`vm list -q | xargs -n1 idcctl vm show -o yaml`) read as one YAML stream.
    options = {"allow_unicode": not escape, "default_flow_style": False, "width": WIDTH,
               "explicit_start": True}
    if dumper is None and not escape:
        dumper = yaml.SafeDumper
        if getattr(yaml, "CSafeDumper", None) and c_dumper_agrees(data):
            dumper = yaml.CSafeDumper
            return fast_yaml(data, dumper, options)
    dumper = dumper or yaml.SafeDumper
    # Lines are never folded: the two dumpers fold long strings at different places (and a
    # folded UUID or URL cannot be grepped); with that off they write the same text.
    return yaml.dump(data, Dumper=dumper, sort_keys=False, **options)


def render(data: Any, opts: OutputOptions, *, kind: str | None = None,
           stream: IO[str] | None = None, location_column: bool = False, basis: Any = None,
           footer: Any = None) -> None:
    """Write data to stream (stdout by default) in the chosen format.

    --filter/--sort choose and order a list's rows first, for every format
    alike; `basis` is what they read when the rows are readable versions of
    the API's (the same length, in the same order). `footer(rows)` makes a
    table's last row (a total) from the basis rows shown; other formats have none.
    Data too deeply nested to print (it parsed, but no answer of the API looks
    like it) is an ApiError.
    """
    try:
        _render(data, opts, kind, stream or sys.stdout, location_column, basis, footer)
    except RecursionError:
        from idcctl.errors import ApiError, Reason

        raise ApiError("the answer is nested too deeply to show", reason=Reason.TOO_DEEP) from None


def _render(data: Any, opts: OutputOptions, kind: str | None, stream: IO[str], location_column: bool,
            basis: Any, footer: Any) -> None:
    if opts.filters or opts.sort:
        data, basis = _selected(data, opts, basis)
    if opts.columns == [COLUMNS_HELP]:
        _columns_help(stream, opts, data, kind, location_column)
        return
    if opts.format == "json":
        if data is not None:
            for piece in json_chunks(data):
                stream.write(piece)
            stream.write("\n")
        return
    if opts.format == "yaml":
        if data is not None:
            stream.write(to_yaml(data))
        return
    if opts.quiet:
        rows = data if isinstance(data, list) else [data]
        for row in rows:
            ident = id_of(kind, row)
            if ident is not None:
                stream.write(f"{cell(ident)}\n")
        return
    if data is None:
        return
    if isinstance(data, list):
        rows = [r if isinstance(r, dict) else {"value": r} for r in data]
        last = footer(data if basis is None else basis) if footer else None
        _print_tables(stream, opts, [(None, rows, kind, location_column)], footer=last)
    elif isinstance(data, dict):
        _print_tables(stream, opts, _dict_sections(data, kind, opts))
    else:
        stream.write(f"{cell(data)}\n")


def _selected(data: Any, opts: OutputOptions, basis: Any) -> tuple[list[Any], list[Any] | None]:
    """The rows --filter/--sort choose, and the same rows of the basis (None without one)."""
    from idcctl.errors import UsageError
    from idcctl.output.select import chosen

    decided_by = data if basis is None else basis
    if not isinstance(data, list) or not isinstance(decided_by, list) or len(decided_by) != len(data):
        raise UsageError("--filter and --sort choose rows of a list, and this answer is not a list",
                         hint="use them with a list command, e.g. 'idcctl vm list --filter status=running'")
    order = chosen(decided_by, opts.filters, opts.sort)
    return [data[i] for i in order], None if basis is None else [basis[i] for i in order]


def _columns_help(stream: IO[str], opts: OutputOptions, data: Any, kind: str | None,
                  location_column: bool) -> None:
    from idcctl.output.columns import help_rows

    rows = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    rows = [r if isinstance(r, dict) else {"value": r} for r in rows]
    plain = OutputOptions(no_headers=opts.no_headers, color=opts.color)
    listing = help_rows(columns_for(kind, rows, location=location_column), rows)
    _print_tables(stream, plain, [(None, listing, "_columns", False)])


def _dict_sections(data: dict[str, Any], kind: str | None, opts: OutputOptions):
    """One key/value table for the scalar fields, then a table per list of objects."""
    if opts.columns:
        return [(None, [data], kind, False)]
    pairs: list[dict[str, Any]] = []
    nested: list[tuple[str, list[dict[str, Any]]]] = []
    _flatten(data, "", pairs, nested)
    sections = [(None, pairs, "_kv", False)]
    while nested:
        title, rows = nested.pop(0)
        scalars = [{k: v for k, v in r.items() if not _is_object_list(v)} for r in rows]
        sections.append((title, scalars, None, False))
        for row in rows:
            label = row.get("name") or row.get("uuid") or row.get("id")
            for key, value in row.items():
                if _is_object_list(value) and value:
                    nested.append((f"{title} {label}: {key}", value))
    return sections


def _is_object_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _flatten(data: dict[str, Any], prefix: str, pairs: list, nested: list) -> None:
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            _flatten(value, f"{path}.", pairs, nested)
        elif _is_object_list(value):
            nested.append((path, value))
        else:
            pairs.append({"field": path, "value": value})


def _print_tables(stream: IO[str], opts: OutputOptions, sections, footer: dict[str, Any] | None = None) -> None:
    from idcctl.output.table import BOLD, RESET, layout
    from idcctl.output.text import strip_control

    # One row per line, never folded (like kubectl): a UUID split over two lines cannot be
    # copied or awk'ed; a long line is the terminal's to wrap.
    for index, (title, rows, kind, location_column) in enumerate(sections):
        if index:
            stream.write("\n")
        if title:
            title = strip_control(f"{title}:").rstrip()
            stream.write(f"{BOLD}{title}{RESET}\n" if opts.color else f"{title}\n")
        # No rows but a total: the total says which columns the (empty) table has.
        columns = _columns(opts, rows or ([footer] if footer is not None and index == 0 else rows), kind,
                           location_column)
        cells_of = _cells_of(columns, kind, opts.show_secrets)
        cells = [cells_of(row) for row in rows]
        if footer is not None and index == 0:  # a total: blank where it has nothing to say
            cells.append(["" if text == "-" else text for text in cells_of(footer)])
        # Written line by line: the whole table never exists as one string.
        for line in layout([safe_text(header) for header, _ in columns], cells, bold=opts.color,
                           show_header=not opts.no_headers and kind != "_kv"):
            stream.write(line + "\n")


def _columns(opts: OutputOptions, rows, kind: str | None, location_column: bool):
    if kind == "_kv":
        return [("FIELD", "field"), ("VALUE", "value")]
    if kind == "_columns":
        return [("COLUMN", "column"), ("FIELD", "field"), ("DEFAULT", "shown")]
    defaults = columns_for(kind, rows, location=location_column)
    if opts.columns:
        from idcctl.output.columns import resolve

        return resolve(opts.columns, defaults, rows)
    return defaults


def _row_cells(row: dict[str, Any], columns, kind: str | None, show_secrets: bool) -> list[str]:
    return _cells_of(columns, kind, show_secrets)(row)


def _cells_of(columns, kind: str | None, show_secrets: bool):
    """A function row -> cell texts, with each column's lookup decided once, not per row."""
    plan = []
    for _, field in columns:
        if callable(field):
            plan.append((field, None, ""))
        elif "." in field:
            plan.append((functools.partial(get_path, path=field), None, field))
        else:
            plan.append((None, field, field))

    def cells(row: dict[str, Any]) -> list[str]:
        values = []
        for function, name, key in plan:
            value = row.get(name) if function is None else function(row)
            if kind == "_kv":  # mask by the field's name, in the value column only
                key = str(row.get("field", "")) if name == "value" else ""
            if type(value) is str and _is_own_cell(value, key) or type(value) is int:
                values.append(str(value))
            else:
                values.append(cell(value, key=key, show_secrets=show_secrets))
        return values

    return cells


def _is_own_cell(text: str, key: str) -> bool:
    """A fast path: text with nothing to strip, mask or reformat is its own cell (as `cell` would say).

    Printable text holds no control, bidi or line-break character; a timestamp
    starts ``YYYY-``; secrets are masked by their field's name.
    """
    return (text.isprintable() and text != "" and text[4:5] != "-"
            and key.rpartition(".")[2] not in SECRET_FIELDS)
