"""Infrastructure of the whole suite, each piece a plugin module of its own.

- `plugins.browser`: which Chromium to launch and with which arguments, or which Playwright
  server to connect to;
- `plugins.server`: the mock under test (`base_url`), unless `--base-url` is given;
- `plugins.seed`: the Faker seed of the run and of each test, and the command that replays one;
- `plugins.reporting.*`: what Allure and the terminal show of a failed browser test, and of the
  run (see `plugins/reporting/__init__.py`).
"""

pytest_plugins = (
    "plugins.browser",
    "plugins.server",
    "plugins.seed",
    "plugins.reporting.environment",
    "plugins.reporting.terminal",
    "plugins.reporting.artifacts",
    "plugins.reporting.titles",
)
