"""The journey the screenshots are taken along, and the films shot along, with the demo person
(made from a fixed seed and day, so that every run shows the same name, numbers and caisse).

It is written once, as sequences of one tutorial step each, through the page objects of
`pages/`, and asks a `Realisation` to type and click: the screenshot workshop
(`screenshots.atelier`) does it at once, the film (`film.tournage`) at a reading pace, showing
the tutorial's sentence (`pages.tutoriel.CONSIGNES`) for each action.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol, TypeVar

from playwright.sync_api import APIRequestContext, Locator, Page, expect

from fixtures.api import DonneesDeTest, ErreurApiTest
from fixtures.assures import Assure, fabriquer_assure, faker_fr
from pages.accueil import AccueilPage
from pages.base import Ecran
from pages.code_personnel import CodePersonnelPage
from pages.conditions import ConditionsPage
from pages.confirmation import ConfirmationPage, ValidationPage
from pages.coordonnees import CoordonneesPage
from pages.creation import CreationPage
from pages.franceconnect import ChoixFournisseurPage, ConnexionFournisseurPage, ConsentementPage
from pages.identite import IdentitePage
from pages.messagerie import MessageriePage
from pages.portail import EspacePage, PortailPage
from pages.textes import CODE_PERSONNEL, CONDITIONS, ESPACE, FRANCECONNECT
from pages.tutoriel import CONSIGNES, Consigne

# The tutorial's own date (19/03/2021): the person's age and the mock's clock are taken then.
JOUR_DEMO = date(2021, 3, 19)
HORLOGE_DEMO = datetime(2021, 3, 19, 9, 0, tzinfo=UTC)
GRAINE_DEMO = 2021
CODE_PERSONNEL_DEMO = "739184265031"
# The mock FranceConnect logs the mock's persons in with their NIR and this test password.
FOURNISSEUR_FRANCECONNECT = FRANCECONNECT.impots_gouv
MOT_DE_PASSE_FRANCECONNECT = FRANCECONNECT.mot_de_passe_test


class Realisation(Protocol):
    """What the journey asks of the tool that walks it; `consigne` is the action's sentence."""

    def etape(self, numero: int) -> None:
        """The journey begins tutorial step `numero`."""

    def ecran(self, ecran: Ecran, consigne: Consigne | None) -> None:
        """A screen has come, its heading checked."""

    def saisir(self, champ: Locator, texte: str, consigne: Consigne) -> None:
        """Type `texte` into a field (which it replaces)."""

    def cliquer(self, cible: Locator, consigne: Consigne) -> None:
        """Click an element."""

    def survoler(self, cible: Locator, consigne: Consigne) -> None:
        """Put the mouse over an element."""

    def montrer(self, cible: Locator, consigne: Consigne) -> None:
        """Point at an element without acting on it."""

    def capturer(self, nom: str, cible: Locator) -> None:
        """The screenshot `nom` (screenshots.catalogue) is due, pointing at `cible`."""


def personne_demo() -> Assure:
    """The demo person: always the same, run after run."""
    return fabriquer_assure(faker_fr(GRAINE_DEMO), aujourd_hui=JOUR_DEMO)


def email_demo(assure: Assure) -> str:
    """`prenom.nom@exemple.fr`, without accents."""
    texte = f"{assure.prenoms.split()[0]}.{assure.nom}".lower().replace(" ", "-")
    ascii_seul = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return f"{ascii_seul}@exemple.fr"


class PersonneDejaPresente(RuntimeError):
    """The mock refused the demo person: it has it already (a mock that was used before)."""


@dataclass(frozen=True)
class Demo:
    """The demo person as stored in the mock, and what they type along the journey."""

    assure: Assure
    email: str
    requete: APIRequestContext

    @classmethod
    def enregistrer(cls, requete: APIRequestContext) -> Demo:
        """Store the demo person through the test-data API of this browser context."""
        try:
            assure = DonneesDeTest(requete).enregistrer_assure(personne_demo())
        except ErreurApiTest as erreur:
            raise PersonneDejaPresente(
                "la personne de démonstration existe déjà dans ce mock : relancez-le, ou passez "
                "--reset pour le vider d'abord"
            ) from erreur
        return cls(assure, email_demo(assure), requete)


