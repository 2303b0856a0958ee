"""The FranceConnect branch of screen 4: the mock FranceConnect's screens and the explanation.

FranceConnect shows three screens between ameli's "S’identifier avec FranceConnect" and the
return to ameli: the choice of an identity provider, that provider's login, and the consent
to the data sent to ameli.fr. Its error page shows a code (`Y030007`…) and no way back; after
a FranceConnect login, ameli's logout goes through FranceConnect and ends on ameli's
"Vous êtes déconnecté" page.

The FranceConnect wording the tests read is here too (FranceConnect's own words, from its
documentation and DSFR button; ameli's messages about FranceConnect).
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from pages.base import Ecran, action
from pages.conditions import ConditionsPage
from pages.creation import CreationPage
from pages.portail import EspacePage

SERVICE = "ameli.fr"
# The official button and help link (DSFR `fr-connect`, typographic apostrophes).
BOUTON_FRANCECONNECT = "S’identifier avec FranceConnect"
AIDE_FRANCECONNECT = "Qu’est-ce que FranceConnect ?"
SITE_FRANCECONNECT = "https://franceconnect.gouv.fr/"
# The identity providers' test password (FranceConnect's integration platform) and its
# documented demo identity, unknown to ameli.
MOT_DE_PASSE_TEST = "123"
IDENTIFIANT_DEMO = "test"
IDENTITE_DEMO = "Angela Claire Louise DUBOIS"
# ameli's messages on screen 4 after a detour through FranceConnect.
ANNULATION = "Vous avez annulé la connexion avec FranceConnect."
REFUS = "Vous avez refusé la transmission de vos informations à ameli.fr"
IDENTITE_INCONNUE = "L'identité transmise par FranceConnect ne correspond à aucun assuré"
IDENTITE_AMBIGUE = "L'identité transmise par FranceConnect correspond à plusieurs assurés"
COMPTE_EXISTANT = "Un compte ameli existe déjà pour ce numéro de sécurité sociale."
DECONNEXION = "Vous êtes déconnecté de votre compte ameli et de FranceConnect."


class ChoixFournisseurPage(Ecran):
    """FranceConnect: "Je choisis un compte pour me connecter sur ameli.fr"."""

    CHEMIN = "/franceconnect/api/v2/authorize"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.fournisseurs = page.get_by_role("list", name="Comptes proposés par FranceConnect")
        self.annuler_lien = page.get_by_role("link", name=f"Annuler et revenir sur {SERVICE}")

    def fournisseur(self, nom: str) -> Locator:
        """The button of one identity provider, by its exact name."""
        return self.fournisseurs.get_by_role("link", name=nom, exact=True)

    @action("Choisir le compte « {nom} » sur FranceConnect")
    def choisir(self, nom: str) -> ConnexionFournisseurPage:
        """Pick the identity provider to log in with."""
        self.fournisseur(nom).click()
        return ConnexionFournisseurPage(self.page)

    @action("Cliquer sur « Annuler et revenir sur ameli.fr »")
    def annuler(self) -> CreationPage:
        """Leave FranceConnect before logging in: back to screen 4."""
        self.annuler_lien.click()
        return CreationPage(self.page)


class ConnexionFournisseurPage(Ecran):
    """An identity provider's login screen, with the mock's test credentials shown on it."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.identifiants_de_test = page.get_by_role("region", name="Identifiants de test")
        self.identifiant = page.get_by_role("textbox", name="Identifiant")
        self.mot_de_passe = page.get_by_label("Mot de passe")
        self.se_connecter_bouton = page.get_by_role("button", name="Se connecter")
        self.annuler_lien = page.get_by_role("link", name=f"Annuler et revenir sur {SERVICE}")

    @action("Se connecter chez le fournisseur d'identité avec l'identifiant {identifiant}")
    def se_connecter(self, identifiant: str, mot_de_passe: str) -> ConsentementPage:
        """Log in; on success FranceConnect asks for consent."""
        self.identifiant.fill(identifiant)
        self.mot_de_passe.fill(mot_de_passe)
        self.se_connecter_bouton.click()
        return ConsentementPage(self.page)


class ConsentementPage(Ecran):
    """ "Vous êtes bien connecté(e) au nom de …": the data FranceConnect sends to ameli.fr."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.donnees = page.get_by_role(
            "list", name=f"Pour continuer sur {SERVICE}, les données suivantes vont être transmises"
        )
        self.continuer_bouton = page.get_by_role("button", name=f"Continuer sur {SERVICE}")
        self.refuser_bouton = page.get_by_role("button", name="Refuser")
        self.annuler_lien = page.get_by_role("link", name="Annuler", exact=True)

    @action("Cliquer sur « Continuer sur ameli.fr »")
    def continuer(self) -> ConditionsPage:
        """Send the data: back on ameli, the terms of use (screen 6) come next."""
        self.continuer_bouton.click()
        return ConditionsPage(self.page)

    @action("Cliquer sur « Continuer sur ameli.fr » (compte déjà actif)")
    def continuer_vers_l_espace(self) -> EspaceConnecteParFranceConnect:
        """Send the data: a person whose account is active is logged in to their space."""
        self.continuer_bouton.click()
        return EspaceConnecteParFranceConnect(self.page)

    @action("Cliquer sur « Refuser »")
    def refuser(self) -> CreationPage:
        """Refuse to send the data: back to screen 4."""
        self.refuser_bouton.click()
        return CreationPage(self.page)

    @action("Cliquer sur « Annuler »")
    def annuler(self) -> CreationPage:
        """Leave FranceConnect: back to screen 4."""
        self.annuler_lien.click()
        return CreationPage(self.page)


class ExplicationFranceConnectPage(Ecran):
    """ameli's "Qu'est-ce que FranceConnect ?" page."""

    CHEMIN = "/franceconnect/qu-est-ce-que-franceconnect"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.retour_lien = page.get_by_role("link", name="Retour à la création de compte")

    @action("Cliquer sur « Retour à la création de compte »")
    def retour(self) -> CreationPage:
        """Back to screen 4."""
        self.retour_lien.click()
        return CreationPage(self.page)


class ErreurFranceConnectPage(Ecran):
    """FranceConnect's error page: "Une erreur est survenue", a code, a message, no way back."""

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

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.message = page.get_by_role("status")
        self.me_reconnecter = page.get_by_role("link", name="Me reconnecter")


class EspaceConnecteParFranceConnect(EspacePage):
    """The insured person's space, reached by a FranceConnect login."""

    @action("Cliquer sur « Me déconnecter » : ameli, puis FranceConnect")
    def se_deconnecter_de_franceconnect(self) -> DeconnectePage:
        """Log out: ameli sends the browser through FranceConnect's session/end and back."""
        self.se_deconnecter.click()
        return DeconnectePage(self.page)
