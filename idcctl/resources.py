"""The one table of resource kinds: what each is called, how it is listed, where it lives.

Name resolution (`idcctl.cli.shared.resolve`), TAB name completion and its
cache (`idcctl.shell.names`, `idcctl.shell.complete`) and `--all-locations`
read `KINDS`; the "check with `idcctl X list` before retrying" hint for a
write whose answer never came (`idcctl.shell.hints`) reads `WRITE_TARGETS`,
which takes its list commands from `KINDS`. A new kind of resource is one
row in each plus its SDK module under `idcctl.api`. A kind's ``path`` is where
it is created, changed and deleted: `written` maps a write's URL to the kind
whose TAB names it changes (`idcctl.shell.freshen`, for every write of the
CLI's client, raw `idcctl api` ones included); a guard test checks it agrees
with `WRITE_TARGETS`.

Which API paths are location-scoped is `LOCATION_SCOPED`, read by the client
(`idcctl.api.client.Client.url_for`) for every request, raw `idcctl api`
ones included; a new location-scoped endpoint outside these paths is one
pattern there. A kind's ``scoped`` says the same of its list path (a guard
test checks they agree, and that the contract's *L* rows are exactly the
scoped paths).

No imports at all: TAB reads it before anything else has loaded.
"""

from __future__ import annotations


_SLUG_FIRST = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_SLUG_CHARS = _SLUG_FIRST | {"_", "-"}


def is_slug(text: object) -> bool:
    """Whether `text` is shaped like a location slug (``bus02``): safe as a URL path segment.

    Plain set membership, no regular expression: this module imports nothing.
    """
    return isinstance(text, str) and text[:1] in _SLUG_FIRST and all(c in _SLUG_CHARS for c in text)


class Kind:
    """One kind of resource (a plain class: TAB imports this before anything else)."""

    __slots__ = ("key", "noun", "sdk", "lister", "name_field", "scoped", "list_command",
                 "id_field", "getter", "params", "path", "others")

    def __init__(self, key: str, noun: str, sdk: str, lister: str, name_field: str | None,
                 scoped: bool, list_command: str, *, id_field: str = "uuid",
                 getter: str | None = "get", params: tuple[str, ...] = (), path: str | None = None,
                 others: dict[str, str | None] | None = None) -> None:
        self.key = key
        self.noun = noun  # in messages: "no VM named 'x'"
        self.sdk = sdk  # the module under idcctl.api that lists (and gets) them
        self.lister = lister  # its function listing them: lister(client) -> list
        self.name_field = name_field  # the field holding a name; None: known by id only
        self.scoped = scoped  # per location (requests go to /v1/SLUG/...)
        self.list_command = list_command  # the command that lists them
        self.id_field = id_field
        self.getter = getter  # its function getting one by id: getter(client, id), or None
        self.params = params  # command-line parameters that take one (TAB offers names there)
        self.path = path  # where they are written (after /v1): the collection, one by one below it
        # Segments below `path` whose writes are of another kind (its key) or of none that TAB
        # names (None): a VM's snapshots and disks are written below the VM's path.
        self.others = others or {}

    @property
    def plural(self) -> str:
        return self.noun + "s"

    @property
    def ref_field(self) -> str:
        """What an operator types for one: its name, or its id when it has no name."""
        return self.name_field or self.id_field

    def __repr__(self) -> str:
        return f"Kind({self.key!r})"


KINDS: dict[str, Kind] = {kind.key: kind for kind in (
    Kind("vm", "VM", "vms", "list", "name", True, "idcctl vm list", params=("vm", "source_vm"),
         path="/user-resource/vm", others={"replica": None, "storage": "disk"}),
    Kind("disk", "disk", "block_storage", "list", "display_name", True, "idcctl disk list",
         params=("disk", "boot_disk"), path="/storage/disks"),
    Kind("network", "network", "networks", "list", "name", True, "idcctl net list",
         params=("net", "network"), path="/network/network"),
    Kind("ip", "floating IP", "ips", "list", None, True, "idcctl ip list", id_field="address",
         path="/network/ip_addresses"),
    Kind("lb", "load balancer", "load_balancers", "list", "display_name", True, "idcctl lb list",
         params=("lb",), path="/network/load_balancers"),
    Kind("service", "service", "services", "list", "display_name", False, "idcctl service list",
         params=("svc",), path="/user-resource/service/package"),
    Kind("bucket", "bucket", "object_storage", "list", "name", False, "idcctl bucket list",
         id_field="name", params=("bucket",), path="/storage/bucket"),
    Kind("pool", "pool", "vms", "list_pools", "name", True, "idcctl vm pool list", getter=None),
    Kind("location", "location", "account", "list_locations", "slug", False, "idcctl location list",
         id_field="slug", getter=None),
    Kind("image", "image", "vms", "list_images", "os_name", False, "idcctl image list",
         id_field="os_name", getter=None),
    Kind("boot_image", "boot image", "vms", "list_boot_images", "image_name", False, "idcctl image boot-list",
         getter=None, params=("boot_image",)),
    # No get-one endpoint: a firewall is found in the list. The list example names it `name`,
    # create and update answer `display_name` (the CLI reads both; TAB offers display_name).
    Kind("firewall", "firewall", "firewalls", "list", "display_name", True, "idcctl firewall list",
         getter=None, params=("fw",), path="/network/firewalls"),
    Kind("ssh_key", "SSH key", "ssh_keys", "list", "name", False, "idcctl ssh-key list", getter=None,
         params=("ssh_key",), path="/user-resource/ssh_keys"),
)}

