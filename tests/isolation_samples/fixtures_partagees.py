"""`context` and `page` fixtures that the two runs of each pair of `tests/test_isolation.py`
share (`contexte_partage`): its second run gets the context its first one left."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page


@pytest.fixture(scope="session")
def contextes_partages(browser: Browser) -> Iterator[dict[str, BrowserContext]]:
    """One context per pair, kept from its first run to its second."""
    contextes: dict[str, BrowserContext] = {}
    yield contextes
    for contexte in contextes.values():
        contexte.close()


@pytest.fixture
def context(
    contextes_partages: dict[str, BrowserContext],
    browser: Browser,
    browser_context_args: dict[str, Any],
    request: pytest.FixtureRequest,
) -> BrowserContext:
    """The pair's context: new for its first run, as that run left it for its second."""
    paire = re.sub(r"-?(premier|second)", "", request.node.name)
    if paire not in contextes_partages:
        contextes_partages[paire] = browser.new_context(**browser_context_args)
    return contextes_partages[paire]


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """The pair's first page, as its first run left it."""
    return context.pages[0] if context.pages else context.new_page()
