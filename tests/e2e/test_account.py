"""End to end: account commands, login, profiles and config with the installed `idcctl` against the sandbox."""

from __future__ import annotations

import json
import os

from tests.e2e.conftest import KEY, run


def test_account_commands_against_the_sandbox(env, sandbox):
    user = run(env, "user", "show", "-o", "json")
    assert user.returncode == 0, user.stderr
    assert json.loads(user.stdout)["name"] == "user@example.com"

    created = run(env, "token", "create", "--description", "e2e", "-o", "json")
    assert created.returncode == 0, created.stderr
    token = json.loads(created.stdout)
    assert token["description"] == "e2e"

    listed = run(env, "token", "list", "-o", "json")
    assert token["id"] in [t["id"] for t in json.loads(listed.stdout)]
    table = run(env, "token", "list")
    assert "e2e" in table.stdout and token["token"] not in table.stdout  # masked in tables

    refused = run(env, "token", "delete", str(token["id"]))
    assert refused.returncode == 2 and "--yes" in refused.stderr
    deleted = run(env, "token", "delete", str(token["id"]), "--yes")
    assert deleted.returncode == 0, deleted.stderr
    after = json.loads(run(env, "-o", "json", "token", "list").stdout)
    assert token["id"] not in [t["id"] for t in after]

    slugs = run(env, "location", "list", "-q")
    assert slugs.stdout.split() == ["cyc01", "bus02"]


def test_login_profiles_and_config_against_the_sandbox(env, sandbox):
    login = run(env, "auth", "login", "-p", "e2e", "--api-url", f"http://127.0.0.1:{sandbox}",
                "--api-key-stdin", input=KEY + "\n")
    assert login.returncode == 0, login.stderr
    assert KEY not in login.stdout + login.stderr
    assert run(env, "config", "set", "api_url", f"http://127.0.0.1:{sandbox}", "-p", "e2e").returncode == 0
    shown = run(env, "-p", "e2e", "user", "show", "-o", "json", "--debug")
    assert shown.returncode == 0, shown.stderr
    assert KEY not in shown.stdout + shown.stderr and "apikey: ***" in shown.stderr
    profiles = run(env, "profile", "list", "-o", "json")
    assert KEY not in profiles.stdout
    assert {p["name"] for p in json.loads(profiles.stdout)} >= {"sandbox", "e2e"}
    mode = os.stat(env["IDCCTL_CONFIG"]).st_mode & 0o777
    assert mode == 0o600
