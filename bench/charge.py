"""Load generator: how many pages per second the mock serves, with many clients at once.

Each client is a thread that GETs the public screens (home, portal, creation form) in turn on
a fresh connection, as gunicorn's sync workers close each one, until the time or the request
budget is spent. Only 127.0.0.1 is ever targeted; both bounds are enforced.
"""

from __future__ import annotations

import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

PAGES = ("/", "/compte", "/compte/creation")
DELAI_REQUETE_S = 30.0


@dataclass(frozen=True)
class Mesure:
    """One load run: pages served (HTTP 200), failures, and the seconds it lasted."""

    pages: int
    echecs: int
    secondes: float

    @property
    def pages_par_seconde(self) -> float:
        """Throughput of the run."""
        return self.pages / self.secondes if self.secondes else 0.0


class Chrono:
    """The run's start and deadline, set once every client is ready (a barrier's action)."""

    def __init__(self, secondes: float) -> None:
        self.secondes = secondes
        self.debut = 0.0
        self.fin = 0.0

    def partir(self) -> None:
        """Start the clock."""
        self.debut = time.perf_counter()
        self.fin = self.debut + self.secondes


def _hote_local(base_url: str) -> tuple[str, int]:
    adresse = urlsplit(base_url)
    if adresse.hostname != "127.0.0.1" or adresse.port is None:
        raise ValueError(f"le générateur de charge ne vise que 127.0.0.1:PORT, pas {base_url}")
    return adresse.hostname, adresse.port


def _client(
    hote: str, port: int, chrono: Chrono, budget: threading.Semaphore, depart: threading.Barrier
) -> tuple[int, int]:
    """One client's loop; returns (pages served, failures)."""
    pages = echecs = numero = 0
    depart.wait()
    while time.perf_counter() < chrono.fin and budget.acquire(blocking=False):
        connexion = http.client.HTTPConnection(hote, port, timeout=DELAI_REQUETE_S)
        try:
            connexion.request("GET", PAGES[numero % len(PAGES)])
            reponse = connexion.getresponse()
            reponse.read()
            if reponse.status == http.client.OK:
                pages += 1
            else:
                echecs += 1
        except OSError:
            echecs += 1
        finally:
            connexion.close()
        numero += 1
    return pages, echecs


def mesurer(base_url: str, clients: int, secondes: float, max_requetes: int) -> Mesure:
    """Run `clients` threads against the mock for `secondes` or `max_requetes` requests."""
    hote, port = _hote_local(base_url)
    chrono = Chrono(secondes)
    budget = threading.Semaphore(max_requetes)
    depart = threading.Barrier(clients, action=chrono.partir)
    with ThreadPoolExecutor(max_workers=clients) as executeur:
        taches = [
            executeur.submit(_client, hote, port, chrono, budget, depart) for _ in range(clients)
        ]
        resultats = [tache.result(timeout=secondes + 2 * DELAI_REQUETE_S) for tache in taches]
    duree = time.perf_counter() - chrono.debut
    return Mesure(sum(p for p, _ in resultats), sum(e for _, e in resultats), duree)
