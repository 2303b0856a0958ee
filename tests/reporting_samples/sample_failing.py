"""Browser tests that fail on purpose, and one that passes, to check their Allure results.

The file name does not match `test_*.py`: the suite never collects it. `tests/test_reporting.py`
runs it in a pytest of its own and reads the results it writes.
"""

from __future__ import annotations

from collections.abc import Iterator

import allure
import pytest
from playwright.sync_api import Page, expect

from fixtures.api import DonneesDeTest
from pages.accueil import AccueilPage

CODE_POSTAL = "75011"
NIR_INCONNU = "1990175123456"
DELAI_MS = 500


@pytest.fixture
def parcours_impossible(page: Page) -> AccueilPage:
    """The home page open, then a journey asked for a person the mock does not know."""
    accueil = AccueilPage(page).ouvrir()
    accueil.choisir_code_postal(CODE_POSTAL)
    DonneesDeTest(page.context.request).placer_parcours(NIR_INCONNU, "conditions")
    return accueil


@pytest.fixture
def accueil_verifie_en_fin_de_test(page: Page) -> Iterator[AccueilPage]:
    """The home page open; on teardown, a check that cannot pass."""
    accueil = AccueilPage(page).ouvrir()
    yield accueil
    expect(accueil.titre).to_have_text("Un titre que la page n'a pas", timeout=DELAI_MS)


@allure.title("Exemple : une assertion échoue après une action de page")
def test_echec_dans_le_test(page: Page) -> None:
    """The test body fails after a page-object step, a console message and a 404."""
    accueil = AccueilPage(page).ouvrir()
    accueil.choisir_code_postal(CODE_POSTAL)
    page.evaluate("console.error('message de console de l’exemple')")
    page.evaluate("fetch('/ressource-absente-de-l-exemple')")
    expect(accueil.titre).to_have_text("Un titre que la page n'a pas", timeout=DELAI_MS)


@allure.title("Exemple : la mise en place d'une fixture échoue")
def test_echec_dans_la_mise_en_place(parcours_impossible: AccueilPage) -> None:
    """Never runs: its fixture fails first."""
    expect(parcours_impossible.titre).to_be_visible()


def test_échec_dans_le_nettoyage(accueil_verifie_en_fin_de_test: AccueilPage) -> None:
    """Passes, then its fixture's teardown fails (and it has no title of its own: its name,
    accents included, makes one)."""
    expect(accueil_verifie_en_fin_de_test.code_postal).to_be_visible()


@allure.title("Exemple : un test qui passe ne joint rien")
def test_reussite(page: Page) -> None:
    """Passes: its result must stay without attachments."""
    accueil = AccueilPage(page).ouvrir()
    expect(accueil.code_postal).to_be_visible()
