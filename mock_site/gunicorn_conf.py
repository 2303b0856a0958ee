"""gunicorn settings of the mock (`gunicorn -c python:mock_site.gunicorn_conf`).

When `MOCK_PORT_FILE` is set, the master writes the base URL it listens at there once its
sockets are bound, as `python -m mock_site --port-file` does: with `--bind 127.0.0.1:0` the
caller learns the port without reading gunicorn's log.

A worker just forked stops at once on TERM, INT or QUIT, including one received before its
`post_fork` hook ran, so that a server stopped while it starts its workers stops at once instead
of waiting `graceful_timeout`, killing that worker and leaving it unreaped
(`mock_site/tests/test_gunicorn_conf.py`).
"""

from __future__ import annotations

import os
import queue
import signal
from pathlib import Path
from typing import Any

from mock_site.adresse import VARIABLE, ecrire_adresse


def when_ready(server: Any) -> None:
    """gunicorn's hook, called in the master once it listens: publish the first address."""
    chemin = os.environ.get(VARIABLE)
    if chemin and server.LISTENERS:
        # A TCP listener prints itself as its URL, e.g. "http://127.0.0.1:54321".
        ecrire_adresse(Path(chemin), str(server.LISTENERS[0]).rstrip("/"))


# A request of the mock takes milliseconds: on a stop, a worker that has not ended after 5 s
# (gunicorn's default waits 30 s) is killed, so that `make serve-prod` always stops quickly.
graceful_timeout = 5

# Until a worker installs its own handlers (Worker.init_signals, in init_process), it still runs
# the master's, which only queue the signal for the master: a TERM sent to a worker in that
# moment is lost, and the master's graceful stop waits `graceful_timeout` before killing it.
ARRET_IMMEDIAT = (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT)


def post_fork(server: Any, worker: Any) -> None:
    """gunicorn's hook, in a worker right after the fork: a stop signal ends it at once, and one
    that came between the fork and this hook ends it now."""
    for numero in ARRET_IMMEDIAT:
        signal.signal(numero, signal.SIG_DFL)
    # Such a signal went to the master's handler, which put it in this process's copy of the
    # master's queue (where nobody reads it): the master, stopping, would wait `graceful_timeout`
    # for this worker, then kill it and exit before reaping it.
    if any(numero in ARRET_IMMEDIAT for numero in _signaux_en_attente(server)):
        os._exit(0)


def _signaux_en_attente(server: Any) -> list[int]:
    """The signals left in this process's copy of the master's queue (a list in older gunicorns,
    a queue since 23)."""
    file = getattr(server, "SIG_QUEUE", None)
    if isinstance(file, list):
        return list(file)
    signaux = []
    while file is not None:
        try:
            signaux.append(file.get_nowait())
        except queue.Empty:
            break
    return signaux
