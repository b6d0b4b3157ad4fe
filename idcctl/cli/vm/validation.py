"""Local checks for `vm create`: pure functions over the API's own rules.

The rules come from ``GET /v1/api/parameters/vm`` (ranges and regexps, with
per-OS limits such as windows needing 2 vCPUs) and the live image list
(``GET /v1/config/vm_images``, the truth for os/version pairs: the
parameters' own os enums are years out of date). Each check returns a list
of problems, each saying what is wrong and what is allowed, so the command
can report them all at once and send nothing. No I/O here: the command
fetches (and caches) the data and passes it in.
"""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

from idcctl.errors import UsageError

# The reference's "VM parameters" example: used when the API cannot tell us
# its rules (older deployments answer that endpoint with 404).
FALLBACK_PARAMETERS: list[dict[str, Any]] = [
    {"parameter": "disks", "constraint": "range", "min": 20, "max": 240, "mandatory": True},
    {"parameter": "name", "constraint": "regexp", "mandatory": True,
     "expression": "^[0-9a-zA-Z][-0-9a-zA-Z]{2,}[0-9a-zA-Z]$"},
    {"parameter": "password", "constraint": "regexp", "mandatory": True,
     "expression": "^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,}$"},
    {"parameter": "ram", "constraint": "range", "min": 512, "max": 65536, "mandatory": True,
     "limited_by": "os_name", "limits": [{"os_name": "windows", "min": 1024}]},
    {"parameter": "username", "constraint": "regexp", "mandatory": True,
     "expression": "^(?=.{1,30}$)[a-zA-Z_][0-9a-zA-Z_-]*$",
     "limited_by": "os_name", "limits": [{"os_name": "windows", "mandatory": False}]},
    {"parameter": "vcpu", "constraint": "range", "min": 1, "max": 16, "mandatory": True,
     "limited_by": "os_name", "limits": [{"os_name": "windows", "min": 2}]},
]

PASSWORD_RULE = "at least 8 characters with a lower-case letter, an upper-case letter and a digit"
# A VM's name is its host name: one DNS label (RFC 1123), which the API's expression does not bound.
MAX_NAME = 63
# Plain words for the regexps the reference publishes; other expressions are shown as they are.
_RULE_WORDS = {
    "name": "at least 4 characters of letters, digits and '-', starting and ending with a letter or digit",
    "password": PASSWORD_RULE,
    "username": "1-30 characters of letters, digits, '_' and '-', not starting with a digit or '-'",
}


def rule(parameters: Any, name: str, os_name: str | None = None) -> dict[str, Any] | None:
    """The parameter's constraint with the limits for `os_name` merged over it."""
    for spec in parameters if isinstance(parameters, list) else []:
        if isinstance(spec, dict) and spec.get("parameter") == name:
            merged = dict(spec)
            for limit in spec.get("limits") or []:
                if isinstance(limit, dict) and limit.get("os_name") == os_name:
                    merged.update({k: v for k, v in limit.items() if k != "os_name"})
            return merged
    return None


def check_text(parameters: Any, name: str, value: str | None, os_name: str | None, *,
               option: str, secret: bool = False) -> list[str]:
    """A regexp parameter: present when mandatory, matching when given."""
    spec = rule(parameters, name, os_name)
    if spec is None or spec.get("constraint") != "regexp":
        return []
    allowed = _describe(name, spec)
    if not value:
        if spec.get("mandatory"):
            for_os = f" for {os_name}" if os_name else ""
            return [f"{option} is required{for_os} ({allowed})"]
        return []
    try:
        ok = re.search(str(spec.get("expression", "")), value) is not None
    except re.error:
        return []  # an expression Python cannot read: leave the judgement to the API
    if ok:
        return []
    what = "the password" if secret else f"{option} '{value}'"  # never echo a password
    return [f"{what} is not allowed (use {allowed})"]


def _describe(name: str, spec: dict[str, Any]) -> str:
    """Plain words for the reference's expression; the API's own when it has changed since."""
    known = rule(FALLBACK_PARAMETERS, name)
    if name in _RULE_WORDS and known and known.get("expression") == spec.get("expression"):
        return _RULE_WORDS[name]
    return f"a value matching {spec.get('expression')}"


def check_range(parameters: Any, name: str, value: int | None, os_name: str | None, *,
                option: str, unit: str = "") -> list[str]:
    """A range parameter, with its per-OS minimum or maximum."""
    spec = rule(parameters, name, os_name)
    if value is None or spec is None or spec.get("constraint") != "range":
        return []
    low, high = spec.get("min"), spec.get("max")
    if (low is None or value >= low) and (high is None or value <= high):
        return []
    suffix = f" {unit}" if unit else ""
    limited = any(isinstance(x, dict) and x.get("os_name") == os_name for x in spec.get("limits") or [])
    for_os = f" for {os_name}" if limited else ""
    if low is not None and high is not None:
        allowed = f"{low} to {high}{suffix}"
    else:
        allowed = f"at least {low}{suffix}" if low is not None else f"at most {high}{suffix}"
    return [f"{option} {value}{suffix} is out of range (allowed{for_os}: {allowed})"]


