"""The page as it is before the mock's script runs, for tests of what a fast user meets.

The mock's script (`static/js/ameli.js`) is deferred: the browser shows the page and accepts
input before it runs. `script_retenu` holds that script's response until the test releases it,
so that a test can type or click in exactly that window, every time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from playwright.sync_api import Page, Route

SCRIPT = "/static/js/ameli.js"


def _est_le_script(url: str) -> bool:
    """The script's requests, whatever its version (`?v=`, `mock_site/statiques.py`)."""
    return urlsplit(url).path.endswith(SCRIPT)


@contextmanager
def script_retenu(page: Page, chemin: str) -> Iterator[Callable[[], None]]:
    """Open `chemin` with the mock's script held; the yielded function lets it run.

    The page is there to read and type in (its HTML is parsed), not yet enhanced by its script.
    The script is also let go on exit.
    """
    retenues: list[Route] = []

    def retenir(route: Route) -> None:
        retenues.append(route)

    def liberer() -> None:
        while retenues:
            retenues.pop().continue_()
        # A request not yet handed to `retenir` goes on by itself once the route is removed.
        page.unroute(_est_le_script, retenir)

    page.route(_est_le_script, retenir)
    try:
        page.goto(chemin, wait_until="commit")
        yield liberer
    finally:
        liberer()
