"""Pytest plugin: a failed browser test's artefacts, attached to its Allure result.

pytest-playwright keeps what its options ask for (``pyproject.toml`` sets them): the screenshot
of each page (``--screenshot only-on-failure``), the Playwright trace of each context
(``--tracing retain-on-failure``) and, when asked, the video (``--video retain-on-failure``),
in the test's folder of its output directory (``--output``, ``test-results/<test>/``). It lists
them on the test's teardown report (``user_properties``, which the JUnit XML carries too).

This plugin adds what pytest-playwright does not keep, in the same folder: the HTML of each page
open when the test failed, and what the pages said in their console (messages and uncaught
errors) and which of their requests failed. Without ``--tracing``, it also keeps a light trace
of each context open at the failure: every action with its call log and timing, the network and
the console, without the DOM snapshots and the screencast that make pytest-playwright's full
trace cost about a third more processor time on every browser test (docs/reports.md). It then
attaches the lot to the test's Allure result, the trace with the MIME type
``application/vnd.allure.playwright-trace`` so that the Allure 3 report opens it in its trace
viewer, with the command that replays the test (``plugins.reporting.terminal``). A test that
passes keeps and attaches nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import allure
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Request,
    Response,
    WebError,
)
from pytest_playwright import CreateContextCallback

from plugins.reporting.environment import noter_navigateur
from plugins.reporting.terminal import (
    PROPRIETE_HTML,
    PROPRIETE_JOURNAL,
    PROPRIETE_REJOUER,
    PROPRIETE_TRACE_LEGERE,
    chemin_lisible,
    commande_pour_rejouer,
)

MIME_TRACE_PLAYWRIGHT = "application/vnd.allure.playwright-trace"
PREMIER_STATUT_EN_ERREUR = 400
# pytest-playwright's names for what it kept, on the teardown report: (Allure name, MIME, ext).
PIECES_PLAYWRIGHT: dict[str, tuple[str, str, str]] = {
    "playwright_screenshot": ("Capture d'écran", "image/png", "png"),
    "playwright_trace": ("Trace Playwright", MIME_TRACE_PLAYWRIGHT, "zip"),
    "playwright_video": ("Vidéo", "video/webm", "webm"),
}


@dataclass
class JournalDuTest:
    """What the pages of a test's browser contexts said, and where its artefacts go."""

    dossier: Path
    titre: str
    trace_legere: bool
    contextes: list[BrowserContext] = field(default_factory=list)
    lignes: list[str] = field(default_factory=list)

    def suivre(self, contexte: BrowserContext) -> None:
        """Listen to a context's console, uncaught errors and network; trace it lightly when
        pytest-playwright does not trace it."""
        self.contextes.append(contexte)
        if self.trace_legere:
            contexte.tracing.start(
                title=self.titre, screenshots=False, snapshots=False, sources=False
            )
        contexte.on("console", self._message)
        contexte.on("weberror", self._exception)
        contexte.on("requestfailed", self._requete_echouee)
        contexte.on("response", self._reponse)

    def _message(self, message: ConsoleMessage) -> None:
        lieu = message.location
        source = f" ({lieu['url']}:{lieu['lineNumber']})" if lieu.get("url") else ""
        self.lignes.append(f"[console.{message.type}] {message.text}{source}")

    def _exception(self, erreur: WebError) -> None:
        self.lignes.append(f"[exception] {erreur.error.name}: {erreur.error.message}")

    def _requete_echouee(self, requete: Request) -> None:
        self.lignes.append(f"[réseau] {requete.method} {requete.url} — {requete.failure}")

    def _reponse(self, reponse: Response) -> None:
        if reponse.status >= PREMIER_STATUT_EN_ERREUR:
            self.lignes.append(
                f"[réseau] {reponse.request.method} {reponse.url} — HTTP {reponse.status} "
                f"{reponse.status_text}"
            )

    def garder(self, origine: Path) -> list[tuple[str, str]]:
        """Write the HTML of each open page and the journal; return them as report properties,
        their paths relative to `origine` (where pytest was started), as pytest-playwright's."""
        self.dossier.mkdir(parents=True, exist_ok=True)
        proprietes = []
        pages = [page for contexte in self.contextes for page in contexte.pages]
        for numero, page in enumerate(pages, start=1):
            chemin = self.dossier / f"page-{numero}.html"
            try:
                chemin.write_text(page.content(), encoding="utf-8")
            except Error as erreur:  # a page crashed or mid-navigation: say why, keep the rest
                self.lignes.append(f"[rapport] HTML de {page.url} illisible : {erreur.message}")
            else:
                proprietes.append((PROPRIETE_HTML, chemin_lisible(chemin, origine)))
        for numero, contexte in enumerate(self.contextes if self.trace_legere else [], start=1):
            if contexte.pages:  # still open
                # pytest-playwright stops the tracing when it closes the context.
                trace = self.dossier / f"trace-legere-{numero}.zip"
                contexte.tracing.stop_chunk(path=trace)
                proprietes.append((PROPRIETE_TRACE_LEGERE, chemin_lisible(trace, origine)))
        journal = self.dossier / "navigateur.log"
        journal.write_text("\n".join(self.lignes) + "\n" if self.lignes else "(rien)\n", "utf-8")
        proprietes.append((PROPRIETE_JOURNAL, chemin_lisible(journal, origine)))
        return proprietes


