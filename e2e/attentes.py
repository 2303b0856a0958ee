"""Assertions the browser tests share, written with Playwright's web-first `expect`."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect


def expect_erreur_de_champ(champ: Locator, message: str) -> None:
    """A field is marked invalid and its error message is tied to it (`aria-describedby`)."""
    expect(champ).to_have_attribute("aria-invalid", "true")
    expect(champ).to_have_accessible_description(re.compile(re.escape(message)))
