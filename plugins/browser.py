"""Browser launch settings of the suite, layered on pytest-playwright's own fixtures.

The Chromium used is, in this order: the one ``CHROMIUM_PATH`` names; Playwright's own when it
is installed (headless, Playwright itself launches its headless shell); for a headless run, the
system's headless shell (``chromium-headless-shell``, Debian package of the same name); the
system Chromium (``chromium`` or ``chromium-browser`` on ``PATH``, or ``/usr/bin/chromium``).
``scripts/ensure-browser`` provisions them in the same order. The headless shell is the browser
Playwright itself uses for headless runs: the same engine without the full browser's user
interface. The plugin's own options (``--headed``, ``--slowmo``, ``--browser``,
``--browser-channel``) keep working because every fixture here starts from the value
pytest-playwright computed.

Remote browsers: with ``--browser-ws ws://HOST:PORT/`` (or ``PLAYWRIGHT_WS_ENDPOINT``) every
test process connects to a Playwright server (``playwright run-server``, the Playwright Docker
images, a browser grid) instead of launching a browser, through pytest-playwright's
``connect_options`` fixture. The launch arguments computed here travel
in the ``x-playwright-launch-options`` header under the protocol's own (camelCase) names; a
server started without ``--unsafe`` ignores ``args`` and ``executablePath`` and launches its
own browser, one started with ``--unsafe`` on this machine launches the Chromium chosen above.

Load it with ``pytest_plugins`` in the root ``conftest.py``: that registers it after
pytest-playwright, so its fixtures override the plugin's. A ``-p plugins.browser`` on the command
line would register it first, and pytest-playwright's fixtures would win.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Mapping
from typing import Any

import pytest
from playwright.sync_api import BrowserType

CHROMIUM_PATH_VARIABLE = "CHROMIUM_PATH"
SYSTEM_CHROMIUM_NAMES: tuple[str, ...] = ("chromium", "chromium-browser")
SYSTEM_CHROMIUM_FALLBACK = "/usr/bin/chromium"
SYSTEM_HEADLESS_SHELL_NAMES: tuple[str, ...] = ("chromium-headless-shell",)
SYSTEM_HEADLESS_SHELL_FALLBACK = "/usr/bin/chromium-headless-shell"

# What this machine needs, and nothing that changes how pages load, navigate, share processes or
# are isolated (docs/configuration.md, "Which browser"): Chromium's own background requests
# (component updates, field trials, safe-browsing lists) fail on a closed network, many at a
# time, and a first run would show its welcome page. Playwright 1.65 passes these three itself;
# they stay explicit because this machine's network needs them whatever a later Playwright does.
# Playwright's own arguments come first (--headless, --no-sandbox for root in a container…);
# tests/test_browser_launch.py checks that the launch adds nothing else to them.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)

WS_ENDPOINT_VARIABLE = "PLAYWRIGHT_WS_ENDPOINT"
LAUNCH_OPTIONS_HEADER = "x-playwright-launch-options"
# Bounds the wait for the server's handshake and its browser launch, so a wrong or dead
# endpoint fails the run within seconds instead of hanging it.
CONNECT_TIMEOUT_MS = 30_000

LOCALE = "fr-FR"
TIMEZONE_ID = "Europe/Paris"


def resolve_chromium_executable(bundled_path: str | None, headless: bool = True) -> str | None:
    """Return the Chromium to launch, or ``None`` to let Playwright launch its own.

    ``bundled_path`` is where Playwright expects its own Chromium (``BrowserType.executable_path``).
    A headless run prefers the system's headless shell to the system's full Chromium; a headed
    one (``--headed``) needs the full browser. Returns ``None`` as well when no Chromium is
    found at all, so that Playwright's own message (which says how to install one) is what the
    user reads.
    """
    configured = os.environ.get(CHROMIUM_PATH_VARIABLE, "")
    if configured:
        found = shutil.which(configured)
        if found is None:
            raise FileNotFoundError(
                f"{CHROMIUM_PATH_VARIABLE}={configured!r} is not an executable file: "
                "point it at a Chromium or Chrome executable, or unset it"
            )
        return found
    if bundled_path and shutil.which(bundled_path):
        return None
    shells = (*SYSTEM_HEADLESS_SHELL_NAMES, SYSTEM_HEADLESS_SHELL_FALLBACK) if headless else ()
    for candidate in (*shells, *SYSTEM_CHROMIUM_NAMES, SYSTEM_CHROMIUM_FALLBACK):
        found = shutil.which(candidate)
        if found is not None:
            return found
    return None


def chromium_launch_args(parent: Mapping[str, Any], bundled_path: str | None) -> dict[str, Any]:
    """Extend pytest-playwright's Chromium launch arguments with the executable and our flags.

    Existing arguments are kept and come first; an explicit ``channel`` or ``executable_path``
    (``--browser-channel``, or a test's own launch arguments) is never overridden.
    """
    launch_args = {
        **parent,
        "args": list(dict.fromkeys([*parent.get("args", ()), *CHROMIUM_ARGS])),
    }
    if "channel" in launch_args or "executable_path" in launch_args:
        return launch_args
    # Playwright launches headless unless told otherwise (pytest-playwright's `--headed`).
    executable = resolve_chromium_executable(bundled_path, bool(launch_args.get("headless", True)))
    if executable is not None:
        launch_args["executable_path"] = executable
    return launch_args


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add `--browser-ws`, next to pytest-playwright's own options."""
    parser.getgroup("playwright").addoption(
        "--browser-ws",
        default=None,
        metavar="WS_ENDPOINT",
        help="connect to the browsers of a Playwright server (playwright run-server) at this "
        f"ws:// endpoint instead of launching one (default: ${WS_ENDPOINT_VARIABLE})",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Refuse `--headed` at once, with the way out, where no display can show the browser."""
    if (
        config.getoption("headed", False)
        and sys.platform.startswith("linux")
        and browser_ws_endpoint(config) is None
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        raise pytest.UsageError(
            "--headed needs a display, and this machine has none (DISPLAY is not set): run "
            "the same command under a virtual one, e.g. `xvfb-run -a make test-rapide "
            "PYTEST_ARGS=--headed` (Debian package xvfb), or drop --headed"
        )


def browser_ws_endpoint(config: pytest.Config) -> str | None:
    """The Playwright server to connect to: `--browser-ws`, else `PLAYWRIGHT_WS_ENDPOINT`."""
    endpoint: str | None = config.getoption("browser_ws", None) or os.environ.get(
        WS_ENDPOINT_VARIABLE
    )
    return endpoint or None


def pytest_report_header(config: pytest.Config) -> str | None:
    """Say when the browsers are a Playwright server's rather than launched here."""
    endpoint = browser_ws_endpoint(config)
    return None if endpoint is None else f"browsers: Playwright server at {endpoint}"


def _camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def server_launch_options(launch_args: Mapping[str, Any]) -> dict[str, Any]:
    """Launch arguments as a Playwright server reads them from its launch-options header.

    The Python API names them in snake case (``executable_path``, ``slow_mo``); the server,
    written in TypeScript, reads the protocol's camel-case names and drops the others.
    """
    return {_camel_case(name): value for name, value in launch_args.items() if value is not None}


@pytest.fixture(scope="session")
def connect_options(
    connect_options: dict[str, Any] | None,
    browser_type_launch_args: dict[str, Any],
    pytestconfig: pytest.Config,
) -> dict[str, Any] | None:
    """pytest-playwright's connection to a Playwright server, when `--browser-ws` names one.

    Its launch-options header carries the launch arguments under the protocol's names; it
    replaces the one pytest-playwright writes with the Python names, which a server ignores.
    """
    endpoint = browser_ws_endpoint(pytestconfig)
    if endpoint is None:
        return connect_options
    return server_connect_options(endpoint, browser_type_launch_args)


def server_connect_options(endpoint: str, launch_args: Mapping[str, Any]) -> dict[str, Any]:
    """`BrowserType.connect`'s arguments for a Playwright server at `endpoint`."""
    header = json.dumps(server_launch_options(launch_args))
    return {
        "ws_endpoint": endpoint,
        "timeout": CONNECT_TIMEOUT_MS,
        "headers": {LAUNCH_OPTIONS_HEADER: header},
    }


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
    browser_type: BrowserType,
) -> dict[str, Any]:
    """pytest-playwright's launch arguments, with the Chromium of this machine."""
    if browser_type.name != "chromium":
        return browser_type_launch_args
    return chromium_launch_args(browser_type_launch_args, browser_type.executable_path)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's context arguments, in French and on Paris time."""
    return {**browser_context_args, "locale": LOCALE, "timezone_id": TIMEZONE_ID}
