"""Every `ssh-key` row of the contract against the sandbox, and `vm create` taking stored and given keys."""

from __future__ import annotations

import pytest

from tests.cli.conftest import ECDSA_KEY, ED25519_KEY


def test_ssh_key_rows(sb, tmp_path):
    public = tmp_path / "key.pub"
    public.write_text(ED25519_KEY + "\n")
    made = sb("ssh-key", "create", "--name", "laptop", "--public-key", f"@{public}")
    assert (made["name"], made["public_key"]) == ("laptop", ED25519_KEY)
    assert "laptop" in [k["name"] for k in sb("ssh-key", "list")]
    with pytest.raises(AssertionError, match="an SSH key named 'laptop' already exists"):
        sb("ssh-key", "create", "--name", "laptop", "--public-key", ECDSA_KEY)
    assert sb("ssh-key", "rename", "laptop", "work-laptop")["name"] == "work-laptop"
    assert sb("ssh-key", "delete", "work-laptop", "--yes") is None
    assert "work-laptop" not in [k["name"] for k in sb("ssh-key", "list")]


def test_vm_create_with_stored_and_given_keys_and_an_empty_disk_vm(sb, raw):
    sb("ssh-key", "create", "--name", "ci", "--public-key", ECDSA_KEY)
    vm = sb("vm", "create", "--name", "keyed-1", "--os", "ubuntu", "--os-version", "22.04-lts", "--disk-size", "20",
            "--vcpu", "1", "--ram", "1024", "--username", "ops", "--password-stdin", "--ssh-key", "ci",
            "--public-key", ED25519_KEY, input="Secret123\n")
    assert vm["name"] == "keyed-1"
    empty = raw("vm", "create", "--name", "iso-1", "--disk-size", "20", "--vcpu", "1", "--ram", "1024", "-o", "json")
    assert empty.exit_code == 0, empty.stderr
    assert (empty.json()["os_name"], empty.json()["os_version"]) == ("_custom", "_")
    assert "'idcctl vm boot-iso iso-1 --image IMAGE'" in empty.stderr
