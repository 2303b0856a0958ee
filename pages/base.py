"""What every page object shares: the page it drives and how to open it."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import ClassVar, ParamSpec, Self, TypeVar

import allure
from playwright.sync_api import Locator, Page

P = ParamSpec("P")
R = TypeVar("R")


def action(titre: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """An Allure step titled with the action's arguments as typed.

    `allure.step` quotes string arguments (`Saisir le code postal '75011'`); the report should
    read like the tutorial (`Saisir le code postal 75011`), so the title is formatted here.
    """

    def decorer(fonction: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(fonction)

        @functools.wraps(fonction)
        def executer(*args: P.args, **kwargs: P.kwargs) -> R:
            arguments = signature.bind(*args, **kwargs)
            arguments.apply_defaults()
            with allure.step(titre.format(**arguments.arguments)):
                return fonction(*args, **kwargs)

        return executer

    return decorer


class Ecran:
    """A screen of the site; `CHEMIN` is its path relative to the base URL."""

    CHEMIN: ClassVar[str] = "/"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.titre: Locator = page.get_by_role("heading", level=1)
        self.resume_erreurs: Locator = page.get_by_role("alert")

    @action("Ouvrir la page")
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
