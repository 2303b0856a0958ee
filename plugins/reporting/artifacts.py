"""Pytest plugin: what is kept of a failed browser test, for the report and for the terminal.

- Each browser context a test opens, or is lent (the worker's page, ``plugins.shared_page``), is
  traced (unless pytest-playwright's own ``--tracing`` does it already), and the console messages
  and failed requests of each of its pages are recorded; a lent context is followed from its
  loan to its return (``ArtefactsDuTest.rendre``), after which nothing of it reaches the test.
  The trace is a light one: every action with its call log and timing, the network and the
  console, without the DOM snapshots and the film strip, which made every browser test about
  1.3 times longer (``bench/RESULTS.md``, "Where a browser test's time goes"). A failed test
  prints the command that replays it with the full trace (``--tracing retain-on-failure``, the
  same seeds, so the same data).
- When the test fails — in a fixture's setup, in the test, or in a fixture's teardown — the
  pages still open are taken at once, as the failure left them: per context, a screenshot and
  the HTML of each open page, the Playwright trace, the console and the failed requests. They
  are kept in the test's folder of pytest-playwright's output directory (``test-results/<test>/``,
  ``--output``), named in the terminal (``plugins.reporting.terminal``) and attached to the
  test's Allure result (the trace with MIME type ``application/vnd.allure.playwright-trace``,
  opened by Allure Report 3's trace viewer), with the video when ``--video`` kept one and the
  command that replays the test. A test that passes keeps none of this.
- Each browser test carries its Faker seeds as (history-neutral) parameters.

A context closed before the failure (a test may close one itself, and fixtures close theirs in
teardown) has its artefacts taken just before it closes, as long as a failure can still come:
during the setup and the test itself, or in the teardown once a fixture's teardown has failed
(the screenshot is then a viewport JPEG; a test already failed gets a full-page PNG). A context
that closes after the test passed, with no teardown failed so far, takes nothing: its trace is
dropped unwritten and no screenshot or HTML is read, so a passing test pays only for recording
the trace. Teardown failures are seen as they happen (`pytest_fixture_setup` below); one in a
fixture torn down after the browser context (one that does not use the page) comes too late to
picture the page, and its report has no browser artefact.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

import allure
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Request,
    Response,
)
from pytest_playwright.pytest_playwright import CreateContextCallback
from slugify import slugify

from plugins.reporting.environment import noter_navigateur
from plugins.seed import commande_pour_rejouer, graine_du_run

MIME_TRACE_PLAYWRIGHT = "application/vnd.allure.playwright-trace"
OPTION_TRACE_COMPLETE = "--tracing retain-on-failure"
DELAI_CAPTURE_MS = 5_000
QUALITE_JPEG = 70
PREMIER_STATUT_EN_ERREUR = 400


@dataclass(frozen=True)
class PieceJointe:
    """A file to attach to the test's Allure result."""

    nom: str
    chemin: Path
    mime: str
    extension: str


@dataclass
class JournalDePage:
    """What a page said in its console and which of its requests failed."""

    numero: int
    page: Page
    console: list[str] = field(default_factory=list)
    reseau: list[str] = field(default_factory=list)

    def ecouter(self) -> None:
        """Subscribe to the page's console, errors and network events."""
        self.page.on("console", self._message)
        self.page.on("pageerror", self._exception)
        self.page.on("requestfailed", self._requete_echouee)
        self.page.on("response", self._reponse)

    def taire(self) -> None:
        """Unsubscribe (a page lent to the next test keeps no listener of this one)."""
        if self.page.is_closed():
            return
        self.page.remove_listener("console", self._message)
        self.page.remove_listener("pageerror", self._exception)
        self.page.remove_listener("requestfailed", self._requete_echouee)
        self.page.remove_listener("response", self._reponse)

    @property
    def onglet(self) -> str:
        """The tab's name in attachment titles."""
        return f"onglet {self.numero}"

    def _message(self, message: ConsoleMessage) -> None:
        lieu = message.location
        source = f" ({lieu['url']}:{lieu['lineNumber']})" if lieu.get("url") else ""
        self.console.append(f"[{message.type}] {message.text}{source}")

    def _exception(self, erreur: Error) -> None:
        self.console.append(f"[exception] {erreur.name}: {erreur.message}")

    def _requete_echouee(self, requete: Request) -> None:
        self.reseau.append(f"{requete.method} {requete.url} — {requete.failure}")

    def _reponse(self, reponse: Response) -> None:
        if reponse.status >= PREMIER_STATUT_EN_ERREUR:
            self.reseau.append(
                f"{reponse.request.method} {reponse.url} — HTTP {reponse.status} "
                f"{reponse.status_text}"
            )


