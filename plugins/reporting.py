"""Pytest plugin: Allure results a reader can act on, for every browser test and for the run.

- Each browser context a test opens is traced (unless pytest-playwright's own ``--tracing`` does
  it already), and the console messages and failed requests of each of its pages are recorded.
- When the test fails — in a fixture's setup, in the test, or in a fixture's teardown — its
  Allure result gets, per context: a screenshot and the HTML of each open page, the Playwright
  trace (MIME type ``application/vnd.allure.playwright-trace``, opened by Allure Report 3's trace
  viewer), the console and the failed requests; the video when ``--video`` kept one; and the
  command that replays it. A test that passes gets none of this, and its files are deleted.
- Each browser test carries its Faker seeds as (history-neutral) parameters, and a test without
  ``@allure.title`` gets one made from its name.
- At the end of the run, the controller (never a pytest-xdist worker) writes
  ``environment.properties`` and copies ``reporting/categories.json`` into the results directory.
  Workers send it their browser and base URL, and only the controller honours
  ``--clean-alluredir``, so no worker deletes the results of another.

A context's artefacts are taken just before it closes, whatever the outcome so far: a fixture
torn down before the context may still fail the test, and only the teardown report says so, so
the choice to keep them is made then. What a test that passes costs is kept small: the trace is
written (a few tens of milliseconds) and the screenshot is a viewport JPEG; a test already failed
gets a full-page PNG.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, cast

import allure
import pytest
from allure_pytest.utils import allure_title
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

from plugins.seed import graine_du_run

MIME_TRACE_PLAYWRIGHT = "application/vnd.allure.playwright-trace"
CATEGORIES = Path(__file__).resolve().parent.parent / "reporting" / "categories.json"
CLE_SORTIE_WORKER = "contexte_allure"
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

    def suivre(self, contexte: BrowserContext) -> None:
        """Record a new context's pages, trace it, and take its artefacts before it closes."""
        self._contextes.append(contexte)
        self._pages[contexte] = []
        contexte.on("page", lambda page: self._nouvelle_page(contexte, page))
        if self.tracer:
            contexte.tracing.start(title=self.item.nodeid, screenshots=True, snapshots=True,
                                   sources=False)
        fermer = contexte.close

        def capturer_puis_fermer(*args: Any, **kwargs: Any) -> None:
            self.capturer(contexte)
            fermer(*args, **kwargs)

        # pytest-playwright wraps `close` the same way; a test may close a context itself.
        contexte.close = capturer_puis_fermer  # type: ignore[method-assign]

    def _nouvelle_page(self, contexte: BrowserContext, page: Page) -> None:
        journal = JournalDePage(numero=sum(map(len, self._pages.values())) + 1, page=page)
        journal.ecouter()
        self._pages[contexte].append(journal)

    def capturer_les_contextes_ouverts(self) -> None:
        """Take the artefacts of the contexts still open (pytest-playwright closes them next)."""
        for contexte in self._contextes:
            self.capturer(contexte)

    def capturer(self, contexte: BrowserContext) -> None:
        """Take a context's screenshots, HTML, console, failed requests and trace, once."""
        if contexte in self._captures:
            return
        self._captures.add(contexte)
        numero = self._contextes.index(contexte) + 1
        suffixe = "" if len(self._contextes) == 1 else f" — contexte {numero}"
        journaux = self._pages[contexte]
        for journal in journaux:
            if not journal.page.is_closed():
                self._capturer_page(journal, suffixe)
        self._texte(f"Console du navigateur{suffixe}", f"console-{numero}",
                    _par_onglet(journaux, lambda journal: journal.console))
        self._texte(f"Requêtes réseau en échec{suffixe}", f"reseau-{numero}",
                    _par_onglet(journaux, lambda journal: journal.reseau))
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
                journal.page.screenshot(path=image, type="jpeg", quality=QUALITE_JPEG,
                                        timeout=DELAI_CAPTURE_MS)
        except Error as erreur:
            self._texte(f"Capture d'écran impossible — {titre}", f"{base.name}-capture",
                        str(erreur))
        else:
            format_image = image.suffix.removeprefix(".")
            self.pieces.append(
                PieceJointe(f"Capture d'écran — {titre}", image, f"image/{format_image}",
                            format_image)
            )
        try:
            html = journal.page.content()
        except Error as erreur:
            self._texte(f"HTML impossible à lire — {titre}", f"{base.name}-html", str(erreur))
        else:
            base.with_suffix(".html").write_text(html, encoding="utf-8")
            self.pieces.append(
                PieceJointe(f"HTML de la page — {titre} ({journal.page.url})",
                            base.with_suffix(".html"), "text/html", "html")
            )

    def _texte(self, nom: str, fichier: str, texte: str) -> None:
        chemin = self.dossier / f"{fichier}.txt"
        chemin.write_text(texte, encoding="utf-8")
        self.pieces.append(PieceJointe(nom, chemin, "text/plain", "txt"))

    def effacer(self) -> None:
        """Delete the files taken (Allure has copied those it keeps)."""
        shutil.rmtree(self.dossier, ignore_errors=True)


