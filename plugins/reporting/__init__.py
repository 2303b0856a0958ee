"""What a reader of the Allure report and of the terminal gets from a run, one pytest plugin a
module (listed in the root `conftest.py`): `artifacts`, what a failed browser test keeps and
attaches; `terminal`, where to look after the failures and how to replay them; `titles`, the
report's titles and set-up sections; `environment`, the run's context and failure categories.
"""
