"""What a reader of the Allure report and of the terminal gets from a run, one job a module.

Each module is a pytest plugin of its own (listed in the root `conftest.py`):

- `artifacts`: the browser contexts of each test traced and recorded; on a failure, their
  screenshots, HTML, console, failed requests and trace kept in `test-results/` and attached
  to the test's Allure result;
- `terminal`: after a failed browser test's error, where its trace and screenshots are and the
  command that replays it with its seeds;
- `titles`: a title for a test without `@allure.title`, and the report's set-up section limited
  to the project's own fixtures;
- `environment`: the run's context (`environment.properties`) and the failure categories,
  written by the controller only.
"""
