"""Nothing of one browser test's state reaches the next: each gets a new context and page.

Every test here runs twice in a row in one process (`premier`, then `second`). Each run first
checks that its browser shows nothing of a previous test on one channel — a held key or mouse
button, the history, a window global or a timer, cookies, permissions, every kind of storage,
of the mock's origin and of another one — then leaves exactly that behind. With a new context
per test (pytest-playwright's `context` and `page`), both runs pass; with a context reused
between tests, the second run of every channel fails: `test_un_contexte_reutilise_fait…` runs
each pair in one context and checks that it does.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

ORDRE = pytest.mark.parametrize("ordre", ["premier", "second"])
MARQUE = "laisse-par-un-test-precedent"
DELAI_MS = 5_000
# Another origin served by the same mock: the same port under another host name.
AUTRE_HOTE = "localhost"


def autre_origine(base_url: str) -> str:
    """The mock under another origin (`localhost` for `127.0.0.1`)."""
    return re.sub(r"//[^:/]+", f"//{AUTRE_HOTE}", base_url, count=1)


def ouvrir(page: Page, url: str) -> None:
    """Open a page of the mock with a field to type into."""
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@ORDRE
def test_aucune_touche_n_est_tenue_enfoncee(page: Page, base_url: str, ordre: str) -> None:
    """A letter typed comes out as typed: no Shift is held; then Shift is left down."""
    ouvrir(page, base_url)
    champ = page.get_by_label("Code postal")
    champ.focus()
    page.keyboard.press("KeyA")  # "A" while Shift is held
    # The value changes with the key event itself: a second is plenty, and keeps the check of
    # a reused context (test_un_contexte_reutilise…) from waiting the default five.
    expect(champ).to_have_value("a", timeout=1_000)
    page.keyboard.down("Shift")


@ORDRE
def test_aucun_bouton_de_souris_n_est_tenu_enfonce(page: Page, base_url: str, ordre: str) -> None:
    """The pointer moves with no button pressed; then the left button is left down."""
    ouvrir(page, base_url)
    page.evaluate("() => addEventListener('mousemove', e => { window.boutons = e.buttons; })")
    page.mouse.move(5, 5)
    page.mouse.move(10, 10)
    page.wait_for_function("() => window.boutons !== undefined", timeout=DELAI_MS)
    assert page.evaluate("() => window.boutons") == 0
    page.mouse.down()


@ORDRE
def test_l_historique_ne_mene_a_aucune_page_precedente(
    page: Page, base_url: str, ordre: str
) -> None:
    """The page starts blank with nothing to go back to; then it opens a marked address."""
    assert page.url == "about:blank"
    assert page.go_back() is None
    assert page.url == "about:blank"
    ouvrir(page, f"{base_url}/?{MARQUE}")


@ORDRE
def test_aucune_variable_globale_ne_survit(page: Page, base_url: str, ordre: str) -> None:
    """No global of a previous page; then one is left on a page emptied without navigating."""
    assert page.evaluate(f"() => typeof window[{MARQUE!r}]") == "undefined"
    ouvrir(page, base_url)
    page.evaluate(f"() => {{ window[{MARQUE!r}] = true; }}")
    page.set_content("<h1>Vidée</h1>")  # what a reset without navigation would leave


@ORDRE
def test_aucune_minuterie_ne_survit(
    page: Page, context: BrowserContext, base_url: str, ordre: str
) -> None:
    """No cookie set by a previous page's timer; then a timer that keeps setting one is left."""
    assert context.cookies() == []
    ouvrir(page, base_url)
    page.evaluate("() => setInterval(() => { document.cookie = 'minuterie=1'; }, 1)")
    context.clear_cookies()  # what a reset between tests would do…
    # …after which the timer sets it again, for as long as the page lives.
    page.wait_for_function("() => document.cookie.includes('minuterie=1')", timeout=DELAI_MS)


@ORDRE
def test_aucun_cookie(page: Page, context: BrowserContext, base_url: str, ordre: str) -> None:
    """No cookie, for the mock's origin or any other; then one is left."""
    ouvrir(page, base_url)
    assert context.cookies() == []
    context.add_cookies([{"name": MARQUE, "value": "1", "url": base_url}])


@ORDRE
def test_aucune_permission(page: Page, context: BrowserContext, base_url: str, ordre: str) -> None:
    """No permission granted; then geolocation is granted."""
    ouvrir(page, base_url)
    etat = page.evaluate(
        "async () => (await navigator.permissions.query({name: 'geolocation'})).state"
    )
    assert etat == "prompt"
    context.grant_permissions(["geolocation"])


STOCKAGES = """async (marque) => {
    const bases = indexedDB.databases ? (await indexedDB.databases()).map(b => b.name) : [];
    return {
        local: localStorage.getItem(marque),
        session: sessionStorage.getItem(marque),
        indexedDB: bases.includes(marque),
        caches: await caches.has(marque),
    };
}"""
REMPLIR = """async (marque) => {
    localStorage.setItem(marque, "1");
    sessionStorage.setItem(marque, "1");
    await new Promise((fini, echec) => {
        const ouverture = indexedDB.open(marque);
        ouverture.onsuccess = () => { ouverture.result.close(); fini(); };
        ouverture.onerror = () => echec(ouverture.error);
    });
    await caches.open(marque);
}"""
VIDES = {"local": None, "session": None, "indexedDB": False, "caches": False}


@ORDRE
@pytest.mark.parametrize("origine", ["du mock", "autre"])
def test_aucun_stockage_d_aucune_origine(
    page: Page, base_url: str, ordre: str, origine: str
) -> None:
    """localStorage, sessionStorage, IndexedDB and Cache Storage are empty, of the mock's
    origin and of another; then all four are filled."""
    url = base_url if origine == "du mock" else autre_origine(base_url)
    ouvrir(page, url)
    assert page.evaluate(STOCKAGES, MARQUE) == VIDES
    page.evaluate(REMPLIR, MARQUE)
    assert page.evaluate(STOCKAGES, MARQUE) != VIDES


PAIRES: list[tuple[Callable[..., None], dict[str, str]]] = [
    (test_aucune_touche_n_est_tenue_enfoncee, {}),
    (test_aucun_bouton_de_souris_n_est_tenu_enfonce, {}),
    (test_l_historique_ne_mene_a_aucune_page_precedente, {}),
    (test_aucune_variable_globale_ne_survit, {}),
    (test_aucune_minuterie_ne_survit, {}),
    (test_aucun_cookie, {}),
    (test_aucune_permission, {}),
    (test_aucun_stockage_d_aucune_origine, {"origine": "du mock"}),
    (test_aucun_stockage_d_aucune_origine, {"origine": "autre"}),
]


@pytest.mark.parametrize(
    ("paire", "parametres"), PAIRES, ids=[" ".join((t.__name__, *p.values())) for t, p in PAIRES]
)
def test_un_contexte_reutilise_fait_echouer_le_second_de_la_paire(
    new_context: Callable[..., BrowserContext],
    base_url: str,
    paire: Callable[..., None],
    parametres: dict[str, str],
) -> None:
    """The pair run in one context, as a suite reusing contexts would: the first run passes,
    the second fails on what the first left."""
    contexte = new_context()
    page = contexte.new_page()
    arguments = {"page": page, "context": contexte, "base_url": base_url, **parametres}
    noms = inspect.signature(paire).parameters
    paire(**{nom: valeur for nom, valeur in arguments.items() if nom in noms}, ordre="premier")
    with pytest.raises(AssertionError):
        paire(**{nom: valeur for nom, valeur in arguments.items() if nom in noms}, ordre="second")