def _par_onglet(journaux: list[JournalDePage],
                lignes: Callable[[JournalDePage], list[str]]) -> str:
    """One section per tab: its last URL, then its lines, or "(rien)"."""
    if not journaux:
        return "(aucune page ouverte)"
    sections = []
    for journal in journaux:
        corps = "\n".join(lignes(journal)) or "(rien)"
        sections.append(f"== {journal.onglet} — {journal.page.url}\n{corps}")
    return "\n\n".join(sections) + "\n"


@dataclass
class ContexteDuRun:
    """What the run's environment section reports, gathered from every test process."""

    navigateurs: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)

    def fusionner(self, autre: dict[str, list[str]]) -> None:
        """Add what a pytest-xdist worker sent."""
        self.navigateurs.update(autre.get("navigateurs", ()))
        self.urls.update(autre.get("urls", ()))

    def en_sortie_de_worker(self) -> dict[str, list[str]]:
        """What a worker sends to the controller (plain lists: execnet serialises them)."""
        return {"navigateurs": sorted(self.navigateurs), "urls": sorted(self.urls)}


_ARTEFACTS = pytest.StashKey[ArtefactsDuTest]()
_RAPPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
_CONTEXTE = pytest.StashKey[ContexteDuRun]()


def _est_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _dossier_allure(config: pytest.Config) -> Path | None:
    dossier: str | None = getattr(config.option, "allure_report_dir", None)
    return Path(dossier) if dossier else None


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Let only the controller clean the results directory, before any worker starts."""
    config.stash[_CONTEXTE] = ContexteDuRun()
    if _est_worker(config) and getattr(config.option, "clean_alluredir", False):
        config.option.clean_alluredir = False


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
    contexte_du_run = config.stash[_CONTEXTE]
    contexte_du_run.navigateurs.add(f"{browser.browser_type.name} {browser.version}")
    contexte_du_run.urls.add(base_url)
    allure.dynamic.parameter("Graine Faker du run (--faker-seed)", graine_du_run(config),
                             excluded=True)
    allure.dynamic.parameter("Graine Faker du test", faker_seed, excluded=True)
    artefacts = ArtefactsDuTest(
        item=request.node,
        dossier=tmp_path_factory.mktemp("artefacts-allure"),
        tracer=config.getoption("tracing") == "off",
    )
    request.node.stash[_ARTEFACTS] = artefacts

    def creer(**options: Any) -> BrowserContext:
        contexte = new_context(**options)
        artefacts.suivre(contexte)
        return contexte

    yield cast(CreateContextCallback, creer)
    artefacts.capturer_les_contextes_ouverts()


def titre_par_defaut(item: pytest.Item) -> str:
    """A title made from the test's (French) name, with its parameters other than the browser."""
    nom = getattr(item, "originalname", item.name).removeprefix("test_").replace("_", " ")
    titre = nom[:1].upper() + nom[1:]
    callspec = getattr(item, "callspec", None)
    valeurs = [str(valeur) for cle, valeur in (callspec.params.items() if callspec else ())
               if cle != "browser_name"]
    return f"{titre} ({', '.join(valeurs)})" if valeurs else titre


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """Title a test that has no `@allure.title`, once allure-pytest has named its result."""
    yield
    # A title the test body sets with `allure.dynamic.title` replaces this one.
    if allure_title(item) is None:
        allure.dynamic.title(titre_par_defaut(item))


