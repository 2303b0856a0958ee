"""The gunicorn hooks of `make serve-prod` (`mock_site/gunicorn_conf.py`), in forked processes
as gunicorn calls them: `pre_fork` in the master, `post_fork` in the worker.

A worker just forked runs the master's signal handlers until `post_fork`: a stop signal received
then must still end the worker, or the master's stop waits `graceful_timeout`, then kills the
worker and exits without reaping it.
"""

from __future__ import annotations

import os
import signal

import pytest

from mock_site import gunicorn_conf

NE_S_ARRETE_PAS = 3
MASQUE_NON_RETABLI = 4
ECHEC = 5


def _maitre_et_worker(numero: int | None) -> int:
    """Fork a master that forks a worker as gunicorn does; the worker receives `numero` before
    its `post_fork` hook. The master's exit code: the worker's exit code, or MASQUE_NON_RETABLI
    when the master is left with the stop signals blocked."""
    maitre = os.fork()
    if maitre != 0:
        _, statut = os.waitpid(maitre, 0)
        return os.waitstatus_to_exitcode(statut)
    try:
        for arret in gunicorn_conf.ARRET_IMMEDIAT:
            signal.signal(arret, lambda *_: None)  # the master's handlers, which queue it
        gunicorn_conf.pre_fork(None, None)
        worker = os.fork()
        if worker == 0:
            if numero is not None:
                os.kill(os.getpid(), numero)
            gunicorn_conf.post_fork(None, None)
            os._exit(NE_S_ARRETE_PAS)
        _, statut = os.waitpid(worker, 0)
        bloques = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        if set(gunicorn_conf.ARRET_IMMEDIAT) & bloques:
            os._exit(MASQUE_NON_RETABLI)
        os._exit(os.waitstatus_to_exitcode(statut) % 256)
    finally:
        os._exit(ECHEC)


@pytest.mark.parametrize("numero", [signal.SIGTERM, signal.SIGINT, signal.SIGQUIT])
def test_un_signal_d_arret_recu_avant_post_fork_arrete_le_worker(numero: int) -> None:
    """The signal received between the fork and `post_fork` ends the worker by its default
    action, and the master is left with nothing blocked."""
    assert _maitre_et_worker(numero) == -numero % 256


@pytest.mark.parametrize("numero", [None, signal.SIGCHLD])
def test_sans_signal_d_arret_le_worker_demarre(numero: int | None) -> None:
    """Nothing to stop for: the hook returns and the worker goes on starting."""
    assert _maitre_et_worker(numero) == NE_S_ARRETE_PAS


def test_apres_post_fork_un_term_arrete_le_worker_aussitot() -> None:
    """From the hook on, TERM has its default action until the worker installs its own."""
    pid = os.fork()
    if pid == 0:
        signal.signal(signal.SIGTERM, lambda *_: None)  # the master's handler, inherited
        gunicorn_conf.post_fork(None, None)
        os.kill(os.getpid(), signal.SIGTERM)
        os._exit(NE_S_ARRETE_PAS)
    _, statut = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(statut) == -signal.SIGTERM