def published_versions(images: Any) -> dict[str, list[str]]:
    """os_name -> its published versions, in the image list's order."""
    found: dict[str, list[str]] = {}
    for image in images if isinstance(images, list) else []:
        if not isinstance(image, dict) or not image.get("os_name"):
            continue
        versions = found.setdefault(str(image["os_name"]), [])
        for version in image.get("versions") or []:
            if isinstance(version, dict) and version.get("published", True) and version.get("os_version"):
                versions.append(str(version["os_version"]))
    return found


def closest(wanted: str, choices: list[str]) -> str | None:
    """The likeliest intended choice: '22.04' means '22.04-lts', 'ubunto' means 'ubuntu'."""
    extended = [c for c in choices if c.startswith(wanted)]
    if extended:
        return min(extended, key=len)
    matches = difflib.get_close_matches(wanted, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


def check_os(images: Any, os_name: str, os_version: str) -> list[str]:
    """The os/version pair must be a published image of the live image list."""
    known = published_versions(images)
    if not known:
        return []  # no usable list: nothing to check against
    if os_name not in known:
        guess = closest(os_name, list(known))
        hint = f"did you mean {guess}? " if guess else ""
        return [f"--os '{os_name}' is unknown ({hint}known: {', '.join(known)})"]
    versions = known[os_name]
    if os_version in versions:
        return []
    guess = closest(os_version, versions)
    hint = f"did you mean {guess}? " if guess else ""
    listed = ", ".join(versions) or "none published"
    return [f"--os-version '{os_version}' is not available for {os_name} ({hint}available: {listed})"]


def parse_cloud_init(text: str, *, source: str) -> dict[str, Any]:
    """A YAML or JSON cloud-init file (YAML is a superset of JSON) that must be a mapping."""
    import yaml  # lazily: keeps `idcctl --help` fast

    if "*" in text or "&" in text:
        _refuse_aliases(text, source)
    try:
        doc = yaml.safe_load(text)
    except RecursionError:
        raise UsageError(f"--cloud-init {source} is nested too deeply to be cloud-init") from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"--cloud-init {source} is not valid YAML or JSON: {first}") from None
    try:
        json.dumps(doc, default=str)
    except (RecursionError, ValueError):
        raise UsageError(f"--cloud-init {source} is nested too deeply to be cloud-init") from None
    if not isinstance(doc, dict):
        raise UsageError(f"--cloud-init {source} must be a mapping of cloud-init keys such as 'runcmd: [...]'",
                         hint="any cloud-init user-data keys are taken (packages, users, write_files ...)")
    return doc


def _refuse_aliases(text: str, source: str) -> None:
    """YAML aliases (*name) can multiply a small file into gigabytes (the 'billion laughs')."""
    import yaml

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise UsageError(f"--cloud-init {source} uses YAML aliases (*name), which idcctl "
                                 "does not expand", hint="write the repeated parts out")
    except yaml.YAMLError:
        return  # safe_load reports the syntax error itself
    except RecursionError:
        raise UsageError(f"--cloud-init {source} is nested too deeply to be cloud-init") from None


def cloud_init_warnings(doc: dict[str, Any], *, username: str | None) -> list[str]:
    if "users" in doc and username:
        return ["a cloud-init 'users:' block together with --username is reported to "
                "leave the VM with no working login"]
    return []


def cloud_init_text(doc: dict[str, Any]) -> str:
    """Compact JSON, as the API's cloud_init field wants it (the 2025 reference: any keys, a YAML or
    JSON object; they override the platform's, and ``users`` overrides username and password)."""
    # default=str: YAML turns unquoted dates into date objects; send them back as written.
    return json.dumps(doc, separators=(",", ":"), default=str)


def fail_if(problems: list[str]) -> None:
    """One UsageError (exit 2) naming every problem found; nothing has been sent."""
    if problems:
        raise UsageError("; ".join(problems), hint="nothing was sent")


def check_name(parameters: Any, name: str, os_name: str | None, *, option: str = "--name") -> list[str]:
    """A VM name: present, the API's expression, and at most MAX_NAME characters (it is the host name)."""
    if not name.strip():
        return [f"{option} cannot be empty"]
    if len(name) > MAX_NAME:
        return [f"{option} is {len(name)} characters; a VM name is its host name, at most {MAX_NAME}"]
    return check_text(parameters, "name", name, os_name, option=option)


def check_vm_name(parameters: Any, name: str | None, *, option: str = "--name") -> None:
    """A new VM name (vm update, vm clone) follows the rules vm create checks: UsageError if not."""
    if name is not None:
        fail_if(check_name(parameters, name, None, option=option))
