"""What every page object shares: the page it drives and how to open it."""

from __future__ import annotations

from typing import ClassVar, Self

import allure
from playwright.sync_api import Locator, Page


class Ecran:
    """A screen of the site; `CHEMIN` is its path relative to the base URL."""

    CHEMIN: ClassVar[str] = "/"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.titre: Locator = page.get_by_role("heading", level=1)
        self.resume_erreurs: Locator = page.get_by_role("alert")

    @allure.step("Ouvrir la page")
    def ouvrir(self) -> Self:
        """Open the screen directly by its URL."""
        self.page.goto(self.CHEMIN)
        return self


class EcranAEtapes(Ecran):
    """Screens 6 to 8, which show the "Étape 1 / Étape 2 / Étape 3" stepper."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.etapes = page.get_by_role("list", name="Étapes de la création du compte")
        self.etape_courante = self.etapes.locator("[aria-current='step']")
