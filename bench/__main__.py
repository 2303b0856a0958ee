"""`python -m bench` (`make bench`): measure the suite and the mock, write `bench/RESULTS.md`.

Three benchmarks, each a median over several runs, each written as its own section of the
results file (with the machine, the date, the load average and the commands), so that running
one of them again (`--only journey`) replaces its section and keeps the others:

- `journey`: `e2e/test_parcours.py` under pytest versus `bench/bare_journey.py`, the same
  clicks as a bare Playwright script, in turn against one mock; the test's own duration
  (setup, call and teardown, from pytest's JUnit report) versus the script's (Playwright's start
  to its stop), and both processes' wall times; the test is also run with its traces recorded
  without screencast (`bench/trace_sans_captures.py`), to show what that costs;
- `suite`: the whole suite's wall time in one process and with pytest-xdist as `make test`
  runs it (`-n WORKERS --dist loadfile`, `--suite-workers`), the speed-up between the two,
  and the parallel wall time divided by the bare script's journey measured in the same run,
  alternately: a ratio that compares machines of different speeds;
- `load`: the pages per second gunicorn serves (GUNICORN_WORKERS workers, one SQLite file) to
  a load generator with many clients.

Benchmarks are not tests: nothing here passes or fails on a figure.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench import charge
from plugins.browser import resolve_chromium_executable
from plugins.serveur_mock import ServeurMock, commande

RACINE = Path(__file__).resolve().parent.parent
RESULTATS = Path(__file__).resolve().parent / "RESULTS.md"
TEST_PARCOURS = "e2e/test_parcours.py"
DELAI_PROCESSUS_S = 3600
SECTIONS = ("journey", "suite", "load")
# Sections written by hand (the profile of a browser test), kept where they are by `ecrire`.
SECTIONS_ECRITES = ("profile",)
TITRE = (
    "# Benchmarks\n\nWritten by `make bench` (`python -m bench`); each section by its last run.\n"
)


@dataclass(frozen=True)
class Execution:
    """A child process's wall time, exit code and output."""

    secondes: float
    code: int
    sortie: str


def executer(commande: Sequence[str]) -> Execution:
    """Run a command from the repository's root; bounded in time."""
    debut = time.perf_counter()
    fini = subprocess.run(
        list(commande),
        cwd=RACINE,
        capture_output=True,
        text=True,
        timeout=DELAI_PROCESSUS_S,
        check=False,
    )
    return Execution(time.perf_counter() - debut, fini.returncode, fini.stdout + fini.stderr)


def pytest_commande(dossier: Path, *arguments: str) -> list[str]:
    """pytest with this interpreter, no cache, its Allure results kept out of allure-results/."""
    return [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--alluredir={dossier / 'allure-results'}",
        *arguments,
    ]


def affichable(commande: Sequence[str], dossier: Path) -> str:
    """A command as a reader would type it: `python`, and `$TMP` for the temporary folder."""
    mots = [
        "python" if mot == sys.executable else mot.replace(str(dossier), "$TMP") for mot in commande
    ]
    return shlex.join(mots)


def machine() -> str:
    """The machine's processors, model, memory, system and load when the section was measured."""
    modele = "inconnu"
    memoire = "inconnue"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        trouve = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        modele = trouve.group(1).strip() if trouve else modele
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        trouve = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.MULTILINE)
        memoire = f"{int(trouve.group(1)) / 1024**2:.1f} GiB" if trouve else memoire
    charge_1, charge_5, charge_15 = os.getloadavg()
    return (
        f"- machine: {os.cpu_count()} processors (`nproc`), {modele}, {memoire} of RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}\n"
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}\n"
        f"- load average before the section: {charge_1:.2f}, {charge_5:.2f}, {charge_15:.2f} "
        "(other jobs share this machine: the figures are medians of alternating runs)\n"
    )


def mediane(valeurs: Sequence[float]) -> float:
    """The median, or NaN when nothing was measured."""
    return statistics.median(valeurs) if valeurs else float("nan")


def echantillons(valeurs: Sequence[float], format_: str = "{:.2f}") -> str:
    """The samples, in run order."""
    return ", ".join(format_.format(valeur) for valeur in valeurs)


