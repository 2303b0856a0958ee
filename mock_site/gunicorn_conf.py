"""gunicorn settings of the mock (`gunicorn -c python:mock_site.gunicorn_conf`).

When `MOCK_PORT_FILE` is set, the master writes the base URL it listens at there once its
sockets are bound, as `python -m mock_site --port-file` does: with `--bind 127.0.0.1:0` the
caller learns the port without reading gunicorn's log.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mock_site.adresse import VARIABLE, ecrire_adresse


def when_ready(server: Any) -> None:
    """gunicorn's hook, called in the master once it listens: publish the first address."""
    chemin = os.environ.get(VARIABLE)
    if chemin and server.LISTENERS:
        # A TCP listener prints itself as its URL, e.g. "http://127.0.0.1:54321".
        ecrire_adresse(Path(chemin), str(server.LISTENERS[0]).rstrip("/"))
