"""One browser page per test process, reset before each browser test that uses it.

pytest-playwright opens a browser context and a page for every test. Opening them, and the first
navigation of a context that has nothing yet (a renderer process to start, the mock's stylesheet
and script to fetch and compile, Playwright's own script to inject), take about a quarter of a
short browser test's processor time (``bench/RESULTS.md``, "Fourth round"). Here the ``context``
and ``page`` fixtures hand every browser test of a test process the same context and page,
reset to what the mock can tell from new ones:

- no cookie (so no session: the mock knows the test only by what the test sets up), no granted
  permission, no route, no other tab, the context's own viewport, the web storage of the page's
  origin cleared;
- the mouse pointer moved off the page, so that it hovers nothing on the next screen;
- the page emptied (no element left) but not navigated: a navigation to ``about:blank`` cost as
  much processor as a screen of the mock (about 45 ms a test). Until the test opens its first
  screen, the page keeps the previous test's address with an empty document (so a first
  ``goto`` to that address plus a ``#fragment`` would not load it again). A navigation the
  previous test started is stopped if it has not begun loading; one already loading cannot be
  stopped by the page before it ends: the context is then thrown away, with whatever cookie the
  navigation brought. The mock's pages start nothing by themselves (no timer, no request after
  they load), which this reset relies on: a page that did would need the navigation back;
- the HTTP cache is kept: the mock's static files are versioned by their content
  (``mock_site/statiques.py``), so a cached file is the file the mock serves.

What that reset cannot undo is never inherited: a test that adds an init script, exposes a
function, emulates a media, sets extra HTTP headers, a geolocation, the offline mode, a default
timeout, listens to a page or context event, drives the clock, or closes the page or the
context, has the context thrown away after it. So has a test that failed, its pages left to the
report as the failure left them (``plugins.reporting.artifacts``). The next test gets a new
context.

A test gets a context of its own, opened and closed by pytest-playwright as usual, when:

- it is marked ``@pytest.mark.contexte_neuf`` (it must start from a browser that has seen
  nothing, an empty HTTP cache included) or ``@pytest.mark.browser_context_args(...)``;
- pytest-playwright keeps files per context: ``--tracing``, ``--video`` or ``--screenshot`` other
  than ``off``, or ``--playwright-debug``;
- the run asks for it: ``--context-per-test`` (for instance to rule the sharing out when a
  failure looks like one test leaking into another).

Load it with ``pytest_plugins`` in the root ``conftest.py``, after ``plugins.reporting.artifacts``
whose ``new_context`` the fallback uses.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Page
from pytest_playwright.pytest_playwright import CreateContextCallback

from plugins.reporting.artifacts import artefacts_du_test, echec_jusqu_ici
from plugins.reporting.titles import plomberie

OPTION = "--context-per-test"
MARKER = "contexte_neuf"
# Run in the page before each loan: stop a navigation the previous test started but that has
# not begun loading yet (it would bring its cookies after the reset), clear the origin's web
# storage (an opaque origin has none to clear) and leave no element a test could find by mistake.
RESET_SCRIPT = """() => {
    window.stop();
    try { localStorage.clear(); sessionStorage.clear(); } catch (opaqueOrigin) {}
    document.documentElement?.replaceChildren();
}"""
# Where the reset leaves the mouse pointer: outside the viewport, so that it hovers nothing.
POINTER_OUTSIDE = (-1, -1)

# Methods whose effect the reset cannot undo: a test calling one of them has its context thrown
# away after it. Routes, cookies, permissions, the viewport and other tabs are reset instead.
SETTERS: tuple[str, ...] = (  # of pages and contexts alike
    "add_init_script",
    "close",
    "expose_binding",
    "expose_function",
    "on",
    "once",
    "route_from_har",
    "route_web_socket",
    "set_default_navigation_timeout",
    "set_default_timeout",
    "set_extra_http_headers",
)
PAGE_SETTERS: tuple[str, ...] = (*SETTERS, "add_locator_handler", "emulate_media")
CONTEXT_SETTERS: tuple[str, ...] = (*SETTERS, "set_geolocation", "set_offline")
CLOCK_METHODS: tuple[str, ...] = (
    "fast_forward",
    "install",
    "pause_at",
    "resume",
    "run_for",
    "set_fixed_time",
    "set_system_time",
)
# pytest-playwright's options that keep files per context, with the value that keeps none.
PER_CONTEXT_OPTIONS: dict[str, str] = {"tracing": "off", "video": "off", "screenshot": "off"}


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add `--context-per-test`, next to pytest-playwright's options."""
    parser.getgroup("playwright").addoption(
        OPTION,
        action="store_true",
        default=False,
        help="give each browser test a new browser context and page, as pytest-playwright does, "
        "instead of the test process's page reset between tests",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker of the tests that need a context of their own."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}: the test gets a new browser context and page, not the process's shared "
        "page (it must start from a browser that has seen nothing)",
    )