# (a) The journey test versus a bare Playwright script -----------------------------------------


def duree_junit(chemin: Path) -> float:
    """The only test case's time in a JUnit report (setup, call and teardown)."""
    cas = list(ET.parse(chemin).iter("testcase"))
    if len(cas) != 1 or cas[0].find("failure") is not None or cas[0].find("error") is not None:
        raise RuntimeError(f"{chemin} : le test du parcours n'a pas réussi")
    return float(cas[0].get("time", "nan"))


def chromium_du_plugin() -> str | None:
    """The Chromium the suite's browser plugin would launch."""
    with sync_playwright() as playwright:
        return resolve_chromium_executable(playwright.chromium.executable_path)


@dataclass
class Variante:
    """One way of walking the journey, and what each run measured."""

    nom: str
    commande: list[str]
    duree: Callable[[Execution], float]
    durees: list[float] = field(default_factory=list)
    murs: list[float] = field(default_factory=list)


def commande_nue(url: str, executable: str | None) -> list[str]:
    """The bare Playwright script against the mock at `url`, with the suite's Chromium."""
    nu = [sys.executable, "-m", "bench.bare_journey", f"--base-url={url}"]
    if executable is not None:
        nu.append(f"--executable-path={executable}")
    return nu


def duree_nue(execution: Execution) -> float:
    """The journey's duration the bare script printed last."""
    return float(execution.sortie.strip().splitlines()[-1])


def bench_journey(runs: int) -> str:
    """Alternate the journey test (with and without trace screencast) and the bare script."""
    entete = machine()
    executable = chromium_du_plugin()
    with tempfile.TemporaryDirectory(prefix="bench-journey-") as temporaire:
        dossier = Path(temporaire)
        with ServeurMock(dossier / "mock") as serveur:
            url = serveur.url
            junit = dossier / "parcours.xml"
            test = pytest_commande(
                dossier, TEST_PARCOURS, f"--base-url={url}", f"--junitxml={junit}"
            )
            nu = commande_nue(url, executable)
            variantes = [
                Variante(
                    "journey test (pytest, page objects, Allure, traces)",
                    test,
                    lambda _: duree_junit(junit),
                ),
                Variante(
                    "journey test, traces without screencast",
                    [*test, "-p", "bench.trace_sans_captures"],
                    lambda _: duree_junit(junit),
                ),
                Variante("bare Playwright script", nu, duree_nue),
            ]
            for _ in range(runs):
                for variante in variantes:
                    execution = executer(variante.commande)
                    if execution.code != 0:
                        raise RuntimeError(
                            f"{affichable(variante.commande, dossier)} a échoué :"
                            f"\n{execution.sortie}"
                        )
                    variante.durees.append(variante.duree(execution))
                    variante.murs.append(execution.secondes)
            commandes = "".join(
                f"- {variante.nom}: `{affichable(variante.commande, dossier)}`\n"
                for variante in variantes
            )
    *tests, nu_ = variantes
    lignes = "".join(
        f"| {variante.nom} | {mediane(variante.durees):.2f} | "
        f"**{mediane(variante.durees) / mediane(nu_.durees):.2f}×** | "
        f"{mediane(variante.murs):.2f} | {mediane(variante.murs) / mediane(nu_.murs):.2f}× |\n"
        for variante in tests
    ) + (f"| {nu_.nom} | {mediane(nu_.durees):.2f} | 1 | {mediane(nu_.murs):.2f} | 1 |\n")
    return (
        "## (a) The journey test versus a bare Playwright script\n\n"
        f"{entete}- runs: {runs} of each, in turn, against one mock "
        "(`python -m mock_site`, test mode), same Chromium and launch flags\n"
        f"{commandes}\n"
        "| | median duration of the journey, s | ratio to the bare script "
        "| median wall time of the process, s | ratio |\n"
        "| --- | --- | --- | --- | --- |\n"
        f"{lignes}\n"
        "The journey's duration is, for the test, its setup, call and teardown as pytest reports "
        "them (Playwright's start and the browser launch included, since the test is the "
        "process's only one), and for the script, Playwright's start to its stop. The process "
        "wall time adds the interpreter's start, and for pytest its plugins and collection. The "
        "second line loads `bench/trace_sans_captures.py`, which only removes the screencast "
        "from the traces `plugins/reporting/artifacts.py` records for every test; those traces "
        "have had no screencast since the light trace, so the two lines measure the same "
        "thing twice, a check of the benchmark's noise.\n\n"
        + "".join(
            f"Samples ({variante.nom}, s): {echantillons(variante.durees)}  \n"
            for variante in variantes
        )
    )