JOURNAL = pytest.StashKey[JournalDuTest]()
_ECHEC = pytest.StashKey[bool]()


@pytest.fixture
def new_context(
    new_context: CreateContextCallback,
    request: pytest.FixtureRequest,
    browser: Browser,
    base_url: str,
    output_path: str,
    faker_seed: int,
) -> CreateContextCallback:
    """pytest-playwright's context factory; each context's console and network recorded."""
    config = request.config
    noter_navigateur(config, browser, base_url)
    allure.dynamic.parameter(
        "Graine du run (--randomly-seed)", config.getoption("randomly_seed"), excluded=True
    )
    allure.dynamic.parameter("Graine Faker du test", faker_seed, excluded=True)
    journal = JournalDuTest(
        Path(output_path), request.node.nodeid, trace_legere=config.getoption("tracing") == "off"
    )
    request.node.stash[JOURNAL] = journal

    def creer(**options: Any) -> BrowserContext:
        contexte = new_context(**options)
        journal.suivre(contexte)
        return contexte

    return cast(CreateContextCallback, creer)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """On a browser test's first failed phase, keep its pages' HTML and journal (the pages are
    still open); after its teardown, attach everything kept and say how to replay it."""
    issue = yield
    rapport: pytest.TestReport = issue.get_result()  # type: ignore[attr-defined]
    journal = item.stash.get(JOURNAL, None)
    if journal is None:
        return  # not a browser test
    if rapport.failed and not item.stash.get(_ECHEC, False):
        item.stash[_ECHEC] = True
        item.user_properties.extend(journal.garder(item.config.invocation_params.dir))
        item.user_properties.append((PROPRIETE_REJOUER, commande_pour_rejouer(item)))
    if rapport.when == "teardown" and item.stash.get(_ECHEC, False):
        # pytest-playwright (an inner wrapper) has put what it kept on this report by now.
        proprietes = [*item.user_properties, *rapport.user_properties]
        rapport.user_properties = list(dict.fromkeys(proprietes))
        joindre(rapport.user_properties, item.config.invocation_params.dir)


def joindre(proprietes: list[tuple[str, object]], origine: Path) -> None:
    """Attach the kept files to the running test's Allure result, each with its MIME type."""
    rangs: dict[str, int] = {}
    for nom, valeur in proprietes:
        rangs[nom] = rangs.get(nom, 0) + 1
        rang = f" {rangs[nom]}" if rangs[nom] > 1 else ""
        if nom in PIECES_PLAYWRIGHT:
            titre, mime, extension = PIECES_PLAYWRIGHT[nom]
            allure.attach.file(
                origine / str(valeur), name=titre + rang, attachment_type=mime, extension=extension
            )
        elif nom == PROPRIETE_TRACE_LEGERE:
            allure.attach.file(
                origine / str(valeur),
                name=f"Trace Playwright, sans DOM ni film{rang}",
                attachment_type=MIME_TRACE_PLAYWRIGHT,
                extension="zip",
            )
        elif nom == PROPRIETE_HTML:
            allure.attach.file(
                origine / str(valeur),
                name=f"HTML de la page{rang}",
                attachment_type="text/html",
                extension="html",
            )
        elif nom == PROPRIETE_JOURNAL:
            allure.attach.file(
                origine / str(valeur),
                name="Console et réseau du navigateur",
                attachment_type=allure.attachment_type.TEXT,
            )
        elif nom == PROPRIETE_REJOUER:
            allure.attach(
                f"{valeur}\n", name="Rejouer ce test", attachment_type=allure.attachment_type.TEXT
            )