# API paths (after /v1) that are location-scoped: with a location, a request to a path that
# begins with one of these goes to /v1/SLUG/...; every other path is the same in every
# location. `*` stands for one path segment. From the 2025 reference's #location-specific
# tags: VMs and everything on them, pools, billing resources, disks, private networks,
# floating IPs, load balancers, firewalls and service whitelists (not the service packages).
LOCATION_SCOPED: tuple[str, ...] = (
    "/user-resource/vm",
    "/user-resource/host_pool",
    "/user-resource/billing_resources",
    "/user-resource/resource_billing",
    "/user-resource/service/package/*/whitelist_addresses",
    "/storage/disks",
    "/network/network",
    "/network/networks",
    "/network/ip_addresses",
    "/network/load_balancers",
    "/network/firewalls",
)
_SCOPED_SEGMENTS = tuple(tuple(p.strip("/").split("/")) for p in LOCATION_SCOPED)


def location_scoped(path: str) -> bool:
    """Whether an API path (after ``/v1``, e.g. ``/storage/disks/UUID``) is location-scoped.

    A path that already names a location (``/bus02/storage/disks``) matches no
    pattern, so it is left as it is.
    """
    segments = path.split("?", 1)[0].strip("/").split("/")
    return any(len(segments) >= len(pattern)
               and all(want in ("*", got) for want, got in zip(pattern, segments))
               for pattern in _SCOPED_SEGMENTS)


def written(path: str) -> tuple[Kind, str | None, str | None, bool] | None:
    """What a write to the URL path `path` (``/v1/[SLUG/]...``) changes, as (kind, item, location, whole).

    ``item`` is the one path segment below the kind's ``path`` (an id, or a
    VM action such as ``start``), None for the collection itself (a create,
    or a change naming its item in the body); ``location`` is the slug the
    path names, None when it names none. ``whole`` is True for a write of
    the kind made below another kind's item (`Kind.others`: `vm disk add`
    writes a disk below the VM), whose answer and fields are not that kind's:
    its names as a whole are what changed. A path further below (a load
    balancer's targets, a firewall's VMs) or of no kind is None: it changes
    no names.
    """
    segments = path.split("?", 1)[0].strip("/").split("/")
    if segments[:1] != ["v1"]:
        return None
    bare, location = "/" + "/".join(segments[1:]), None
    if len(segments) > 2 and is_slug(segments[1]) and not location_scoped(bare) \
            and location_scoped("/" + "/".join(segments[2:])):
        bare, location = "/" + "/".join(segments[2:]), segments[1]
    for kind in KINDS.values():
        if kind.path and (bare == kind.path or bare.startswith(kind.path + "/")):
            rest = bare[len(kind.path) + 1:]
            if rest in kind.others:
                other = kind.others[rest]
                return (KINDS[other], None, location, True) if other else None
            return (kind, rest or None, location, False) if "/" not in rest else None
    return None


# Command-line parameter name -> the kind it takes (for TAB).
BY_PARAM: dict[str, str] = {param: kind.key for kind in KINDS.values() for param in kind.params}


def _listed(key: str) -> tuple[str, str]:
    return KINDS[key].noun, KINDS[key].list_command


# What a write to an API path changes, and the command that shows whether it happened.
# Matched against the request's path without /v1 and the location; the first row whose
# fragment the path contains wins, so a sub-resource stands before what it belongs to.
# By path rather than by SDK function so that raw `idcctl api` writes get the hint too.
WRITE_TARGETS: tuple[tuple[str, str, str], ...] = (
    ("/user-resource/vm/storage/", "disk attachment", "idcctl vm show VM"),
    ("/user-resource/vm/storage", "VM disk", "idcctl vm show VM"),
    ("/user-resource/vm/clone", "VM clone", KINDS["vm"].list_command),
    ("/user-resource/vm/replica", "snapshot", "idcctl vm snapshot list VM"),
    ("/user-resource/vm/ip/public", "public IP", "idcctl vm show VM"),
    ("/user-resource/vm/", "VM", "idcctl vm show VM"),
    ("/user-resource/vm", *_listed("vm")),
    ("/user-resource/token", "token", "idcctl token list"),
    ("/user-resource/ssh_keys", *_listed("ssh_key")),
    ("/user-resource/user", "profile", "idcctl user show"),
    ("/user-resource/service/", *_listed("service")),
    ("/user-resource/resource_billing", "billing assignment", "idcctl billing account resources ACCT"),
    ("/storage/disks", *_listed("disk")),
    ("/storage/user/keys", "bucket key", "idcctl bucket key list"),
    ("/storage/bucket", *_listed("bucket")),
    ("/network/network", *_listed("network")),
    ("/network/ip_addresses", "IP address", KINDS["ip"].list_command),  # "floating IP" in names
    ("/network/load_balancers", *_listed("lb")),
    ("/network/firewalls/", "firewall", "idcctl firewall show FW"),  # its rules or VMs
    ("/network/firewalls", *_listed("firewall")),
    ("/payment/", "payment or billing change", "idcctl billing account list"),
)
