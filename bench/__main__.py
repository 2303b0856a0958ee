"""`python -m bench` (`make bench`): time the suite and the mock, write `bench/RESULTS.md`.

hyperfine times the commands, ab the mock's throughput; this starts the mock they run against
and writes each section (`journey`, `suite`, `load`, `profile`) with the machine and the
commands, replacing that section only (docs/benchmarks.md). No figure fails anything.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import machine, profil, remplacer_bloc
from plugins.serveur_mock import ServeurMock

RACINE = Path(__file__).resolve().parent.parent
RESULTATS = RACINE / "bench" / "RESULTS.md"
SECTIONS = ("journey", "suite", "load", "profile")
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
NU = [sys.executable, "-m", "bench.bare_journey"]
PAGES = ("/", "/compte", "/compte/creation")
ENTETE = "# Benchmarks\n\n"


def hyperfine(commandes: dict[str, list[str]], dossier: Path, *options: str) -> dict[str, Any]:
    """Time the commands with hyperfine (`--export-markdown` beside); its results by name."""
    sortie = dossier / "hyperfine.json"
    appel = ["hyperfine", "--shell=none", "--export-json", str(sortie)]
    appel += [*options, "--export-markdown", str(dossier / "hyperfine.md")]
    for nom, mots in commandes.items():
        appel += ["--command-name", nom, shlex.join(mots)]
    subprocess.run(appel, cwd=RACINE, check=True)
    return {r["command"]: r for r in json.loads(sortie.read_text())["results"]}


def _lisible(mots: list[str]) -> str:
    """A command as a reader types it: `python`, the temporary folder as `$TMP`."""
    texte = shlex.join("python" if mot == sys.executable else mot for mot in mots)
    texte = re.sub(r"http://127\.0\.0\.1:\d+", "$MOCK", texte)
    return re.sub(r"/tmp/bench-[^/ ']+", "$TMP", texte)


def section(titre: str, commandes: dict[str, list[str]], dossier: Path, note: str = "") -> str:
    """A section: the machine, hyperfine's table, the commands, a note."""
    lignes = "- `$MOCK`: a mock the benchmark starts (`python -m mock_site`, test mode)\n"
    lignes += "".join(f"- {nom}: `{_lisible(mots)}`\n" for nom, mots in commandes.items())
    tableau = (dossier / "hyperfine.md").read_text(encoding="utf-8")
    return f"## {titre}\n\n{machine()}{lignes}\n{tableau}\n{note}"


def bench_journey(runs: int, dossier: Path) -> str:
    """The journey test against the bare script, against one mock."""
    with ServeurMock(dossier / "mock") as serveur:
        url = f"--base-url={serveur.url}"
        commandes = {
            "journey test": [*PYTEST, f"--alluredir={dossier}/allure", url, "e2e/test_parcours.py"],
            "bare script": [*NU, url],
        }
        hyperfine(commandes, dossier, "--warmup", "1", "--runs", str(runs))
    return section(
        "The journey test against a bare Playwright script",
        commandes,
        dossier,
        "Whole processes: the interpreter's start, and for pytest its plugins and collection, "
        "are in both. The bare script launches the Chromium the suite launches.\n",
    )


def bench_suite(runs: int, workers: str, arguments: list[str], dossier: Path) -> str:
    """The whole suite serially and in parallel, and the bare journey, against one mock."""
    with ServeurMock(dossier / "mock") as serveur:
        pytest = [*PYTEST, f"--alluredir={dossier}/allure"]
        commandes = {
            "serial": [*pytest, "-n", "0", *arguments],
            "parallel": [*pytest, "-n", workers, "--dist", "loadfile", *arguments],
            "bare journey": [*NU, f"--base-url={serveur.url}"],
        }
        resultats = hyperfine(commandes, dossier, "--runs", str(runs), "--ignore-failure")
    journees = resultats["parallel"]["mean"] / resultats["bare journey"]["mean"]
    codes = "; ".join(f"{nom} {r['exit_codes']}" for nom, r in resultats.items())
    return section(
        "The whole suite, serially and with pytest-xdist",
        commandes,
        dossier,
        f"The parallel suite costs **{journees:.1f}** bare journeys (mean ÷ mean). Exit codes "
        f"of the runs (a failed run is timed too): {codes}.\n",
    )


def bench_load(workers: int, clients: int, requetes: int, dossier: Path) -> str:
    """Pages per second served by gunicorn to ab, page by page."""
    lignes = []
    with ServeurMock(dossier / "mock", workers=workers) as serveur:
        for page in PAGES:
            appel = ["ab", "-q", "-c", str(clients), "-n", str(requetes), serveur.url + page]
            sortie = subprocess.run(appel, capture_output=True, text=True, check=True).stdout
            debit = re.search(r"Requests per second:\s+([\d.]+)", sortie)
            echecs = re.search(r"Failed requests:\s+(\d+)", sortie)
            if not (debit and echecs):
                raise RuntimeError(f"ab's output reads otherwise:\n{sortie}")
            lignes.append(f"| `{page}` | **{float(debit[1]):.0f}** | {echecs[1]} |")
        serveur_ = shlex.join(["gunicorn", *serveur.ligne_de_commande()[1:]])
    return (
        f"## The mock's throughput under gunicorn\n\n{machine()}"
        f"- server: `{serveur_}` (test mode, one SQLite file), as `make serve-prod`\n"
        f"- load: `ab -c {clients} -n {requetes} URL` for each page, on the same machine\n\n"
        "| page | pages/s | failed requests |\n| --- | ---: | ---: |\n" + "\n".join(lignes) + "\n"
    )


def ecrire(sections: dict[str, str], chemin: Path = RESULTATS) -> None:
    """Replace the measured sections in the results file, keep the others and its preamble."""
    for nom, corps in sections.items():
        remplacer_bloc(chemin, f"<!-- bench:{nom} -->", f"<!-- /bench:{nom} -->", corps, ENTETE)


def main(argv: list[str] | None = None) -> None:
    """Run the chosen benchmarks and write their sections."""
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--only", action="append", choices=SECTIONS, help="repeatable")
    parser.add_argument("--journey-runs", type=int, default=7)
    parser.add_argument("--suite-runs", type=int, default=3)
    parser.add_argument("--suite-args", default="", help="pytest arguments (default: all)")
    parser.add_argument("--suite-workers", default="auto", help="make test's WORKERS")
    parser.add_argument("--load-clients", type=int, default=8)
    parser.add_argument("--load-requests", type=int, default=5000, help="per page")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GUNICORN_WORKERS", 4)))
    parser.add_argument("--profile-rounds", type=int, default=7)
    args = parser.parse_args(argv)
    benchmarks: dict[str, Callable[[Path], str]] = {
        "journey": lambda d: bench_journey(args.journey_runs, d),
        "suite": lambda d: bench_suite(
            args.suite_runs, args.suite_workers, shlex.split(args.suite_args), d
        ),
        "load": lambda d: bench_load(args.workers, args.load_clients, args.load_requests, d),
        "profile": lambda _: profil.section(args.profile_rounds),
    }
    for nom in args.only or SECTIONS:
        print(f"bench: {nom}…", flush=True)
        with tempfile.TemporaryDirectory(prefix=f"bench-{nom}-") as dossier:
            ecrire({nom: benchmarks[nom](Path(dossier))})
    print(f"bench: results in {RESULTATS.relative_to(RACINE)}")


if __name__ == "__main__":
    main()