def may_share(item: pytest.Item) -> bool:
    """Whether this test may use the process's page rather than a context of its own."""
    config = item.config
    if config.getoption("context_per_test", False):
        return False
    if config.getoption("playwright_debug", None):
        return False
    for option, off in PER_CONTEXT_OPTIONS.items():
        if config.getoption(option, off) != off:
            return False
    return not any(item.iter_markers(MARKER)) and not any(item.iter_markers("browser_context_args"))


class SharedPage:
    """A browser context and its first page, lent to one test at a time."""

    def __init__(self, browser: Browser, context_args: dict[str, Any]) -> None:
        self.browser = browser
        self.context_args = context_args
        self.context: BrowserContext | None = None
        self.page: Page | None = None
        self.viewport: Any = None
        self.dirty = False
        self._watched: list[tuple[object, str]] = []

    def lend(self) -> tuple[BrowserContext, Page]:
        """The context and page, reset, or new ones if the reset cannot be trusted."""
        if self.context is None or self.page is None or self.page.is_closed():
            self.discard()
            self._open()
        else:
            try:
                self._reset(self.context, self.page)
            except Error:
                self.discard()
                self._open()
        assert self.context is not None
        assert self.page is not None
        self.dirty = False
        return self.context, self.page

    def give_back(self, keep: bool) -> None:
        """End the loan; the context is thrown away unless `keep` and nothing dirtied it."""
        for owner, name in self._watched:
            vars(owner).pop(name, None)
        self._watched.clear()
        if not keep or self.dirty:
            self.discard()

    def discard(self) -> None:
        """Close the context (a closed or crashed one included) and forget it."""
        context, self.context, self.page = self.context, None, None
        if context is not None:
            with contextlib.suppress(Error):
                context.close()

    def _open(self) -> None:
        self.context = self.browser.new_context(**self.context_args)
        self.page = self.context.new_page()
        self.viewport = self.page.viewport_size

    def _reset(self, context: BrowserContext, page: Page) -> None:
        for other in context.pages:
            if other is not page:
                other.close()
        page.evaluate(RESET_SCRIPT)
        # Off the page: a pointer left where the previous test hovered would hover the same
        # place of the next test's first screen (a navigation to about:blank used to drop it).
        page.mouse.move(*POINTER_OUTSIDE)
        page.unroute_all(behavior="ignoreErrors")
        context.unroute_all(behavior="ignoreErrors")
        context.clear_cookies()
        context.clear_permissions()
        if page.viewport_size != self.viewport and self.viewport is not None:
            page.set_viewport_size(self.viewport)

    def watch(self) -> None:
        """From now on, have the methods whose effect the reset cannot undo mark the context
        dirty (the report's own listeners are subscribed before)."""
        context, page = self.context, self.page
        assert context is not None
        assert page is not None
        for owner, names in (
            (page, PAGE_SETTERS),
            (context, CONTEXT_SETTERS),
            (context.clock, CLOCK_METHODS),
        ):
            for name in names:
                setattr(owner, name, self._dirtying(getattr(owner, name)))
                self._watched.append((owner, name))

    def _dirtying(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.dirty = True
            return method(*args, **kwargs)

        return call


@pytest.fixture(scope="session")
@plomberie
def shared_page(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[SharedPage]:
    """The test process's page, lent to the browser tests that may share it."""
    shared = SharedPage(browser, browser_context_args)
    yield shared
    shared.discard()


@pytest.fixture
@plomberie
def context(
    new_context: CreateContextCallback,
    shared_page: SharedPage,
    request: pytest.FixtureRequest,
) -> Iterator[BrowserContext]:
    """The process's context, reset; or a new one (`may_share`), as pytest-playwright."""
    item = request.node
    if not may_share(item):
        yield new_context()
        return
    lent, page = shared_page.lend()
    recorder = artefacts_du_test(item)
    followed = False
    try:
        if recorder is not None:
            recorder.suivre(lent, pages=[page])
            followed = True
        shared_page.watch()
        yield lent
    finally:
        if followed and recorder is not None:
            recorder.rendre(lent)
        shared_page.give_back(keep=not echec_jusqu_ici(item))


@pytest.fixture
@plomberie
def page(context: BrowserContext, shared_page: SharedPage) -> Page:
    """The process's page when the context is the shared one, else a new page in it."""
    if context is shared_page.context and shared_page.page is not None:
        return shared_page.page
    return context.new_page()
