"""`python -m bench` (`make bench`): each section of `bench/RESULTS.md` (`journey`, `suite`,
`load`, `profile`), timed by hyperfine or ab against a mock started here (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bench import machine, remplacer_bloc
from pages.textes import ACCUEIL, CREATION, DIALOGUE_CAISSE
from plugins.browser import CHROMIUM_ARGS, LOCALE, TIMEZONE_ID, resolve_chromium_executable
from plugins.serveur_mock import ServeurMock

RACINE = Path(__file__).resolve().parent.parent
RESULTATS = RACINE / "bench" / "RESULTS.md"
SECTIONS = ("journey", "suite", "load", "profile")
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
NU = [sys.executable, "-m", "bench.bare_journey"]
PAGES = ("/", "/compte", "/compte/creation")
ENTETE = "# Benchmarks\n\n"
SCAN_AXE = "axe.run({resultTypes: ['violations']}).then(r => r.violations.length)"
VARIANTES = ("untraced", "snapshots", "snapshots and screencast", "and the artefacts written")


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
    return section("The journey test against a bare Playwright script", commandes, dossier)


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


def deux_ecrans(page: Page) -> None:
    """A few actions over two screens, as a focused browser test does."""
    page.goto("/")
    page.get_by_label(ACCUEIL.code_postal).fill("75011")
    page.get_by_role("button", name=ACCUEIL.selectionner).click()
    dialogue = page.get_by_role("dialog", name=DIALOGUE_CAISSE.titre)
    expect(dialogue).to_be_visible()
    dialogue.get_by_role("button", name=DIALOGUE_CAISSE.confirmer).click()
    page.goto("/compte/creation")
    page.get_by_role("button", name=CREATION.continuer).click()
    expect(page.get_by_role("alert")).to_be_visible()


def lire(url: str) -> bytes:
    """A GET's whole body."""
    with urllib.request.urlopen(url, timeout=30) as reponse:
        corps: bytes = reponse.read()
    return corps


def mesurer(durees: dict[str, list[float]], nom: str, action: Callable[[], object]) -> object:
    """Run the action, add its duration to `durees[nom]`, return what it returned."""
    debut = time.perf_counter()
    resultat = action()
    durees.setdefault(nom, []).append(time.perf_counter() - debut)
    return resultat


def _pieces(durees: dict[str, list[float]], navigateur: Browser, url: str) -> None:
    """One round of the mock's pages, a context's life and axe-core."""
    chrono = functools.partial(mesurer, durees)
    for chemin in ("/", "/static/js/ameli.js"):
        chrono(f"GET {chemin}", functools.partial(lire, url + chemin))
    contexte = navigateur.new_context(base_url=url, locale=LOCALE, timezone_id=TIMEZONE_ID)
    page = chrono("context and page", contexte.new_page)
    assert isinstance(page, Page)
    chrono("first navigation in the context", lambda: page.goto("/"))
    chrono("later navigation", lambda: page.goto("/compte"))
    chrono("axe: inject axe.min.js", lambda: page.evaluate(Axe().axe_script))
    chrono("axe: first scan", lambda: page.evaluate(SCAN_AXE))
    chrono("axe: second scan", lambda: page.evaluate(SCAN_AXE))
    chrono("context close", contexte.close)


def _test(navigateur: Browser, url: str, variante: str, dossier: Path) -> None:
    """A test of two screens, traced or not; the last variant writes a failure's artefacts."""
    contexte = navigateur.new_context(base_url=url, locale=LOCALE, timezone_id=TIMEZONE_ID)
    if variante != "untraced":
        ecran = variante != "snapshots"
        contexte.tracing.start(screenshots=ecran, snapshots=True, sources=False)
    page = contexte.new_page()
    deux_ecrans(page)
    if variante == VARIANTES[-1]:
        page.screenshot(path=dossier / "page.jpeg", type="jpeg", quality=70)
        page.content()
        contexte.tracing.stop(path=dossier / "trace.zip")
    elif variante != "untraced":
        contexte.tracing.stop()
    contexte.close()


def profiler(tours: int, dossier: Path) -> dict[str, float]:
    """Time every piece `tours` times after a warm-up; the medians, in milliseconds."""
    durees: dict[str, list[float]] = {}
    with ServeurMock(dossier / "mock") as serveur, sync_playwright() as playwright:
        executable = resolve_chromium_executable(playwright.chromium.executable_path)
        navigateur = playwright.chromium.launch(
            executable_path=executable, args=list(CHROMIUM_ARGS)
        )
        for _ in range(tours + 1):
            _pieces(durees, navigateur, serveur.url)
            for variante in VARIANTES:
                test = functools.partial(_test, navigateur, serveur.url, variante, dossier)
                mesurer(durees, f"test of two screens: {variante}", test)
        navigateur.close()
    # The first round warmed up.
    return {nom: statistics.median(d[1:]) * 1000 for nom, d in durees.items()}


def bench_profile(tours: int, dossier: Path) -> str:
    """Where a browser test's time goes: each piece timed on its own in one process, in rounds
    after a warm-up (medians), below what hyperfine sees of a whole process."""
    medianes = profiler(tours, dossier)
    reference = medianes[f"test of two screens: {VARIANTES[0]}"]
    lignes = [
        f"| {nom} | {ms:.0f} | "
        + (f"{ms / reference:.2f}× |" if nom.startswith("test of") else " |")
        for nom, ms in medianes.items()
    ]
    return (
        f"## Where a browser test's time goes\n\n{machine()}"
        f"- command: `python -m bench --only profile --profile-rounds {tours}` (medians after a "
        "warm-up)\n\n"
        "| piece | median, ms | ratio to the untraced test |\n| --- | ---: | ---: |\n"
        + "\n".join(lignes)
        + "\n"
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
        "profile": lambda d: bench_profile(args.profile_rounds, d),
    }
    for nom in args.only or SECTIONS:
        print(f"bench: {nom}…", flush=True)
        with tempfile.TemporaryDirectory(prefix=f"bench-{nom}-") as dossier:
            ecrire({nom: benchmarks[nom](Path(dossier))})
    print(f"bench: results in {RESULTATS.relative_to(RACINE)}")


if __name__ == "__main__":
    main()
