"""The value checks of idcctl.values against the config's settings."""

from __future__ import annotations


def test_the_value_checks_know_every_setting():
    from idcctl.config import SETTINGS
    from idcctl.values import SETTING_NAMES

    assert tuple(SETTINGS) == SETTING_NAMES
