"""What differs between the Typer releases idcctl runs on, in one place.

idcctl pins an older Typer for speed (see pyproject.toml), but must run the
same on the newest: ``.ci/newest-typer`` runs the whole suite against it.
Typer 0.29 vendors a trimmed click as ``typer._click`` (no click package,
no ``click.Group``, no ``click.Abort``) and its parameters carry a
``type_descriptor`` (the annotation) instead of a click ``ParamType``. The
rest of idcctl asks this module, never ``click`` or ``typer.main``, so both
releases give the same help, TAB answers, command table and man page.

Imported only where Typer is loaded anyway (not by the fast help/TAB paths).
"""

from __future__ import annotations

import typing
from typing import Any, NamedTuple

try:  # Typer >= 0.29: its own trimmed click; the click package may not be installed at all
    from typer import _click as click
    from typer._click import exceptions
except ImportError:  # older Typer is built on the click package
    import click
    from click import exceptions

# typer.main's converters are not public API, but they are the only way to turn one
# Typer command or sub-app into its Click object at a time (what keeps the root lazy).
# Their keyword signatures are the same from Typer 0.15 to 0.29; the suite walks the
# whole tree through them on both releases.
from typer.main import get_command_from_info, get_command_name, get_group, get_group_from_info  # noqa: F401
from typer.models import DefaultPlaceholder, TyperInfo  # noqa: F401

Context = click.Context
UsageError = exceptions.UsageError


class ValueType(NamedTuple):
    """What a parameter takes, as help names it: the kind, its choices, whether it is a path, its range."""

    kind: str  # "text", "integer", "float", "boolean", "path", "choice"
    choices: tuple[str, ...] | None = None
    path: bool = False
    min: float | None = None
    max: float | None = None


_CLICK_KINDS = {"integer": "integer", "integer range": "integer", "float": "float",
                "float range": "float", "boolean": "boolean", "path": "path"}
_ANNOTATION_KINDS = {int: "integer", float: "float", bool: "boolean"}


def value_type(param: Any) -> ValueType:
    """The value a Click/Typer parameter takes, read the same way from either Typer."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:  # the click package: a ParamType object
        kind = param.type
        if isinstance(kind, click.Choice):
            return ValueType("choice", tuple(str(c) for c in kind.choices))
        return ValueType(_CLICK_KINDS.get(getattr(kind, "name", ""), "text"), None,
                         isinstance(kind, click.Path), getattr(kind, "min", None), getattr(kind, "max", None))
    if descriptor.choices is not None:
        return ValueType("choice", tuple(_choice_text(c) for c in descriptor.choices))
    if descriptor.is_path:
        return ValueType("path", None, True)
    annotation = descriptor.annotation
    if descriptor.is_list:  # a multiple option: the element's type, as click names it
        (annotation,) = typing.get_args(annotation) or (str,)
    return ValueType(_ANNOTATION_KINDS.get(annotation, "text"), None, False,
                     getattr(param, "min", None), getattr(param, "max", None))


def _choice_text(choice: Any) -> str:
    """An Enum member shows as its value, as the click package's Choice had it."""
    return str(getattr(choice, "value", choice))


def is_group(command: Any) -> bool:
    """A group in either Typer (Typer 0.29's TyperGroup is no click.Group)."""
    return getattr(command, "commands", None) is not None