# A sequence walks one tutorial step from the page it is given, and returns the page the next
# one starts on (the portal opens in a new tab).
Jouer = Callable[[Realisation, Demo, Page], Page]


@dataclass(frozen=True)
class Sequence:
    """A part of the journey and the tutorial step it shows."""

    etape: int
    jouer: Jouer


E = TypeVar("E", bound=Ecran)


def _arriver(r: Realisation, ecran: E, consigne: Consigne | None) -> E:
    """The screen has come: its heading is checked, then `r` is told."""
    ecran.verifier_titre()
    r.ecran(ecran, consigne)
    return ecran


def code_postal(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 1 : le code postal, la fenêtre de la caisse, et « Ce n'est pas ma caisse »."""
    assure = demo.assure
    accueil = _arriver(r, AccueilPage(page).ouvrir(), CONSIGNES.accueil)
    r.cliquer(accueil.code_postal, CONSIGNES.case_code_postal)
    r.saisir(accueil.code_postal, assure.code_postal, CONSIGNES.cinq_chiffres)
    r.capturer("etape-1-code-postal", accueil.selectionner)
    r.cliquer(accueil.selectionner, CONSIGNES.selectionner)
    dialogue = accueil.dialogue_caisse
    expect(dialogue.dialogue).to_contain_text(assure.caisse)
    r.capturer("etape-1-dialogue-caisse", dialogue.confirmer_bouton)
    r.cliquer(dialogue.pas_ma_caisse_bouton, CONSIGNES.pas_ma_caisse)
    expect(dialogue.dialogue).to_be_hidden()
    expect(accueil.code_postal).to_have_value("")
    r.capturer("etape-1-pas-ma-caisse", accueil.code_postal)
    r.saisir(accueil.code_postal, assure.code_postal, CONSIGNES.cinq_chiffres)
    r.cliquer(accueil.selectionner, CONSIGNES.selectionner)
    expect(dialogue.dialogue).to_contain_text(assure.caisse)
    r.cliquer(dialogue.confirmer_bouton, CONSIGNES.confirmer_caisse)
    expect(accueil.caisse_choisie).to_contain_text(assure.caisse)
    return page


def compte_ameli(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 2 : « Compte AMELI » dans le cadre rose, décrit au survol ; il ouvre un onglet."""
    accueil = AccueilPage(page)
    r.survoler(accueil.compte_ameli, CONSIGNES.description_pictogrammes)
    r.capturer("etape-2-compte-ameli", accueil.compte_ameli)
    with page.context.expect_page() as nouvel_onglet:
        r.cliquer(accueil.compte_ameli, CONSIGNES.compte_ameli)
    onglet = nouvel_onglet.value
    onglet.wait_for_load_state()
    return onglet


def espace_assure(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 3 : l'espace assuré, dans le nouvel onglet : « Je crée mon compte »."""
    portail = _arriver(r, PortailPage(page), CONSIGNES.nouvel_onglet)
    r.capturer("etape-3-je-cree-mon-compte", portail.je_cree_mon_compte)
    r.cliquer(portail.je_cree_mon_compte, CONSIGNES.je_cree_mon_compte)
    return page


def _remplir_formulaire(r: Realisation, creation: CreationPage, assure: Assure, nir: str) -> None:
    r.saisir(creation.nom, assure.nom, CONSIGNES.nom_de_naissance)
    r.saisir(creation.nir, nir, CONSIGNES.nir)
    r.saisir(creation.date_naissance, assure.date_naissance_fr, CONSIGNES.date_de_naissance)
    r.saisir(creation.code_postal, assure.code_postal, CONSIGNES.code_postal)


def _formulaire(r: Realisation, demo: Demo, page: Page, *, erreur: bool) -> Page:
    creation = _arriver(r, CreationPage(page), CONSIGNES.case_correspondante)
    r.capturer("etape-4-franceconnect", creation.franceconnect_bouton)
    _remplir_formulaire(r, creation, demo.assure, demo.assure.nir)
    r.capturer("etape-4-formulaire", creation.continuer_bouton)
    if erreur:
        # The NIR with its last digit dropped: a typing mistake screen 4 refuses.
        _remplir_formulaire(r, creation, demo.assure, demo.assure.nir[:-1])
        r.cliquer(creation.continuer_bouton, CONSIGNES.continuer_formulaire)
        expect(creation.nir).to_have_attribute("aria-invalid", "true")
        r.capturer("etape-4-erreur-saisie", creation.nir)
        _remplir_formulaire(r, creation, demo.assure, demo.assure.nir)
    r.cliquer(creation.continuer_bouton, CONSIGNES.continuer_formulaire)
    return page


def formulaire(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 4 : le formulaire de création rempli, puis « Continuer »."""
    return _formulaire(r, demo, page, erreur=False)


def formulaire_avec_erreur(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 4, avec une erreur de saisie du numéro de sécurité sociale, corrigée."""
    return _formulaire(r, demo, page, erreur=True)


def identite(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 5 : confirmer son identité (IBAN, carte Vitale)."""
    ecran = _arriver(r, IdentitePage(page), CONSIGNES.carte_vitale)
    r.saisir(ecran.iban, demo.assure.sept_derniers_iban, CONSIGNES.iban)
    r.saisir(ecran.vitale, demo.assure.onze_derniers_vitale, CONSIGNES.numero_de_serie)
    r.capturer("etape-5-identite", ecran.valider_bouton)
    r.cliquer(ecran.valider_bouton, CONSIGNES.valider)
    return page


def conditions(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 6 : accepter les conditions d'utilisation."""
    ecran = ConditionsPage(page)
    ecran.verifier_titre()
    expect(ecran.etape_courante).to_have_text(CONDITIONS.etape)
    r.ecran(ecran, CONSIGNES.accepter_conditions)
    r.cliquer(ecran.oui, CONSIGNES.oui_j_accepte)
    expect(ecran.oui).to_be_checked()
    r.capturer("etape-6-conditions", ecran.oui)
    r.cliquer(ecran.continuer_bouton, CONSIGNES.continuer_conditions)
    return page


def code_personnel(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 7 : le code personnel, saisi deux fois."""
    ecran = CodePersonnelPage(page)
    ecran.verifier_titre()
    expect(ecran.etape_courante).to_have_text(CODE_PERSONNEL.etape)
    r.ecran(ecran, CONSIGNES.mot_de_passe)
    r.saisir(ecran.code, CODE_PERSONNEL_DEMO, CONSIGNES.code_personnel)
    r.saisir(ecran.confirmation, CODE_PERSONNEL_DEMO, CONSIGNES.confirmer_code)
    expect(ecran.force).to_have_text(CODE_PERSONNEL.force_fort)
    r.montrer(ecran.force, CONSIGNES.douze_chiffres)
    r.capturer("etape-7-code-personnel", ecran.continuer_bouton)
    r.cliquer(ecran.continuer_bouton, CONSIGNES.continuer_code)
    return page


def coordonnees(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 8 : l'adresse email, saisie deux fois ; les choix restent à « Non »."""
    ecran = _arriver(r, CoordonneesPage(page), CONSIGNES.adresse_email)
    r.saisir(ecran.email, demo.email, CONSIGNES.email)
    r.saisir(ecran.email_confirmation, demo.email, CONSIGNES.confirmer_email)
    r.montrer(ecran.consentement_email, CONSIGNES.choix_par_defaut)
    r.capturer("etape-8-informations-personnelles", ecran.continuer_bouton)
    r.cliquer(ecran.continuer_bouton, CONSIGNES.continuer_coordonnees)
    return page


def email(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 9 : la confirmation, puis l'email tel que la messagerie l'affiche."""
    confirmation = ConfirmationPage(page)
    confirmation.verifier_titre()
    expect(confirmation.message).to_contain_text(demo.email)
    r.ecran(confirmation, CONSIGNES.email_recu)
    r.capturer("etape-9-confirmation", confirmation.message)
    (mail,) = DonneesDeTest(demo.requete).mails(demo.email)
    boite = _arriver(r, MessageriePage(page).ouvrir_boite(demo.email), CONSIGNES.email_recu)
    r.cliquer(page.get_by_role("link", name=str(mail["subject"])).first, CONSIGNES.email_recu)
    expect(boite.lien_validation.first).to_be_visible()
    r.capturer("etape-9-email", boite.lien_validation.first)
    return page


def premiere_connexion(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 9, fin : le lien de l'email valide l'adresse ; la première connexion."""
    boite = MessageriePage(page)
    r.cliquer(boite.lien_validation.first, CONSIGNES.valider_adresse)
    validation = _arriver(r, ValidationPage(page), CONSIGNES.premiere_connexion)
    r.cliquer(validation.je_me_connecte, CONSIGNES.premiere_connexion)
    portail = _arriver(r, PortailPage(page), CONSIGNES.premiere_connexion)
    r.saisir(portail.nir, demo.assure.nir, CONSIGNES.premiere_connexion)
    r.saisir(portail.code_personnel, CODE_PERSONNEL_DEMO, CONSIGNES.premiere_connexion)
    r.cliquer(portail.se_connecter_bouton, CONSIGNES.premiere_connexion)
    espace = EspacePage(page)
    expect(espace.titre).to_contain_text(f"{ESPACE.titre} ")
    expect(espace.titre).to_contain_text(demo.assure.nom)
    r.ecran(espace, None)
    return page


def franceconnect(r: Realisation, demo: Demo, page: Page) -> Page:
    """Étape 4, par FranceConnect : choix du compte, connexion, données transmises."""
    creation = _arriver(r, CreationPage(page).ouvrir(), CONSIGNES.franceconnect)
    r.cliquer(creation.franceconnect_bouton, CONSIGNES.franceconnect)
    choix = _arriver(r, ChoixFournisseurPage(page), CONSIGNES.franceconnect_connexion)
    fournisseur = choix.fournisseur(FOURNISSEUR_FRANCECONNECT)
    r.capturer("etape-4-franceconnect-choix", fournisseur)
    r.cliquer(fournisseur, CONSIGNES.franceconnect_connexion)
    connexion = ConnexionFournisseurPage(page)
    connexion.verifier_titre(FRANCECONNECT.titre_connexion_pour(FOURNISSEUR_FRANCECONNECT))
    r.ecran(connexion, CONSIGNES.franceconnect_connexion)
    r.saisir(connexion.identifiant, demo.assure.nir, CONSIGNES.franceconnect_connexion)
    r.saisir(connexion.mot_de_passe, MOT_DE_PASSE_FRANCECONNECT, CONSIGNES.franceconnect_connexion)
    r.capturer("etape-4-franceconnect-connexion", connexion.se_connecter_bouton)
    r.cliquer(connexion.se_connecter_bouton, CONSIGNES.franceconnect_connexion)
    consentement = ConsentementPage(page)
    expect(consentement.donnees).to_contain_text(demo.assure.nom)
    r.ecran(consentement, CONSIGNES.franceconnect_connexion)
    r.capturer("etape-4-franceconnect-consentement", consentement.continuer_bouton)
    r.cliquer(consentement.continuer_bouton, CONSIGNES.franceconnect_connexion)
    return page


# The screenshots' journey: the nine steps with the input error of step 4, then FranceConnect,
# walked last so that the form captured above carries no message of a return from it.
PARCOURS_DES_CAPTURES: tuple[Sequence, ...] = (
    Sequence(1, code_postal),
    Sequence(2, compte_ameli),
    Sequence(3, espace_assure),
    Sequence(4, formulaire_avec_erreur),
    Sequence(5, identite),
    Sequence(6, conditions),
    Sequence(7, code_personnel),
    Sequence(8, coordonnees),
    Sequence(9, email),
    Sequence(4, franceconnect),
)


def parcourir(
    page: Page, r: Realisation, sequences: tuple[Sequence, ...] = PARCOURS_DES_CAPTURES
) -> Page:
    """Store the demo person, then walk the sequences, telling `r` each step as it begins."""
    demo = Demo.enregistrer(page.context.request)
    for sequence in sequences:
        r.etape(sequence.etape)
        page = sequence.jouer(r, demo, page)
    return page
