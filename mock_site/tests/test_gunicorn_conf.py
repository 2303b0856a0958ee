"""The gunicorn hooks of `make serve-prod` (`mock_site/gunicorn_conf.py`), in a forked process as
gunicorn calls them.

A worker just forked runs the master's signal handlers until `post_fork`: a stop signal received
then is only queued in the worker's copy of the master's queue. `post_fork` must end the worker
on such a signal, or the master's stop waits `graceful_timeout`, then kills the worker and exits
without reaping it.
"""

from __future__ import annotations

import os
import queue
import signal
from types import SimpleNamespace

import pytest

from mock_site import gunicorn_conf

NE_S_ARRETE_PAS = 3


def _post_fork_dans_un_enfant(file: object) -> int:
    """Fork, call `post_fork` in the child with a master whose queue is `file`; the child exit
    status (NE_S_ARRETE_PAS when the hook returned)."""
    pid = os.fork()
    if pid == 0:  # the child, as gunicorn's worker
        try:
            gunicorn_conf.post_fork(SimpleNamespace(SIG_QUEUE=file), None)
        finally:
            os._exit(NE_S_ARRETE_PAS)
    _, statut = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(statut)


def _file(*signaux: int) -> queue.SimpleQueue[int]:
    file: queue.SimpleQueue[int] = queue.SimpleQueue()
    for numero in signaux:
        file.put_nowait(numero)
    return file


@pytest.mark.parametrize("numero", [signal.SIGTERM, signal.SIGINT, signal.SIGQUIT])
def test_un_signal_d_arret_recu_avant_post_fork_arrete_le_worker(numero: int) -> None:
    """The signal waiting in the worker's copy of the queue ends it at once."""
    assert _post_fork_dans_un_enfant(_file(signal.SIGCHLD, numero)) == 0


def test_un_signal_d_arret_en_attente_dans_une_liste_arrete_le_worker() -> None:
    """Older gunicorns keep the queue as a list."""
    assert _post_fork_dans_un_enfant([signal.SIGTERM]) == 0


@pytest.mark.parametrize("file", [_file(), _file(signal.SIGCHLD, signal.SIGHUP), []])
def test_sans_signal_d_arret_le_worker_demarre(file: object) -> None:
    """Nothing to stop for: the hook returns and the worker goes on starting."""
    assert _post_fork_dans_un_enfant(file) == NE_S_ARRETE_PAS


def test_apres_post_fork_un_term_arrete_le_worker_aussitot() -> None:
    """From the hook on, TERM has its default action until the worker installs its own."""
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGTERM, lambda *_: None)  # the master's handler, inherited
        gunicorn_conf.post_fork(SimpleNamespace(SIG_QUEUE=_file()), None)
        os.kill(os.getpid(), signal.SIGTERM)
        os._exit(NE_S_ARRETE_PAS)
    _, statut = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(statut) == -signal.SIGTERM
