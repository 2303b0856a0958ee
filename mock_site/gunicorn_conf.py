"""gunicorn settings of the mock (`gunicorn -c python:mock_site.gunicorn_conf`).

When `MOCK_PORT_FILE` is set, the master writes the base URL it listens at there once its
sockets are bound, as `python -m mock_site --port-file` does: with `--bind 127.0.0.1:0` the
caller learns the port without reading gunicorn's log.

A worker just forked stops at once on TERM, INT or QUIT, including one received before its
`post_fork` hook ran (held back from `pre_fork` on, gunicorn's documented hooks), so that a
server stopped while it starts its workers stops at once instead of waiting `graceful_timeout`,
killing that worker and leaving it unreaped (`mock_site/tests/test_gunicorn_conf.py`).
"""

from __future__ import annotations

import os
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

# Until a worker installs its own handlers (in its `init_process`), it would run the master's,
# which only queue a signal for the master: a TERM sent to a worker in that moment would be lost,
# and the master's graceful stop would wait `graceful_timeout` before killing it. So the stop
# signals are blocked from just before the fork (`pre_fork`) until the worker has given them
# their default action (`post_fork`); one received in between waits, then ends the worker. The
# master unblocks them as soon as the fork returns (`os.register_at_fork`).
ARRET_IMMEDIAT = (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT)
_deblocage_enregistre = False


def _debloquer() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, ARRET_IMMEDIAT)


def pre_fork(server: Any, worker: Any) -> None:
    """gunicorn's hook, in the master just before it forks a worker: hold the stop signals."""
    global _deblocage_enregistre
    if not _deblocage_enregistre:
        os.register_at_fork(after_in_parent=_debloquer)
        _deblocage_enregistre = True
    signal.pthread_sigmask(signal.SIG_BLOCK, ARRET_IMMEDIAT)


def post_fork(server: Any, worker: Any) -> None:
    """gunicorn's hook, in a worker right after the fork: a stop signal ends it at once, one
    that came since the fork included."""
    for numero in ARRET_IMMEDIAT:
        signal.signal(numero, signal.SIG_DFL)
    _debloquer()
