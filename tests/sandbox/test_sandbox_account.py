"""User, token, location-independent catalogue endpoints."""

from __future__ import annotations

from tests.sandbox.conftest import form_delete


def test_user_profile_update_changes_state(api):
    answer = api.patch("/v1/user-resource/user/profile",
                       data={"first_name": "Ada", "phone_number": "+98765"})
    assert answer.status_code == 200
    assert answer.json()["first_name"] == "Ada"
    assert answer.json()["last_name"] == "Iaas"  # untouched fields stay
    assert "profile_data" not in answer.json()  # the answer is profile_data itself
    user = api.get("/v1/user-resource/user").json()
    assert user["profile_data"]["first_name"] == "Ada"
    assert user["profile_data"]["phone_number"] == "+98765"


def test_token_list_is_seeded_from_reference(api):
    tokens = api.get("/v1/user-resource/token/list").json()
    assert [(t["id"], t["restricted"]) for t in tokens] == [(2, False), (7, True)]


def test_token_create_returns_whole_list(api):
    answer = api.post("/v1/user-resource/token",
                      data={"description": "ci", "restricted": "True", "billing_account_id": "6"})
    assert answer.status_code == 200
    tokens = answer.json()
    assert len(tokens) == 3
    new = tokens[-1]
    assert new["description"] == "ci" and new["restricted"] is True
    assert new["billing_account_id"] == 6 and new["id"] == 8
    assert len(new["token"]) == 32 and new["token"].isalnum()
    assert api.get("/v1/user-resource/token/list").json() == tokens


def test_token_update_restricted_quirk(api):
    # Any value, even "false", makes the token restricted ...
    answer = api.patch("/v1/user-resource/token",
                       data={"token_id": "2", "restricted": "false", "description": "renamed"})
    assert answer.status_code == 200
    assert answer.json()["restricted"] is True
    assert answer.json()["description"] == "renamed"
    # ... and leaving the field out is the only way to unrestrict.
    answer = api.patch("/v1/user-resource/token", data={"token_id": "7"})
    assert answer.json()["restricted"] is False
    assert answer.json()["description"] == "Token Description"
    listed = {t["id"]: t for t in api.get("/v1/user-resource/token/list").json()}
    assert listed[2]["restricted"] is True and listed[7]["restricted"] is False


def test_token_update_unknown_id(api):
    answer = api.patch("/v1/user-resource/token", data={"token_id": "999"})
    assert answer.status_code == 400
    assert answer.json() == {"errors": {"Error": "Failed to update token."}}


def test_token_delete(api):
    assert form_delete(api, "/v1/user-resource/token", {"token_id": "2"}).json() == {"success": True}
    assert [t["id"] for t in api.get("/v1/user-resource/token/list").json()] == [7]
    again = form_delete(api, "/v1/user-resource/token", {"token_id": "2"})
    assert again.status_code == 400
    assert again.json() == {"errors": {"Error": "Failed to delete kong token."}}


def test_token_delete_requires_token_id(api):
    answer = form_delete(api, "/v1/user-resource/token", {})
    assert answer.status_code == 400
    assert "token_id" in answer.json()["errors"]


def test_vm_parameters_and_pools_match_reference(api):
    params = api.get("/v1/api/parameters/vm").json()
    assert [p["parameter"] for p in params] == [
        "disks", "name", "os_name", "os_version", "password", "ram", "username", "vcpu"]
    pools = api.get("/v1/user-resource/host_pool/list").json()
    assert [(p["name"], p["is_default_designated"]) for p in pools] == [
        ("General", True), ("Performance", False)]


def test_image_lists(api):
    images = {i["os_name"]: i for i in api.get("/v1/config/vm_images").json()}
    assert set(images) == {"almalinux", "centos", "ubuntu", "debian"}
    assert [v["os_version"] for v in images["ubuntu"]["versions"]] == [
        "20.04-lts", "22.04-lts", "24.04-lts"]
    plain = [i["os_name"] for i in api.get("/v1/config/vm_images/plain_os").json()]
    catalog = [i["os_name"] for i in api.get("/v1/config/vm_images/app_catalog").json()]
    assert plain == ["almalinux", "ubuntu", "debian"]
    assert catalog == ["centos"]
