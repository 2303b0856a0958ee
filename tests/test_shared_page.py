"""The test process's browser page (`plugins.shared_page`): what a test inherits of the one
before, and when it gets a context of its own.

Each test lends a page of its own `SharedPage` (not the suite's), so that what it does to it
reaches no other test.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from pages.accueil import AccueilPage
from plugins.reporting.artifacts import ArtefactsDuTest
from plugins.shared_page import MARKER, SharedPage, may_share

pytestmark = pytest.mark.unit

# The slow server answers when the test says so, or after this delay: a page cannot run a
# script while its navigation is under way, so the reset waits for the answer.
LATENCE_SERVEUR_LENT_S = 0.5
# How long the test waits for the slow server to be asked, and to answer.
DELAI_SERVEUR_LENT_S = 10
# How long a request the reset did not stop may take to reach the server once the next test
# has its page (a stopped one never does).
ARRIVEE_MAX_S = 2


@pytest.fixture
def partagee(browser: Browser, base_url: str) -> Iterator[SharedPage]:
    """A shared page of this test's own, on the mock under test."""
    page_partagee = SharedPage(browser, {"base_url": base_url, "locale": "fr-FR"})
    yield page_partagee
    page_partagee.discard()


def _preter(partagee: SharedPage) -> tuple[BrowserContext, Page]:
    contexte, page = partagee.lend()
    partagee.watch()
    return contexte, page


def test_le_test_suivant_ne_recoit_rien_de_ce_que_le_precedent_a_laisse(
    partagee: SharedPage, base_url: str
) -> None:
    """Cookies, web storage, routes, other tabs, permissions and viewport are reset; the page
    is emptied; the context is the same."""
    contexte, page = _preter(partagee)
    page.goto("/")
    contexte.add_cookies([{"name": "laisse", "value": "1", "url": base_url}])
    page.evaluate("() => { localStorage.setItem('laisse', '1'); sessionStorage.setItem('l', '1') }")
    page.route("**/static/**", lambda route: route.abort())
    contexte.route("**/compte/**", lambda route: route.abort())
    contexte.grant_permissions(["geolocation"], origin=base_url)
    contexte.new_page()
    page.set_viewport_size({"width": 400, "height": 300})
    partagee.give_back(keep=True)

    suivant, page_suivante = _preter(partagee)

    assert suivant is contexte
    assert page_suivante is page
    expect(page.locator("html > *")).to_have_count(0)
    assert contexte.pages == [page]
    assert contexte.cookies() == []
    assert page.viewport_size == {"width": 1280, "height": 720}
    reponse = page.goto("/compte/creation")
    assert reponse is not None
    assert reponse.ok
    with page.expect_response("**/static/**") as statique:
        page.reload()
    assert statique.value.ok
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
    etat = page.evaluate(
        "async () => (await navigator.permissions.query({name: 'geolocation'})).state"
    )
    assert etat == "prompt"


def test_le_test_suivant_ne_trouve_aucun_element_du_precedent(partagee: SharedPage) -> None:
    """Before it opens a screen, a test finds nothing on the page: not the previous screen's
    heading, nor any of its fields."""
    contexte, page = _preter(partagee)
    page.goto("/compte/creation")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    partagee.give_back(keep=True)

    suivant, page_suivante = _preter(partagee)

    assert (suivant, page_suivante) == (contexte, page)
    expect(page.get_by_role("heading")).to_have_count(0)
    expect(page.locator("input, button, a")).to_have_count(0)
    assert page.title() == ""


def test_le_pointeur_laisse_par_le_test_precedent_ne_survole_rien(partagee: SharedPage) -> None:
    """The previous test left the mouse on the home page's pictogram, whose description shows
    on hover: the next test's home page opens with that description hidden."""
    _, page = _preter(partagee)
    accueil = AccueilPage(page).ouvrir()
    accueil.survoler_compte_ameli()
    expect(accueil.infobulle_compte_ameli).to_be_visible()
    partagee.give_back(keep=True)

    _, page_suivante = _preter(partagee)
    accueil = AccueilPage(page_suivante).ouvrir()

    expect(accueil.cadre_rose).to_be_visible()
    expect(accueil.infobulle_compte_ameli).to_be_hidden()