class ArtefactsDuTest:
    """The browser contexts of one test, and what was taken from them before they closed."""

    def __init__(self, item: pytest.Item, dossier: Path, tracer: bool) -> None:
        self.item = item
        self.dossier = dossier
        self.tracer = tracer
        self.pieces: list[PieceJointe] = []
        self._contextes: list[BrowserContext] = []
        self._pages: dict[BrowserContext, list[JournalDePage]] = {}
        self._captures: set[BrowserContext] = set()
        self._abonnements: dict[BrowserContext, Callable[[Page], None]] = {}
        self._fermetures: dict[BrowserContext, Callable[..., None]] = {}
        self.conserve = False

    def suivre(self, contexte: BrowserContext, pages: Sequence[Page] = ()) -> None:
        """Record a context's pages (`pages`, those already open, and the new ones), trace it,
        and take its artefacts before it closes, or when it is given back (`rendre`) if it is
        only lent to the test (`plugins.shared_page`)."""
        self._contextes.append(contexte)
        self._pages[contexte] = []
        self._abonnements[contexte] = lambda page: self._nouvelle_page(contexte, page)
        contexte.on("page", self._abonnements[contexte])
        for page in pages:
            self._nouvelle_page(contexte, page)
        if self.tracer:
            # Actions, call logs, network and console; DOM snapshots and screencast only on a
            # replay with `--tracing retain-on-failure` (see the module's docstring).
            contexte.tracing.start(
                title=self.item.nodeid, screenshots=False, snapshots=False, sources=False
            )
        fermer = contexte.close
        self._fermetures[contexte] = fermer

        def capturer_puis_fermer(*args: Any, **kwargs: Any) -> None:
            self.capturer(contexte)
            fermer(*args, **kwargs)

        # pytest-playwright wraps `close` the same way; a test may close a context itself.
        contexte.close = capturer_puis_fermer  # type: ignore[method-assign]

    def rendre(self, contexte: BrowserContext) -> None:
        """A lent context goes back to its owner: take its artefacts (or drop its trace), then
        stop listening to it, so that the next test starts with no listener of this one."""
        self.capturer(contexte)
        contexte.remove_listener("page", self._abonnements.pop(contexte))
        for journal in self.journaux(contexte):
            journal.taire()
        contexte.close = self._fermetures.pop(contexte)  # type: ignore[method-assign]

    def journaux(self, contexte: BrowserContext) -> list[JournalDePage]:
        """What each page of the context said, in the order they opened."""
        return self._pages[contexte]

    def _nouvelle_page(self, contexte: BrowserContext, page: Page) -> None:
        journal = JournalDePage(numero=sum(map(len, self._pages.values())) + 1, page=page)
        journal.ecouter()
        self._pages[contexte].append(journal)

    def capturer_les_contextes_ouverts(self) -> None:
        """Take the artefacts of the contexts still open (pytest-playwright closes them next)."""
        for contexte in self._contextes:
            self.capturer(contexte)

    def capturer(self, contexte: BrowserContext) -> None:
        """Take a context's screenshots, HTML, console, failed requests and trace, once; or,
        when no failure can come any more (`plus_d_echec_possible`), drop its trace."""
        if contexte in self._captures:
            return
        self._captures.add(contexte)
        if plus_d_echec_possible(self.item):
            if self.tracer:
                contexte.tracing.stop()
            return
        numero = self._contextes.index(contexte) + 1
        suffixe = "" if len(self._contextes) == 1 else f" — contexte {numero}"
        journaux = self.journaux(contexte)
        for journal in journaux:
            if not journal.page.is_closed():
                self._capturer_page(journal, suffixe)
        self._texte(
            f"Console du navigateur{suffixe}",
            f"console-{numero}",
            _par_onglet(journaux, lambda journal: journal.console),
        )
        self._texte(
            f"Requêtes réseau en échec{suffixe}",
            f"reseau-{numero}",
            _par_onglet(journaux, lambda journal: journal.reseau),
        )
        if self.tracer:
            trace = self.dossier / f"trace-{numero}.zip"
            contexte.tracing.stop(path=trace)
            self.pieces.append(
                PieceJointe(f"Trace Playwright{suffixe}", trace, MIME_TRACE_PLAYWRIGHT, "zip")
            )

    def _capturer_page(self, journal: JournalDePage, suffixe: str) -> None:
        base = self.dossier / f"onglet-{journal.numero}"
        titre = f"{journal.onglet}{suffixe}"
        # A failure may leave the page crashed or mid-navigation: the report then says why
        # a capture is missing instead of losing the other artefacts.
        try:
            # A full-page PNG costs more than everything else taken here, so a test that has
            # not failed yet gets a viewport JPEG, kept only if a fixture's teardown fails.
            if a_echoue(self.item):
                image = base.with_suffix(".png")
                journal.page.screenshot(path=image, full_page=True, timeout=DELAI_CAPTURE_MS)
            else:
                image = base.with_suffix(".jpeg")
                journal.page.screenshot(
                    path=image, type="jpeg", quality=QUALITE_JPEG, timeout=DELAI_CAPTURE_MS
                )
        except Error as erreur:
            self._texte(
                f"Capture d'écran impossible — {titre}", f"{base.name}-capture", str(erreur)
            )
        else:
            format_image = image.suffix.removeprefix(".")
            self.pieces.append(
                PieceJointe(
                    f"Capture d'écran — {titre}", image, f"image/{format_image}", format_image
                )
            )
        try:
            html = journal.page.content()
        except Error as erreur:
            self._texte(f"HTML impossible à lire — {titre}", f"{base.name}-html", str(erreur))
        else:
            base.with_suffix(".html").write_text(html, encoding="utf-8")
            self.pieces.append(
                PieceJointe(
                    f"HTML de la page — {titre} ({journal.page.url})",
                    base.with_suffix(".html"),
                    "text/html",
                    "html",
                )
            )

    def _texte(self, nom: str, fichier: str, texte: str) -> None:
        chemin = self.dossier / f"{fichier}.txt"
        chemin.write_text(texte, encoding="utf-8")
        self.pieces.append(PieceJointe(nom, chemin, "text/plain", "txt"))

    def conserver(self, dossier: Path) -> None:
        """Move the files taken so far to `dossier`, where the next ones will go too."""
        if dossier.exists():
            shutil.rmtree(dossier)
        dossier.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(self.dossier, dossier)
        self.pieces = [
            replace(piece, chemin=dossier / piece.chemin.relative_to(self.dossier))
            for piece in self.pieces
        ]
        self.dossier = dossier
        self.conserve = True

    def effacer(self) -> None:
        """Delete the files taken (Allure has copied those it keeps)."""
        shutil.rmtree(self.dossier, ignore_errors=True)