# (b) The whole suite, serially and with pytest-xdist ------------------------------------------

RESUME_PYTEST = re.compile(r"=+ (.+) in [\d.]+s")


def resume(sortie: str) -> str:
    """pytest's last summary line ("915 passed, 2 failed"), or what there is."""
    trouves = RESUME_PYTEST.findall(sortie)
    return trouves[-1] if trouves else sortie.strip().splitlines()[-1] if sortie.strip() else "?"


ECHEC_PYTEST = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.MULTILINE)


def echecs(sortie: str) -> list[str]:
    """The node ids pytest's short summary lists as failed or in error, in its order."""
    return ECHEC_PYTEST.findall(sortie)


def bench_suite(runs: int, arguments: Sequence[str], workers: str = "auto") -> str:
    """The suite's wall time in one process and as `make test` runs it, and the bare script's
    journey, alternately."""
    entete = machine()
    executable = chromium_du_plugin()
    murs: dict[str, list[float]] = {"serie": [], "parallele": []}
    resumes: dict[str, list[str]] = {"serie": [], "parallele": []}
    nus: list[float] = []
    en_echec: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as temporaire:
        dossier = Path(temporaire)
        serie = pytest_commande(dossier, "-n", "0", *arguments)
        parallele = pytest_commande(dossier, "-n", workers, "--dist", "loadfile", *arguments)
        with ServeurMock(dossier / "mock") as serveur:
            nu = commande_nue(serveur.url, executable)
            for _ in range(runs):
                for cle, commande in (("serie", serie), ("parallele", parallele)):
                    execution = executer(commande)
                    murs[cle].append(execution.secondes)
                    resumes[cle].append(resume(execution.sortie))
                    numero = len(murs[cle])
                    mode = "serial" if cle == "serie" else "parallel"
                    en_echec += [
                        f"{mode} run {numero}: `{test}`" for test in echecs(execution.sortie)
                    ]
                execution = executer(nu)
                if execution.code != 0:
                    raise RuntimeError(f"{affichable(nu, dossier)} a échoué :\n{execution.sortie}")
                nus.append(duree_nue(execution))
        commandes = (
            f"- serial: `{affichable(serie, dossier)}`\n"
            f"- parallel: `{affichable(parallele, dossier)}`\n"
            f"- bare Playwright script: `{affichable(nu, dossier)}` (against a mock of "
            "its own, started once)\n"
        )
    acceleration = mediane(murs["serie"]) / mediane(murs["parallele"])
    en_journees = mediane(murs["parallele"]) / mediane(nus)
    return (
        "## (b) The whole suite, serially and with pytest-xdist\n\n"
        f"{entete}- runs: {runs} of each, alternating\n{commandes}\n"
        f"| | serial (`-n 0`) | pytest-xdist (`-n {workers} --dist loadfile`) | speed-up "
        "| bare script's journey | pytest-xdist wall ÷ bare journey |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        f"| median wall time, s | {mediane(murs['serie']):.1f} | "
        f"{mediane(murs['parallele']):.1f} | **{acceleration:.2f}×** | {mediane(nus):.2f} | "
        f"**{en_journees:.1f}** |\n\n"
        "The last column is the suite's parallel wall time counted in bare journeys (the "
        "journey's nine screens and login clicked by a bare Playwright script, browser launch "
        "included, measured between the suite's runs): it says how many journeys the suite "
        "costs, a figure that compares machines of different speeds.\n\n"
        f"Samples (serial, s): {echantillons(murs['serie'], '{:.1f}')}  \n"
        f"Samples (parallel, s): {echantillons(murs['parallele'], '{:.1f}')}  \n"
        f"Samples (bare script, s): {echantillons(nus)}  \n"
        f"Outcomes (serial): {'; '.join(resumes['serie'])}  \n"
        f"Outcomes (parallel): {'; '.join(resumes['parallele'])}\n"
        + "".join(f"- failed in {echec}\n" for echec in en_echec)
    )