class _ServeurLent(ThreadingHTTPServer):
    """Answers `/lent` with a session cookie when told to (or after its latency); records the
    cookies `/temoin` receives."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _RequetesLentes)
        self.demande = threading.Event()
        self.repondre = threading.Event()
        self.repondu = threading.Event()
        self.cookies_recus: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _RequetesLentes(BaseHTTPRequestHandler):
    server: _ServeurLent

    def do_GET(self) -> None:
        if self.path.startswith("/lent"):
            self.server.demande.set()
            self.server.repondre.wait(LATENCE_SERVEUR_LENT_S)
            try:
                self._repondre(("Set-Cookie", "session=du-test-precedent; Path=/"))
            finally:
                self.server.repondu.set()
            return
        if self.path.startswith("/temoin"):
            self.server.cookies_recus.append(self.headers.get("Cookie", ""))
        self._repondre()

    def _repondre(self, *entetes: tuple[str, str]) -> None:
        with contextlib.suppress(OSError):  # the browser may have given up on the request
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            for nom, valeur in entetes:
                self.send_header(nom, valeur)
            self.end_headers()
            self.wfile.write(b"<!doctype html><title>t</title><p>page</p>")

    def log_message(self, format: str, *args: Any) -> None:
        """Silent."""


@pytest.fixture
def serveur_lent() -> Iterator[_ServeurLent]:
    serveur = _ServeurLent()
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    yield serveur
    serveur.repondre.set()
    serveur.shutdown()
    serveur.server_close()


@pytest.mark.parametrize("attendre_la_requete", [True, False], ids=["partie", "a-peine-lancee"])
def test_une_navigation_laissee_en_cours_n_apporte_aucun_cookie_au_test_suivant(
    partagee: SharedPage, serveur_lent: _ServeurLent, attendre_la_requete: bool
) -> None:
    """A test that ends while its page is still loading (here a session cookie on the way),
    its request already sent or only just started: the reset stops that navigation, or waits
    for it and throws the context away; the cookie never reaches the next test."""
    _, page = _preter(partagee)
    page.goto(f"{serveur_lent.url}/")
    page.evaluate("url => { location.href = url }", f"{serveur_lent.url}/lent")
    if attendre_la_requete:
        assert serveur_lent.demande.wait(DELAI_SERVEUR_LENT_S)
    partagee.give_back(keep=True)

    suivant, page_suivante = _preter(partagee)
    serveur_lent.repondre.set()
    # A navigation stopped before its request left never reaches the server; the answer to one
    # that left is awaited, so that a cookie it brought would be there when the witness asks.
    if serveur_lent.demande.wait(ARRIVEE_MAX_S):
        assert serveur_lent.repondu.wait(DELAI_SERVEUR_LENT_S)
    page_suivante.goto(f"{serveur_lent.url}/temoin")

    assert serveur_lent.cookies_recus == [""]
    assert suivant.cookies() == []


def _script(contexte: BrowserContext, page: Page) -> None:
    page.add_init_script("window.laisse = 1")


def _medias(contexte: BrowserContext, page: Page) -> None:
    page.emulate_media(color_scheme="dark")


def _entetes(contexte: BrowserContext, page: Page) -> None:
    contexte.set_extra_http_headers({"x-laisse": "1"})


def _horloge(contexte: BrowserContext, page: Page) -> None:
    page.clock.install()


def _ecouteur(contexte: BrowserContext, page: Page) -> None:
    page.on("dialog", lambda dialogue: dialogue.accept())


def _hors_ligne(contexte: BrowserContext, page: Page) -> None:
    contexte.set_offline(True)


def _fermeture(contexte: BrowserContext, page: Page) -> None:
    page.close()


@pytest.mark.parametrize(
    "reglage",
    [_script, _medias, _entetes, _horloge, _ecouteur, _hors_ligne, _fermeture],
    ids=lambda reglage: reglage.__name__.removeprefix("_"),
)
def test_un_reglage_que_la_remise_a_zero_ne_defait_pas_fait_jeter_le_contexte(
    partagee: SharedPage, reglage: Callable[[BrowserContext, Page], None]
) -> None:
    """After a test that changed such a setting, the next one gets a new context."""
    contexte, page = _preter(partagee)
    reglage(contexte, page)
    partagee.give_back(keep=True)

    suivant, page_suivante = _preter(partagee)

    assert suivant is not contexte
    page_suivante.goto("/")
    assert page_suivante.evaluate("() => window.laisse") is None
    assert (
        page_suivante.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches") is False
    )


def test_un_test_en_echec_laisse_son_contexte_au_rapport_et_le_suivant_en_recoit_un_neuf(
    partagee: SharedPage,
) -> None:
    """`keep=False` (the test failed): the context is closed, the next test gets a new one."""
    contexte, page = _preter(partagee)
    page.goto("/")
    partagee.give_back(keep=False)

    suivant, _ = _preter(partagee)

    assert suivant is not contexte
    assert page.is_closed()


def test_rendre_la_page_retire_la_surveillance_de_ses_methodes(partagee: SharedPage) -> None:
    """Out of a loan, the page's and context's methods are Playwright's own again."""
    contexte, page = _preter(partagee)
    partagee.give_back(keep=True)
    assert "add_init_script" not in vars(page)
    assert "close" not in vars(contexte)
    assert "install" not in vars(contexte.clock)