def a_echoue(item: pytest.Item) -> bool:
    """Whether a phase of the test reported so far (setup, call, teardown) failed."""
    return any(rapport.failed for rapport in item.stash.get(_RAPPORTS, {}).values())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report; after the teardown, attach the artefacts if any phase failed."""
    issue = yield
    rapport: pytest.TestReport = issue.get_result()  # type: ignore[attr-defined]
    if rapport.when == "setup":
        item.stash[_RAPPORTS] = {}
    item.stash.setdefault(_RAPPORTS, {})[rapport.when] = rapport
    if rapport.when != "teardown":
        return
    artefacts = item.stash.get(_ARTEFACTS, None)
    if a_echoue(item):
        _joindre_les_artefacts(item, rapport, artefacts)
    if artefacts is not None:
        artefacts.effacer()


def _joindre_les_artefacts(item: pytest.Item, rapport: pytest.TestReport,
                           artefacts: ArtefactsDuTest | None) -> None:
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
            _joindre(PieceJointe("Trace Playwright (--tracing)", chemin, MIME_TRACE_PLAYWRIGHT,
                                 "zip"))
        elif nom == "playwright_video":
            _joindre(PieceJointe(f"Vidéo — {chemin.parent.name}", chemin, "video/webm", "webm"))
    allure.attach(
        f"pytest '{item.nodeid}' --faker-seed {graine_du_run(item.config)}\n",
        name="Rejouer ce test",
        attachment_type=allure.attachment_type.TEXT,
    )


def _joindre(piece: PieceJointe) -> None:
    """Attach a file to the running test's result, under its own MIME type."""
    # allure-python passes a MIME string and an extension through as they are.
    allure.attach.file(
        piece.chemin, name=piece.nom, attachment_type=piece.mime, extension=piece.extension
    )


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Send this worker's context to the controller, or write the run's context files."""
    config = session.config
    contexte = config.stash[_CONTEXTE]
    if _est_worker(config):
        config.workeroutput[CLE_SORTIE_WORKER] = contexte.en_sortie_de_worker()  # type: ignore[attr-defined]
        return
    dossier = _dossier_allure(config)
    if dossier is None or config.option.collectonly:
        return
    dossier.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CATEGORIES, dossier / "categories.json")
    ecrire_proprietes(dossier / "environment.properties", environnement(config, contexte))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """Gather what a pytest-xdist worker saw (its browser, its mock's URL)."""
    sortie = getattr(node, "workeroutput", {}).get(CLE_SORTIE_WORKER)
    if sortie is not None:
        node.config.stash[_CONTEXTE].fusionner(sortie)


def environnement(config: pytest.Config, contexte: ContexteDuRun) -> dict[str, str]:
    """The run's context, as the report's environment section shows it."""
    graine = graine_du_run(config)
    base_url_donnee = config.getoption("base_url", None)
    if base_url_donnee:
        url = str(base_url_donnee)
    elif contexte.urls:
        url = "mock local de chaque processus : " + ", ".join(sorted(contexte.urls))
    else:
        url = "aucun test navigateur lancé"
    return {
        "Navigateur": ", ".join(sorted(contexte.navigateurs)) or "aucun test navigateur lancé",
        "URL de base": url,
        "Graine Faker du run": f"{graine} (rejouer : pytest --faker-seed {graine})",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "Playwright": metadata.version("playwright"),
        "pytest": pytest.__version__,
        "Commit git": commit_git(config.rootpath),
        "Système": platform.platform(),
    }


def commit_git(racine: Path) -> str:
    """The commit under test, marked when the working tree has local changes."""
    try:
        commit = _git(racine, "rev-parse", "HEAD")
        modifie = bool(_git(racine, "status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return "inconnu (pas de dépôt git)"
    return f"{commit} (modifications locales)" if modifie else commit


def _git(racine: Path, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=racine, capture_output=True, text=True,
                          check=True).stdout.strip()


def ecrire_proprietes(chemin: Path, valeurs: dict[str, str]) -> None:
    """Write a Java `.properties` file, non-ASCII characters escaped as the format wants."""
    lignes = [f"{_echapper(cle, cle=True)}={_echapper(valeur)}" for cle, valeur in valeurs.items()]
    chemin.write_text("\n".join(lignes) + "\n", encoding="ascii")


def _echapper(texte: str, cle: bool = False) -> str:
    speciaux = "\\:=#! " if cle else "\\"
    sortie = []
    for caractere in texte:
        if caractere in speciaux:
            sortie.append("\\" + caractere)
        elif caractere == "\n":
            sortie.append("\\n")
        elif not " " <= caractere <= "~":
            # UTF-16 code units, as Java's properties format escapes them.
            unites = caractere.encode("utf-16-be")
            sortie.extend(f"\\u{int.from_bytes(unites[i:i + 2]):04x}"
                          for i in range(0, len(unites), 2))
        else:
            sortie.append(caractere)
    return "".join(sortie)