# (c) The mock's throughput under gunicorn ------------------------------------------------------


def bench_load(runs: int, workers: int, clients: int, secondes: float, max_requetes: int) -> str:
    """Pages per second served by gunicorn to the load generator."""
    entete = machine()
    mesures: list[charge.Mesure] = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-load-") as dossier,
        ServeurMock(Path(dossier), workers=workers) as serveur,
    ):
        charge.mesurer(serveur.url, clients, min(secondes, 2.0), max_requetes)  # warm-up
        mesures = [
            charge.mesurer(serveur.url, clients, secondes, max_requetes) for _ in range(runs)
        ]
    debits = [mesure.pages_par_seconde for mesure in mesures]
    echecs = sum(mesure.echecs for mesure in mesures)
    return (
        "## (c) The mock's throughput under gunicorn\n\n"
        f"{entete}- server: `{shlex.join(['gunicorn', *commande(workers=workers)[1:]])}` "
        "(test mode, one SQLite file in WAL mode), as `make serve-prod`\n"
        f"- load: `bench/charge.py`, {clients} client threads in one process on the same "
        f"machine, each GETting {', '.join(charge.PAGES)} in turn on fresh connections, for "
        f"{secondes:g} s or {max_requetes} requests per run; {runs} runs after a warm-up\n\n"
        "| | pages/s |\n| --- | --- |\n"
        f"| median | **{mediane(debits):.0f}** |\n\n"
        f"Samples (pages/s): {echantillons(debits, '{:.0f}')}; failed requests: {echecs}\n"
    )


# The results file -------------------------------------------------------------------------------


def ecrire(sections: dict[str, str], chemin: Path = RESULTATS) -> None:
    """Replace the measured sections in the results file, keep the others."""
    existantes: dict[str, str] = {}
    if chemin.exists():
        for nom, corps in re.findall(
            r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->",
            chemin.read_text(encoding="utf-8"),
            re.DOTALL,
        ):
            existantes[nom] = corps
    existantes.update(sections)
    blocs = [
        f"<!-- bench:{nom} -->\n{existantes[nom]}<!-- /bench:{nom} -->\n"
        for nom in (*SECTIONS, *SECTIONS_ECRITES)
        if nom in existantes
    ]
    chemin.write_text(TITRE + "\n" + "\n".join(blocs), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Run the chosen benchmarks and write their sections."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=SECTIONS,
        help="run only this benchmark (repeatable; default: all)",
    )
    parser.add_argument("--journey-runs", type=int, default=7)
    parser.add_argument("--suite-runs", type=int, default=3)
    parser.add_argument(
        "--suite-args",
        default="",
        help="pytest arguments selecting the suite to time (default: all)",
    )
    parser.add_argument(
        "--suite-workers",
        default="auto",
        help="pytest-xdist workers of the suite's parallel runs (`make bench` passes "
        "make test's WORKERS)",
    )
    parser.add_argument("--load-runs", type=int, default=5)
    parser.add_argument("--load-seconds", type=float, default=10.0)
    parser.add_argument("--load-clients", type=int, default=8)
    parser.add_argument("--load-max-requests", type=int, default=50_000)
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("GUNICORN_WORKERS", "4")),
        help="gunicorn workers of the load benchmark (default: $GUNICORN_WORKERS, else 4)",
    )
    args = parser.parse_args(argv)
    benchmarks: dict[str, Callable[[], str]] = {
        "journey": lambda: bench_journey(args.journey_runs),
        "suite": lambda: bench_suite(
            args.suite_runs, shlex.split(args.suite_args), args.suite_workers
        ),
        "load": lambda: bench_load(
            args.load_runs,
            args.workers,
            args.load_clients,
            args.load_seconds,
            args.load_max_requests,
        ),
    }
    for nom in args.only or SECTIONS:
        print(f"bench: {nom}…", flush=True)
        section = benchmarks[nom]()
        ecrire({nom: section})
        print(section, flush=True)
    print(f"bench: results in {RESULTATS.relative_to(RACINE)}")


if __name__ == "__main__":
    main()
