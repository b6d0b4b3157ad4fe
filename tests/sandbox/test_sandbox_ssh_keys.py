"""SSH keys in the sandbox: account-wide, unique names (409), 201 on create, 204 on delete."""

from __future__ import annotations

KEYS = "/v1/user-resource/ssh_keys"
PUBLIC = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmK1n1r0TO9m5DzUoI0YpMbYwHfBfnyxQ5cqi3Xyq8N ops@laptop"


def test_seed_create_rename_delete(api):
    assert [k["name"] for k in api.get(KEYS).json()] == ["laptop-mbp", "office-desktop"]
    made = api.post(KEYS, json={"name": "laptop", "public_key": PUBLIC})
    assert made.status_code == 201
    key = made.json()
    assert (key["name"], key["public_key"]) == ("laptop", PUBLIC) and key["created_at"].endswith("Z")
    assert api.get("/v1/bus02/user-resource/ssh_keys").json()[-1]["uuid"] == key["uuid"]  # one list for every location
    renamed = api.patch(f"{KEYS}/{key['uuid']}", json={"name": "work-laptop"}).json()
    assert (renamed["name"], renamed["public_key"]) == ("work-laptop", PUBLIC)
    assert api.patch(f"{KEYS}/{key['uuid']}", json={"name": "work-laptop"}).status_code == 200  # its own name
    deleted = api.delete(f"{KEYS}/{key['uuid']}")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert api.delete(f"{KEYS}/{key['uuid']}").status_code == 400


def test_names_are_unique(api):
    taken = api.post(KEYS, json={"name": "laptop-mbp", "public_key": PUBLIC})
    assert taken.status_code == 409 and "laptop-mbp" in taken.json()["message"]
    made = api.post(KEYS, json={"name": "spare", "public_key": PUBLIC}).json()
    clash = api.patch(f"{KEYS}/{made['uuid']}", json={"name": "office-desktop"})
    assert clash.status_code == 409
    assert [k["name"] for k in api.get(KEYS).json()] == ["laptop-mbp", "office-desktop", "spare"]


def test_name_and_key_are_required(api):
    assert set(api.post(KEYS, json={}).json()["errors"]) == {"name"}
    assert set(api.post(KEYS, json={"name": "x", "public_key": " "}).json()["errors"]) == {"public_key"}