def test_une_route_posee_par_le_test_fonctionne_pendant_le_pret(partagee: SharedPage) -> None:
    """The reset happens between tests: within one, the page does what the test asks."""
    _, page = _preter(partagee)
    interceptees: list[str] = []

    def noter(route: Route) -> None:
        interceptees.append(route.request.url)
        route.continue_()

    page.route("**/static/**", noter)
    page.goto("/")
    expect(page.locator("body")).to_be_visible()
    assert interceptees


def _element(**options: Any) -> Any:
    """A stand-in for a pytest item: its run's options and its markers."""
    valeurs = {"context_per_test": False, "playwright_debug": None, **options}
    marqueurs = valeurs.pop("marqueurs", ())
    config = SimpleNamespace(getoption=lambda nom, defaut=None: valeurs.get(nom, defaut))
    return SimpleNamespace(
        config=config,
        iter_markers=lambda nom: [m for m in marqueurs if m == nom],
    )


@pytest.mark.parametrize(
    ("options", "partage"),
    [
        ({}, True),
        ({"tracing": "off", "video": "off", "screenshot": "off"}, True),
        ({"context_per_test": True}, False),
        ({"tracing": "retain-on-failure"}, False),
        ({"video": "on"}, False),
        ({"screenshot": "only-on-failure"}, False),
        ({"playwright_debug": "cli"}, False),
        ({"marqueurs": (MARKER,)}, False),
        ({"marqueurs": ("browser_context_args",)}, False),
        ({"marqueurs": ("ecran",)}, True),
    ],
)
def test_dit_quand_un_test_recoit_un_contexte_a_lui(options: dict[str, Any], partage: bool) -> None:
    """pytest-playwright's per-context files, the option and the markers rule the sharing out."""
    assert may_share(_element(**options)) is partage


def test_un_test_de_navigateur_recoit_la_page_du_processus(
    page: Page, shared_page: SharedPage
) -> None:
    """The `page` fixture is the process's page."""
    assert page is shared_page.page


@pytest.mark.contexte_neuf
def test_un_test_marque_contexte_neuf_recoit_un_contexte_a_lui(
    page: Page, shared_page: SharedPage
) -> None:
    """`@pytest.mark.contexte_neuf`: a new context and page, not the process's."""
    assert page.context is not shared_page.context
    assert page.context.pages == [page]


def test_le_rapport_cesse_d_ecouter_la_page_quand_elle_est_rendue(
    partagee: SharedPage, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """What the page says after the loan goes to no journal of the test that lent it."""
    contexte, page = partagee.lend()
    artefacts = ArtefactsDuTest(item=request.node, dossier=tmp_path, tracer=False)
    artefacts.suivre(contexte, pages=[page])
    page.goto("/")
    with page.expect_console_message() as pendant:
        page.evaluate("console.log('pendant le prêt')")
    artefacts.rendre(contexte)
    with page.expect_console_message() as apres:
        page.evaluate("console.log('après le prêt')")

    journal = [
        ligne for page_suivie in artefacts.journaux(contexte) for ligne in page_suivie.console
    ]
    assert any(pendant.value.text in ligne for ligne in journal), journal
    assert not any(apres.value.text in ligne for ligne in journal), journal
