"""Generated documentation stays in step with the command tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_man_page_is_current():
    proc = subprocess.run([sys.executable, str(ROOT / "man" / "make_manpage.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, "man/idcctl.1 is stale: run python man/make_manpage.py"


def test_man_page_lists_every_group():
    page = (ROOT / "man" / "idcctl.1").read_text()
    for group in ("vm", "image", "user", "token", "location", "auth", "profile", "config", "sandbox", "api"):
        assert f".B idcctl {group}" in page


def test_readme_starts_with_the_two_set_up_commands():
    lines = (ROOT / "README.md").read_text().splitlines()
    block = lines[lines.index("```sh") + 1: lines.index("```")]
    assert len(block) == 2
    assert "sandbox serve" in block[0] and "pytest" in block[1]
