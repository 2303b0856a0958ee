"""Browser launch settings of the suite, layered on pytest-playwright's own fixtures.

The Chromium used is, in this order: the one ``CHROMIUM_PATH`` names; Playwright's own when it
is installed (headless, Playwright itself launches its headless shell); for a headless run, the
system's headless shell (``chromium-headless-shell``, Debian package of the same name); the
system Chromium (``chromium`` or ``chromium-browser`` on ``PATH``, or ``/usr/bin/chromium``).
``scripts/ensure-browser`` provisions them in the same order. The headless shell is the browser
Playwright uses for headless runs: without the full browser's user interface and GPU process,
it opens a context and runs an action about twice as fast as ``chromium --headless``
(``bench/RESULTS.md``, "Where a browser test's time goes"). The
plugin's own options (``--headed``, ``--slowmo``, ``--browser``, ``--browser-channel``) keep
working because every fixture here starts from the value pytest-playwright computed.

Remote browsers: with ``--browser-ws ws://HOST:PORT/`` (or ``PLAYWRIGHT_WS_ENDPOINT``) every
test process connects to a Playwright server (``playwright run-server``, the Playwright Docker
images, a browser grid) instead of launching a browser. The launch arguments computed here travel
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
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserType

CHROMIUM_PATH_VARIABLE = "CHROMIUM_PATH"
SYSTEM_CHROMIUM_NAMES: tuple[str, ...] = ("chromium", "chromium-browser")
SYSTEM_CHROMIUM_FALLBACK = "/usr/bin/chromium"
SYSTEM_HEADLESS_SHELL_NAMES: tuple[str, ...] = ("chromium-headless-shell",)
SYSTEM_HEADLESS_SHELL_FALLBACK = "/usr/bin/chromium-headless-shell"

# Keep the browser from calling Google's services on its own, so that no request leaves the
# machine and no background download competes with the page under test.
QUIET_CHROMIUM_ARGS: tuple[str, ...] = (
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
# A test process drives one page at a time: one renderer process serves it, and Chromium stops
# starting a spare renderer for the next page as well. The browser tests then take about 10 %
# less processor time (bench/RESULTS.md, "Third round"). A limit, not a rule: Chromium still
# opens another process where a page needs one.
LEAN_CHROMIUM_ARGS: tuple[str, ...] = ("--renderer-process-limit=1",)

DISABLE_FEATURES = "--disable-features="
# The features Playwright (1.65) disables itself. Chromium reads only the last --disable-features
# of its command line, after Playwright's own, so a list of ours must carry Playwright's as well:
# tests/test_browser_resolution.py reads a launched browser's command line and fails, naming
# them, when a new Playwright disables features this list lacks.
PLAYWRIGHT_DISABLED_FEATURES: tuple[str, ...] = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
)
# RenderDocument builds a new frame, in the browser and in the renderer, for every navigation,
# instead of loading a same-site page into the frame already there (Chromium's behaviour before
# it). Without it a navigation takes about a quarter less processor time and the browser tests
# about 5 % less (bench/RESULTS.md, "Fourth round"); pages behave the same.
LEAN_DISABLED_FEATURES: tuple[str, ...] = ("RenderDocument",)
CHROMIUM_ARGS: tuple[str, ...] = (
    *QUIET_CHROMIUM_ARGS,
    *LEAN_CHROMIUM_ARGS,
    DISABLE_FEATURES + ",".join((*PLAYWRIGHT_DISABLED_FEATURES, *LEAN_DISABLED_FEATURES)),
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


def merge_disabled_features(args: list[str]) -> list[str]:
    """The arguments without duplicates, their --disable-features merged into the last one (where
    Chromium reads them), so that a --disable-features given by the user keeps ours and ours
    keeps the user's."""
    unique = list(dict.fromkeys(args))
    features = [
        feature
        for arg in unique
        if arg.startswith(DISABLE_FEATURES)
        for feature in arg.removeprefix(DISABLE_FEATURES).split(",")
        if feature
    ]
    merged = [arg for arg in unique if not arg.startswith(DISABLE_FEATURES)]
    if features:
        merged.append(DISABLE_FEATURES + ",".join(dict.fromkeys(features)))
    return merged


def chromium_launch_args(parent: Mapping[str, Any], bundled_path: str | None) -> dict[str, Any]:
    """Extend pytest-playwright's Chromium launch arguments with the executable and our flags.

    Existing arguments are kept and come first; an explicit ``channel`` or ``executable_path``
    (``--browser-channel``, or a test's own launch arguments) is never overridden.
    """
    launch_args = {
        **parent,
        "args": merge_disabled_features([*parent.get("args", ()), *CHROMIUM_ARGS]),
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
def launch_browser(
    launch_browser: Callable[..., Browser],
    browser_type_launch_args: dict[str, Any],
    browser_type: BrowserType,
    pytestconfig: pytest.Config,
) -> Callable[..., Browser]:
    """pytest-playwright's launcher, or a connection to the Playwright server of `--browser-ws`."""
    endpoint = browser_ws_endpoint(pytestconfig)
    if endpoint is None:
        return launch_browser

    def connect(**kwargs: Any) -> Browser:
        options = server_launch_options({**browser_type_launch_args, **kwargs})
        return browser_type.connect(
            endpoint,
            timeout=CONNECT_TIMEOUT_MS,
            headers={LAUNCH_OPTIONS_HEADER: json.dumps(options)},
        )

    return connect


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
