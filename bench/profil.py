"""Where a browser test's time goes: each piece timed on its own, in one process.

`python -m bench.profil` starts a mock (`python -m mock_site`, test mode) and the suite's
Chromium with the suite's launch flags, then times, over several rounds in turn (the median is
printed, the first round is a warm-up):

- a fresh browser context and its page, as pytest-playwright makes one for every test;
- the first navigation in that context (its renderer process starts) and a later one;
- starting a trace with screenshots and snapshots, as `plugins/reporting/artifacts.py` does;
- the same few actions (two screens) untraced, traced with DOM snapshots only, traced with the
  screencast too, and traced then followed by what every passing test used to pay at its
  context's close (a JPEG screenshot, the page's HTML, the trace written to a zip);
- `tracing.stop` writing the zip and dropping it; the JPEG; `page.content()`;
- axe-core: injecting its script (`pages/accessibilite.py` does it at every scan), a first
  scan and a second one on the same page;
- a GET of the home page and of a static file from the mock (template rendering included).

Nothing here passes or fails: it prints a Markdown table, the figures RESULTS.md quotes.
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
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from pages.textes import ACCUEIL, CREATION, DIALOGUE_CAISSE
from plugins.browser import CHROMIUM_ARGS, LOCALE, TIMEZONE_ID, resolve_chromium_executable
from plugins.serveur_mock import ServeurMock

AXE = Axe()
SCAN_AXE = "axe.run({resultTypes: ['violations']}).then(r => r.violations.length)"


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

    def mesurer(self, nom: str, action: Callable[[], object]) -> None:
        """Run the action and keep its duration under `nom`."""
        debut = time.perf_counter()
        action()
        if self.compter:
            self.durees.setdefault(nom, []).append(time.perf_counter() - debut)

    def ms(self, nom: str) -> float:
        """The median, in milliseconds."""
        return statistics.median(self.durees[nom]) * 1000


def profiler(tours: int) -> str:
    """Time every piece `tours` times after a warm-up; return the Markdown table."""
    chrono = Chrono()
    with (
        tempfile.TemporaryDirectory(prefix="bench-profil-") as temporaire,
        ServeurMock(Path(temporaire) / "mock") as serveur,
        sync_playwright() as playwright,
    ):
        dossier = Path(temporaire)
        for chemin in ("/", "/static/js/ameli.js"):
            for _ in range(tours + 1):
                chrono.mesurer(f"GET {chemin}", functools.partial(lire, serveur.url + chemin))
                chrono.compter = True
            chrono.compter = False
        navigateur = playwright.chromium.launch(
            executable_path=resolve_chromium_executable(playwright.chromium.executable_path),
            args=list(CHROMIUM_ARGS),
        )

        def contexte() -> BrowserContext:
            return navigateur.new_context(
                base_url=serveur.url, locale=LOCALE, timezone_id=TIMEZONE_ID
            )

        for tour in range(tours + 1):
            chrono.compter = tour > 0
            boite: dict[str, BrowserContext | Page] = {}

            def ouvrir(boite: dict[str, BrowserContext | Page] = boite) -> None:
                boite["contexte"] = ctx = contexte()
                boite["page"] = ctx.new_page()

            chrono.mesurer("context and page", ouvrir)
            page = boite["page"]
            assert isinstance(page, Page)
            chrono.mesurer("first navigation in the context", functools.partial(page.goto, "/"))
            chrono.mesurer("later navigation", functools.partial(page.goto, "/compte"))
            chrono.mesurer(
                "axe: inject axe.min.js", functools.partial(page.evaluate, AXE.axe_script)
            )
            chrono.mesurer("axe: first scan", functools.partial(page.evaluate, SCAN_AXE))
            chrono.mesurer("axe: second scan", functools.partial(page.evaluate, SCAN_AXE))
            chrono.mesurer("context close", page.context.close)

            for variante in (
                "untraced",
                "snapshots",
                "snapshots and screencast",
                "screencast, then JPEG, HTML and trace written",
            ):

                def passer(variante: str = variante) -> None:
                    ctx = contexte()
                    if variante != "untraced":
                        ctx.tracing.start(
                            screenshots=variante != "snapshots", snapshots=True, sources=False
                        )
                    p = ctx.new_page()
                    deux_ecrans(p)
                    if variante.endswith("written"):
                        p.screenshot(path=dossier / "page.jpeg", type="jpeg", quality=70)
                        p.content()
                        ctx.tracing.stop(path=dossier / "trace.zip")
                    elif variante != "untraced":
                        ctx.tracing.stop()
                    ctx.close()

                chrono.mesurer(f"test of two screens: {variante}", passer)

            ctx = contexte()
            p = ctx.new_page()

            def tracer(ctx: BrowserContext = ctx) -> None:
                ctx.tracing.start(screenshots=True, snapshots=True, sources=False)

            def capturer(p: Page = p) -> None:
                p.screenshot(path=dossier / "page.jpeg", type="jpeg", quality=70)

            def ecrire_trace(ctx: BrowserContext = ctx) -> None:
                ctx.tracing.stop(path=dossier / "trace.zip")

            chrono.mesurer("tracing.start (screenshots, snapshots)", tracer)
            deux_ecrans(p)
            chrono.mesurer("JPEG screenshot of the viewport", capturer)
            chrono.mesurer("page.content()", p.content)
            chrono.mesurer("tracing.stop writing the zip", ecrire_trace)
            tracer()
            deux_ecrans(p)
            chrono.mesurer("tracing.stop dropping the trace", ctx.tracing.stop)
            ctx.close()
        navigateur.close()
    reference = chrono.ms("test of two screens: untraced")
    lignes = []
    for nom in chrono.durees:
        ratio = (
            f"{chrono.ms(nom) / reference:.2f}×" if nom.startswith("test of two screens") else ""
        )
        lignes.append(f"| {nom} | {chrono.ms(nom):.0f} | {ratio} |")
    return (
        "| piece | median, ms | ratio to the untraced test |\n| --- | --- | --- |\n"
        + "\n".join(lignes)
        + f"\n\n{tours} rounds after a warm-up.\n"
    )


def main(argv: list[str] | None = None) -> None:
    """Print the profile of a browser test's pieces."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.profil",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    print(profiler(args.rounds), flush=True)


if __name__ == "__main__":
    main()
