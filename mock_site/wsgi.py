"""WSGI entry point of the mock for a production server: `gunicorn mock_site.wsgi:app`.

The application is configured from the environment, as `python -m mock_site` configures it:
`MOCK_MODE`, `MOCK_DATABASE`, `SECRET_KEY`, `FRANCECONNECT_URL`, `MOCK_CLOCK_START`. Several
workers can serve it at once: they share one SQLite file in WAL mode, write in immediate
transactions, and sign sessions with one key (`SECRET_KEY`, else `instance/secret.key`), so any
worker can serve any request of any journey. `make serve-prod` starts it this way.
"""

from __future__ import annotations

from mock_site import create_app

app = create_app()