def _par_onglet(journaux: list[JournalDePage], lignes: Callable[[JournalDePage], list[str]]) -> str:
    """One section per tab: its last URL, then its lines, or "(rien)"."""
    if not journaux:
        return "(aucune page ouverte)"
    sections = []
    for journal in journaux:
        corps = "\n".join(lignes(journal)) or "(rien)"
        sections.append(f"== {journal.onglet} — {journal.page.url}\n{corps}")
    return "\n\n".join(sections) + "\n"


ARTEFACTS = pytest.StashKey[ArtefactsDuTest]()
_RAPPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


def dossier_de_sortie(item: pytest.Item) -> Path:
    """The test's folder in pytest-playwright's output directory, named as pytest-playwright
    names it (its `--tracing` and `--video` files go there too)."""
    return Path(item.config.getoption("output")).absolute() / slugify(item.nodeid)[:200]


@pytest.fixture
def new_context(
    new_context: CreateContextCallback,
    request: pytest.FixtureRequest,
    browser: Browser,
    base_url: str,
    faker_seed: int,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[CreateContextCallback]:
    """pytest-playwright's context factory, each context traced and recorded for the report."""
    config = request.config
    noter_navigateur(config, browser, base_url)
    allure.dynamic.parameter(
        "Graine Faker du run (--faker-seed)", graine_du_run(config), excluded=True
    )
    allure.dynamic.parameter("Graine Faker du test", faker_seed, excluded=True)
    artefacts = ArtefactsDuTest(
        item=request.node,
        dossier=tmp_path_factory.mktemp("artefacts-allure"),
        tracer=config.getoption("tracing") == "off",
    )
    request.node.stash[ARTEFACTS] = artefacts

    def creer(**options: Any) -> BrowserContext:
        contexte = new_context(**options)
        artefacts.suivre(contexte)
        return contexte

    yield cast(CreateContextCallback, creer)
    artefacts.capturer_les_contextes_ouverts()


def artefacts_du_test(item: pytest.Item) -> ArtefactsDuTest | None:
    """What the running test records of its browser contexts (set up by `new_context`)."""
    return item.stash.get(ARTEFACTS, None)


def echec_jusqu_ici(item: pytest.Item) -> bool:
    """Whether the test has failed so far: a phase reported failed, or a fixture's teardown."""
    return a_echoue(item) or item.stash.get(_NETTOYAGE_ECHOUE, False)


def a_echoue(item: pytest.Item) -> bool:
    """Whether a phase of the test reported so far (setup, call, teardown) failed."""
    return any(rapport.failed for rapport in item.stash.get(_RAPPORTS, {}).values())


_NETTOYAGE_ECHOUE = pytest.StashKey[bool]()
_NETTOYAGES_SUIVIS = pytest.StashKey[bool]()


def plus_d_echec_possible(item: pytest.Item) -> bool:
    """Whether the test has passed its call and no fixture teardown has failed so far: what a
    context closing now would leave could then only be thrown away."""
    rapport = item.stash.get(_RAPPORTS, {}).get("call")
    return (
        rapport is not None
        and rapport.passed
        and item.stash.get(_NETTOYAGES_SUIVIS, False)
        and not item.stash.get(_NETTOYAGE_ECHOUE, False)
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> Iterator[None]:
    """Note on the test when one of its function-scoped fixtures fails in its teardown.

    A fixture's teardown runs among the finalizers pytest keeps on its definition; their
    exceptions are only reported once the whole teardown is over, after the browser contexts
    have closed. Wrapping the finalizers the fixture registers while it is set up lets a
    context closing later know that a failure has come, and keep its artefacts. Without that
    list (another pytest), every context keeps its artefacts, as if a failure could come.
    """
    finalisations: list[Callable[[], object]] | None = getattr(fixturedef, "_finalizers", None)
    item = request.node
    suivi = (
        fixturedef.scope == "function"
        and isinstance(item, pytest.Item)
        and isinstance(finalisations, list)
    )
    avant = len(finalisations) if suivi and finalisations is not None else 0
    yield
    if not suivi or finalisations is None:
        return
    item.stash.setdefault(_NETTOYAGES_SUIVIS, True)
    for rang in range(avant, len(finalisations)):
        finalisations[rang] = _observee(finalisations[rang], item)


def _observee(finalisation: Callable[[], object], item: pytest.Item) -> Callable[[], object]:
    """The finalizer, noting on the test when it raises."""

    def observer() -> object:
        try:
            return finalisation()
        except BaseException:
            item.stash[_NETTOYAGE_ECHOUE] = True
            raise

    return observer


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report; after the teardown, attach the artefacts if any phase failed."""
    issue = yield
    rapport: pytest.TestReport = issue.get_result()  # type: ignore[attr-defined]
    if rapport.when == "setup":
        item.stash[_RAPPORTS] = {}
    item.stash.setdefault(_RAPPORTS, {})[rapport.when] = rapport
    artefacts = item.stash.get(ARTEFACTS, None)
    if rapport.failed and artefacts is not None and not artefacts.conserve:
        # The pages are still open: take them now, in the state the failure left them, and
        # keep everything where a person can open it from the terminal.
        artefacts.capturer_les_contextes_ouverts()
        artefacts.conserver(dossier_de_sortie(item))
    if rapport.when != "teardown":
        return
    if a_echoue(item):
        _joindre_les_artefacts(item, rapport, artefacts)
    elif artefacts is not None:
        artefacts.effacer()


def _joindre_les_artefacts(
    item: pytest.Item, rapport: pytest.TestReport, artefacts: ArtefactsDuTest | None
) -> None:
    """Attach a failed test's artefacts, and pytest-playwright's own trace and video if kept."""
    if artefacts is None:
        return
    for piece in artefacts.pieces:
        _joindre(piece)
    # pytest-playwright lists what it kept (`--tracing`, `--video`) on the teardown report.
    origine = item.config.invocation_params.dir
    for nom, valeur in rapport.user_properties:
        chemin = origine / str(valeur)
        if nom == "playwright_trace":
            _joindre(
                PieceJointe("Trace Playwright (--tracing)", chemin, MIME_TRACE_PLAYWRIGHT, "zip")
            )
        elif nom == "playwright_video":
            _joindre(PieceJointe(f"Vidéo — {chemin.parent.name}", chemin, "video/webm", "webm"))
    allure.attach(
        commande_pour_rejouer(item) + "\n",
        name="Rejouer ce test",
        attachment_type=allure.attachment_type.TEXT,
    )


def _joindre(piece: PieceJointe) -> None:
    """Attach a file to the running test's result, under its own MIME type."""
    # allure-python passes a MIME string and an extension through as they are.
    allure.attach.file(
        piece.chemin, name=piece.nom, attachment_type=piece.mime, extension=piece.extension
    )
