"""Fixtures of the browser tests: the test-data client, personas and page objects."""

from __future__ import annotations

import pytest
from faker import Faker
from playwright.sync_api import Page

from fixtures.api import DonneesDeTest
from fixtures.assures import Assure, fabriquer_assure
from pages.accueil import AccueilPage
from pages.creation import CreationPage


@pytest.fixture
def donnees(page: Page) -> DonneesDeTest:
    """The test-data API, sharing the test page's cookies (session-scoped calls hit it)."""
    return DonneesDeTest(page.context.request)


@pytest.fixture
def assure(donnees: DonneesDeTest, faker: Faker) -> Assure:
    """An eligible insured person of the régime général, stored in the mock for this test."""
    return donnees.enregistrer_assure(fabriquer_assure(faker))


@pytest.fixture
def accueil(page: Page) -> AccueilPage:
    """The ameli.fr home, opened."""
    return AccueilPage(page).ouvrir()


@pytest.fixture
def creation(page: Page) -> CreationPage:
    """Screen 4, opened directly."""
    return CreationPage(page).ouvrir()

