"""The FranceConnect branch of screen 4: the mock FranceConnect's screens and the explanation.

FranceConnect shows three screens between ameli's "S’identifier avec FranceConnect" and the
return to ameli: the choice of an identity provider, that provider's login, and the consent
to the data sent to ameli.fr. Its error page shows a code (`Y030007`…) and no way back; after
a FranceConnect login, ameli's logout goes through FranceConnect and ends on ameli's
"Vous êtes déconnecté" page.

The wording these pages read is in `pages/textes.py` (`FRANCECONNECT`,
`EXPLICATION_FRANCECONNECT`, `DECONNEXION_FRANCECONNECT`; the button and ameli's messages on
return are on `CREATION`).
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.base import Ecran, action
from pages.conditions import ConditionsPage
from pages.creation import CreationPage
from pages.portail import EspacePage
from pages.textes import (
    DECONNEXION_FRANCECONNECT,
    ESPACE,
    EXPLICATION_FRANCECONNECT,
    FRANCECONNECT,
)


class ChoixFournisseurPage(Ecran):
    """FranceConnect: "Je choisis un compte pour me connecter sur ameli.fr"."""

    CHEMIN = "/franceconnect/api/v2/authorize"
    TEXTES = FRANCECONNECT

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.fournisseurs = page.get_by_role("list", name=FRANCECONNECT.fournisseurs)
        self.annuler_lien = page.get_by_role("link", name=FRANCECONNECT.annuler_et_revenir)

    def fournisseur(self, nom: str) -> Locator:
        """The button of one identity provider, by its exact name."""
        return self.fournisseurs.get_by_role("link", name=nom, exact=True)

    @action("Choisir le compte « {nom} » sur FranceConnect")
    def choisir(self, nom: str) -> ConnexionFournisseurPage:
        """Pick the identity provider to log in with."""
        self.fournisseur(nom).click()
        return ConnexionFournisseurPage(self.page)

    @action(f"Cliquer sur « {FRANCECONNECT.annuler_et_revenir} »")
    def annuler(self) -> CreationPage:
        """Leave FranceConnect before logging in: back to screen 4."""
        self.annuler_lien.click()
        return CreationPage(self.page)


class ConnexionFournisseurPage(Ecran):
    """An identity provider's login screen, with the mock's test credentials shown on it.

    Its heading names the provider: `FRANCECONNECT.titre_connexion_pour(…)`.
    """

    TEXTES = FRANCECONNECT

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.identifiants_de_test = page.get_by_role(
            "region", name=FRANCECONNECT.identifiants_de_test
        )
        self.identifiant = page.get_by_role("textbox", name=FRANCECONNECT.identifiant)
        self.mot_de_passe = page.get_by_label(FRANCECONNECT.mot_de_passe)
        self.se_connecter_bouton = page.get_by_role("button", name=FRANCECONNECT.se_connecter)
        self.annuler_lien = page.get_by_role("link", name=FRANCECONNECT.annuler_et_revenir)

    @action("Se connecter chez le fournisseur d'identité avec l'identifiant {identifiant}")
    def se_connecter(self, identifiant: str, mot_de_passe: str) -> ConsentementPage:
        """Log in; on success FranceConnect asks for consent."""
        self.identifiant.fill(identifiant)
        self.mot_de_passe.fill(mot_de_passe)
        self.se_connecter_bouton.click()
        return ConsentementPage(self.page)


class ConsentementPage(Ecran):
    """ "Vous êtes bien connecté(e) au nom de …": the data FranceConnect sends to ameli.fr.

    Its heading names the person: `FRANCECONNECT.titre_consentement_pour(…)`.
    """

    TEXTES = FRANCECONNECT

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.donnees = page.get_by_role("list", name=FRANCECONNECT.donnees_transmises)
        self.continuer_bouton = page.get_by_role("button", name=FRANCECONNECT.continuer)
        self.refuser_bouton = page.get_by_role("button", name=FRANCECONNECT.refuser)
        self.annuler_lien = page.get_by_role("link", name=FRANCECONNECT.annuler, exact=True)

    @action(f"Cliquer sur « {FRANCECONNECT.continuer} »")
    def continuer(self) -> ConditionsPage:
        """Send the data: back on ameli, the terms of use (screen 6) come next."""
        self.continuer_bouton.click()
        return ConditionsPage(self.page)

    @action(f"Cliquer sur « {FRANCECONNECT.continuer} » (compte déjà actif)")
    def continuer_vers_l_espace(self) -> EspaceConnecteParFranceConnect:
        """Send the data: a person whose account is active is logged in to their space."""
        self.continuer_bouton.click()
        return EspaceConnecteParFranceConnect(self.page)

    @action(f"Cliquer sur « {FRANCECONNECT.refuser} »")
    def refuser(self) -> CreationPage:
        """Refuse to send the data: back to screen 4."""
        self.refuser_bouton.click()
        return CreationPage(self.page)

    @action(f"Cliquer sur « {FRANCECONNECT.annuler} »")
    def annuler(self) -> CreationPage:
        """Leave FranceConnect: back to screen 4."""
        self.annuler_lien.click()
        return CreationPage(self.page)


class ExplicationFranceConnectPage(Ecran):
    """ameli's "Qu'est-ce que FranceConnect ?" page."""

    CHEMIN = "/franceconnect/qu-est-ce-que-franceconnect"
    TEXTES = EXPLICATION_FRANCECONNECT

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.retour_lien = page.get_by_role("link", name=EXPLICATION_FRANCECONNECT.retour)

    @action(f"Cliquer sur « {EXPLICATION_FRANCECONNECT.retour} »")
    def retour(self) -> CreationPage:
        """Back to screen 4."""
        self.retour_lien.click()
        return CreationPage(self.page)


class ErreurFranceConnectPage(Ecran):
    """FranceConnect's error page: a heading (`FRANCECONNECT.titre_erreur`), a code, a message,
    no way back."""

    TEXTES = FRANCECONNECT

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.alerte = page.get_by_role("alert")
        self.liens = page.get_by_role("main").get_by_role("link")

    @action("Envoyer à FranceConnect la demande de connexion « {requete} »")
    def envoyer_demande(self, requete: str) -> ErreurFranceConnectPage:
        """Open FranceConnect's authorization endpoint with this query string."""
        self.page.goto(f"{ChoixFournisseurPage.CHEMIN}?{requete}")
        return self


class DeconnectePage(Ecran):
    """ameli's "Vous êtes déconnecté", after FranceConnect's session/end sent the person back."""

    CHEMIN = "/franceconnect/deconnexion/retour"
    TEXTES = DECONNEXION_FRANCECONNECT

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.message = page.get_by_role("status")
        self.me_reconnecter = page.get_by_role(
            "link", name=DECONNEXION_FRANCECONNECT.me_reconnecter
        )


class EspaceConnecteParFranceConnect(EspacePage):
    """The insured person's space, reached by a FranceConnect login."""

    @action(f"Cliquer sur « {ESPACE.se_deconnecter} » : ameli, puis FranceConnect")
    def se_deconnecter_de_franceconnect(self) -> DeconnectePage:
        """Log out: ameli sends the browser through FranceConnect's session/end and back."""
        self.se_deconnecter.click()
        return DeconnectePage(self.page)
