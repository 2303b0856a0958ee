"""Where a browser test's time goes: each piece timed on its own, in one process.

`python -m bench.profil` (`python -m bench --only profile` writes it into `bench/RESULTS.md`)
starts a mock and the suite's Chromium, then times each piece in rounds after a warm-up
(medians): the mock's pages, a context's life, axe-core, a test of two screens untraced, traced,
and with a failure's artefacts written.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bench import machine
from pages.textes import ACCUEIL, CREATION, DIALOGUE_CAISSE
from plugins.browser import CHROMIUM_ARGS, LOCALE, TIMEZONE_ID, resolve_chromium_executable
from plugins.serveur_mock import ServeurMock

SCAN_AXE = "axe.run({resultTypes: ['violations']}).then(r => r.violations.length)"
VARIANTES = ("untraced", "snapshots", "snapshots and screencast", "and the artefacts written")


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


class Chrono:
    """Durations by name, the warm-up round left out."""

    def __init__(self) -> None:
        self.durees: dict[str, list[float]] = {}
        self.compter = False

    def mesurer(self, nom: str, action: Callable[[], object]) -> object:
        """Run the action, keep its duration under `nom`, return what it returned."""
        debut = time.perf_counter()
        resultat = action()
        if self.compter:
            self.durees.setdefault(nom, []).append(time.perf_counter() - debut)
        return resultat


def _pieces(chrono: Chrono, navigateur: Browser, url: str) -> None:
    """One round of the mock's pages, a context's life and axe-core."""
    for chemin in ("/", "/static/js/ameli.js"):
        chrono.mesurer(f"GET {chemin}", functools.partial(lire, url + chemin))
    contexte = navigateur.new_context(base_url=url, locale=LOCALE, timezone_id=TIMEZONE_ID)
    page = chrono.mesurer("context and page", contexte.new_page)
    assert isinstance(page, Page)
    chrono.mesurer("first navigation in the context", lambda: page.goto("/"))
    chrono.mesurer("later navigation", lambda: page.goto("/compte"))
    chrono.mesurer("axe: inject axe.min.js", lambda: page.evaluate(Axe().axe_script))
    chrono.mesurer("axe: first scan", lambda: page.evaluate(SCAN_AXE))
    chrono.mesurer("axe: second scan", lambda: page.evaluate(SCAN_AXE))
    chrono.mesurer("context close", contexte.close)


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


def profiler(tours: int) -> dict[str, float]:
    """Time every piece `tours` times after a warm-up; the medians, in milliseconds."""
    chrono = Chrono()
    with (
        tempfile.TemporaryDirectory(prefix="bench-profil-") as dossier,
        ServeurMock(Path(dossier) / "mock") as serveur,
        sync_playwright() as playwright,
    ):
        executable = resolve_chromium_executable(playwright.chromium.executable_path)
        navigateur = playwright.chromium.launch(
            executable_path=executable, args=list(CHROMIUM_ARGS)
        )
        for tour in range(tours + 1):
            chrono.compter = tour > 0
            _pieces(chrono, navigateur, serveur.url)
            for variante in VARIANTES:
                test = functools.partial(_test, navigateur, serveur.url, variante, Path(dossier))
                chrono.mesurer(f"test of two screens: {variante}", test)
        navigateur.close()
    return {nom: statistics.median(d) * 1000 for nom, d in chrono.durees.items()}


def section(tours: int) -> str:
    """The profile as a section of `bench/RESULTS.md`."""
    medianes = profiler(tours)
    reference = medianes[f"test of two screens: {VARIANTES[0]}"]
    lignes = [
        f"| {nom} | {ms:.0f} | "
        + (f"{ms / reference:.2f}× |" if nom.startswith("test of") else " |")
        for nom, ms in medianes.items()
    ]
    return (
        f"## Where a browser test's time goes\n\n{machine()}"
        f"- command: `python -m bench.profil --rounds {tours}` (medians after a warm-up)\n\n"
        "| piece | median, ms | ratio to the untraced test |\n| --- | ---: | ---: |\n"
        + "\n".join(lignes)
        + "\n"
    )


def main(argv: list[str] | None = None) -> None:
    """Print the profile of a browser test's pieces."""
    parser = argparse.ArgumentParser(prog="python -m bench.profil", description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    print(section(parser.parse_args(argv).rounds), flush=True)


if __name__ == "__main__":
    main()
