"""Screen 7: the personal code (Étape 2)."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.base import EcranAEtapes, action
from pages.coordonnees import CoordonneesPage
from pages.textes import CODE_PERSONNEL


class CodePersonnelPage(EcranAEtapes):
    """The personal code, typed twice."""

    CHEMIN = "/compte/code"
    TEXTES = CODE_PERSONNEL

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.code = page.get_by_label(CODE_PERSONNEL.code)
        self.confirmation = page.get_by_label(CODE_PERSONNEL.confirmation)
        self.conseil = page.get_by_text(CODE_PERSONNEL.conseil)
        self.force = page.get_by_role("status")
        self.retour_bouton = page.get_by_role("button", name=CODE_PERSONNEL.retour)
        self.continuer_bouton = page.get_by_role("button", name=CODE_PERSONNEL.continuer)

    @action("Saisir le code personnel et sa confirmation ({longueur} chiffres)")
    def _saisir(self, code: str, confirmation: str, longueur: int) -> None:
        self.code.fill(code)
        self.confirmation.fill(confirmation)

    def choisir_code(self, code: str, confirmation: str | None = None) -> None:
        """Type the code twice (or a different confirmation)."""
        self._saisir(code, code if confirmation is None else confirmation, len(code))

    @action(f"Cliquer sur « {CODE_PERSONNEL.continuer} »")
    def continuer(self) -> CoordonneesPage:
        """Send the code; on success the contact details come next."""
        self.continuer_bouton.click()
        return CoordonneesPage(self.page)

    @action(f"Cliquer sur « {CODE_PERSONNEL.retour} »")
    def retour(self) -> None:
        """Go back to the terms."""
        self.retour_bouton.click()
