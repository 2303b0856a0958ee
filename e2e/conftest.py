"""Fixtures of the browser tests: the test-data client, personas and page objects.

Screens after the fourth are opened through `/_test/parcours`, which puts the test's own
browser session at that step: only the journey test clicks through every screen.

A failed browser test that expected or waited for a wording of `pages/textes.py` ends with one
line naming that file, also as the failure's line in pytest's short summary: when the site
changes a wording, the first failing test says which file to edit.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from faker import Faker
from playwright.sync_api import Page

from e2e.etats import CompteEnAttente
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure, fabriquer_assure
from pages.accueil import AccueilPage
from pages.code_personnel import CodePersonnelPage
from pages.conditions import ConditionsPage
from pages.coordonnees import CoordonneesPage
from pages.creation import CreationPage
from pages.identite import IdentitePage
from pages.textes import texte_en_cause


@pytest.fixture
def donnees(page: Page) -> DonneesDeTest:
    """The test-data API, sharing the test page's cookies (session-scoped calls hit it)."""
    return DonneesDeTest(page.context.request)


@pytest.fixture
def assure(donnees: DonneesDeTest, faker: Faker) -> Assure:
    """An eligible insured person of the régime général, stored in the mock for this test."""
    return donnees.enregistrer_assure(fabriquer_assure(faker))


@pytest.fixture
def email(assure: Assure) -> str:
    """An address only this test's person uses, so mailboxes never mix between tests."""
    return f"assure.{assure.nir.lower()}@exemple.fr"


@pytest.fixture
def accueil(page: Page) -> AccueilPage:
    """Screen 1, the ameli.fr home, opened."""
    return AccueilPage(page).ouvrir()


@pytest.fixture
def creation(page: Page) -> CreationPage:
    """Screen 4, opened directly."""
    return CreationPage(page).ouvrir()


@pytest.fixture
def identite(page: Page, donnees: DonneesDeTest, assure: Assure) -> IdentitePage:
    """Screen 5 for the test's person, as if screen 4 had been passed."""
    donnees.placer_parcours(assure.nir, "identite")
    return IdentitePage(page).ouvrir()


@pytest.fixture
def conditions(page: Page, donnees: DonneesDeTest, assure: Assure) -> ConditionsPage:
    """Screen 6 for the test's person."""
    donnees.placer_parcours(assure.nir, "conditions")
    return ConditionsPage(page).ouvrir()


@pytest.fixture
def code_personnel(page: Page, donnees: DonneesDeTest, assure: Assure) -> CodePersonnelPage:
    """Screen 7 for the test's person."""
    donnees.placer_parcours(assure.nir, "code")
    return CodePersonnelPage(page).ouvrir()


@pytest.fixture
def code_choisi(donnees: DonneesDeTest, assure: Assure) -> str:
    """The test's session put at screen 8; returns the personal code the mock set for it."""
    code: str = donnees.placer_parcours(assure.nir, "coordonnees")["code_personnel"]
    return code


@pytest.fixture
def coordonnees(page: Page, code_choisi: str) -> CoordonneesPage:
    """Screen 8 for the test's person."""
    return CoordonneesPage(page).ouvrir()


@pytest.fixture
def compte_en_attente(
    coordonnees: CoordonneesPage, email: str, code_choisi: str
) -> CompteEnAttente:
    """The test's person after screen 8: account created, validation email sent."""
    coordonnees.saisir_email(email)
    coordonnees.continuer()
    return CompteEnAttente(email, code_choisi)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failure that expected or waited for a wording of pages/textes.py: one line naming the
    file to edit, after the failure and as its line in the short summary."""
    issue = yield
    rapport: pytest.TestReport = issue.get_result()  # type: ignore[attr-defined]
    if not rapport.failed or call.excinfo is None:
        return
    ligne = texte_en_cause(str(call.excinfo.value))
    if ligne is None:
        return
    # pytest's representation of a failure (ExceptionChainRepr): a section printed after it,
    # and the "crash" line its short summary shows.
    ajouter_section = getattr(rapport.longrepr, "addsection", None)
    if callable(ajouter_section):
        ajouter_section("Texte attendu", ligne)
    ligne_du_resume = getattr(rapport.longrepr, "reprcrash", None)
    if ligne_du_resume is not None:
        ligne_du_resume.message = ligne
