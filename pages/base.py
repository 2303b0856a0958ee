"""What every page object shares: the page it drives and how to open it."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import ClassVar, ParamSpec, Self, TypeVar

import allure
from playwright.sync_api import Error as ErreurPlaywright
from playwright.sync_api import Locator, Page, expect

from pages.textes import ETAPES, FICHIER, TextesEcran

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


class TexteInattendu(AssertionError):
    """A screen's heading is not the one the wording module expects: one line says which."""

    def __init__(self, textes: TextesEcran, attendu: str, trouve: str) -> None:
        self.textes = textes
        self.attendu = attendu
        self.trouve = trouve
        super().__init__(
            f"{textes.designation()} : titre attendu « {attendu} », trouvé « {trouve} » ; "
            f"si le site a changé ce texte, reportez-le dans {FICHIER}"
        )


class Ecran:
    """A screen of the site; `CHEMIN` is its path relative to the base URL, `TEXTES` its
    wording (`pages/textes.py`)."""

    CHEMIN: ClassVar[str] = "/"
    TEXTES: ClassVar[TextesEcran] = TextesEcran()

    def __init__(self, page: Page) -> None:
        self.page = page
        self.titre: Locator = page.get_by_role("heading", level=1)
        self.resume_erreurs: Locator = page.get_by_role("alert")

    def verifier_titre(self, attendu: str | None = None) -> None:
        """Arrival check: the heading is the expected one (`TEXTES.titre` by default).

        Raises `TexteInattendu`, whose one line names the screen, both texts and the wording
        module, instead of Playwright's multi-line assertion error.
        """
        attendu = self.TEXTES.titre if attendu is None else attendu
        try:
            expect(self.titre).to_have_text(attendu)
        except AssertionError:
            raise TexteInattendu(self.TEXTES, attendu, self._titre_affiche()) from None

    def _titre_affiche(self) -> str:
        try:
            titres = self.titre.all_inner_texts()
        except ErreurPlaywright:  # the page is gone: nothing to read
            return "aucune page"
        return " | ".join(" ".join(t.split()) for t in titres) if titres else "aucun titre"

    @action("Ouvrir la page")
    def ouvrir(self) -> Self:
        """Open the screen directly by its URL."""
        self.page.goto(self.CHEMIN)
        return self


class EcranAEtapes(Ecran):
    """Screens 6 to 8, which show the "Étape 1 / Étape 2 / Étape 3" stepper."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.etapes = page.get_by_role("list", name=ETAPES.titre)
        self.etape_courante = self.etapes.locator("[aria-current='step']")
