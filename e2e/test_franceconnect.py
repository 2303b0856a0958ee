"""Screen 4's FranceConnect branch: provider choice, login, consent, and the way back to ameli.

The mock FranceConnect logs in the mock's insured persons with their NIR and the test
password `123`; the account `test` is FranceConnect's documented demo identity, unknown to
ameli. Its protocol (paths, checks, error codes, tokens) is tested without a browser in
`mock_site/tests/test_franceconnect.py`; here, what a person sees.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import allure
import pytest
from faker import Faker
from playwright.sync_api import Page, expect

from e2e.tutoriel import etape
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure, fabriquer_assure
from pages.coordonnees import CoordonneesPage
from pages.creation import CreationPage
from pages.franceconnect import (
    ChoixFournisseurPage,
    ConnexionFournisseurPage,
    ConsentementPage,
    ErreurFranceConnectPage,
    ExplicationFranceConnectPage,
)
from pages.messagerie import MessageriePage
from pages.portail import PortailPage
from pages.textes import (
    CODE_PERSONNEL,
    CONDITIONS,
    COORDONNEES,
    CREATION,
    DECONNEXION_FRANCECONNECT,
    ESPACE,
    EXPLICATION_FRANCECONNECT,
    FRANCECONNECT,
    MESSAGERIE,
    VALIDATION,
)

FOURNISSEUR = FRANCECONNECT.impots_gouv
MOT_DE_PASSE = FRANCECONNECT.mot_de_passe_test
CODE_CHOISI = "739184265031"

pytestmark = pytest.mark.branche


@pytest.fixture
def choix_franceconnect(creation: CreationPage) -> ChoixFournisseurPage:
    """Screen 4, then "S'identifier avec FranceConnect": FranceConnect's provider choice."""
    creation.s_identifier_avec_franceconnect()
    choix = ChoixFournisseurPage(creation.page)
    expect(choix.titre).to_have_text(FRANCECONNECT.titre)
    return choix


def _consentement(choix: ChoixFournisseurPage, identifiant: str) -> ConsentementPage:
    """Log in at FranceConnect's first provider: the consent screen."""
    consentement = choix.choisir(FOURNISSEUR).se_connecter(identifiant, MOT_DE_PASSE)
    expect(consentement.continuer_bouton).to_be_visible()
    return consentement


@etape(4, "FranceConnect", allure.severity_level.CRITICAL)
@allure.title("Un assuré crée son compte via FranceConnect, sans IBAN ni carte Vitale")
def test_un_assure_cree_son_compte_via_franceconnect(
    page: Page, assure: Assure, choix_franceconnect: ChoixFournisseurPage, donnees: DonneesDeTest
) -> None:
    """Given a known person, FranceConnect leads straight to the terms, then to a live account."""
    email = f"{assure.nir}@exemple.fr"

    connexion = choix_franceconnect.choisir(FOURNISSEUR)
    expect(connexion.titre).to_have_text(FRANCECONNECT.titre_connexion_pour(FOURNISSEUR))
    expect(connexion.identifiants_de_test).to_contain_text(MOT_DE_PASSE)
    consentement = connexion.se_connecter(assure.nir, MOT_DE_PASSE)
    expect(consentement.titre).to_have_text(
        FRANCECONNECT.titre_consentement_pour(f"{assure.prenoms} {assure.nom}")
    )
    for donnee in (
        *FRANCECONNECT.libelles_identite_pivot,
        assure.nom,
        assure.prenoms,
        assure.date_naissance_fr,
    ):
        expect(consentement.donnees).to_contain_text(donnee)

    conditions = consentement.continuer()
    expect(conditions.titre).to_have_text(CONDITIONS.titre)
    expect(conditions.etape_courante).to_have_text(CONDITIONS.etape)

    conditions.accepter()
    code = conditions.continuer()
    expect(code.etape_courante).to_have_text(CODE_PERSONNEL.etape)
    code.choisir_code(CODE_CHOISI)
    coordonnees = code.continuer()
    expect(coordonnees.etape_courante).to_have_text(COORDONNEES.etape)
    coordonnees.saisir_email(email)
    confirmation = coordonnees.continuer()
    expect(confirmation.message).to_contain_text(email)

    boite = MessageriePage(page).ouvrir_boite(email)
    boite.ouvrir_message(MESSAGERIE.sujet_validation)
    validation = boite.valider_adresse()
    expect(validation.titre).to_have_text(VALIDATION.titre)
    espace = PortailPage(page).ouvrir().se_connecter(assure.nir, CODE_CHOISI)
    expect(espace.titre).to_have_text(
        re.compile(rf"{re.escape(ESPACE.titre)} .*{re.escape(assure.nom)}")
    )
    assert len(donnees.mails(email)) == 1


@etape(4, "FranceConnect")
@allure.title("« Annuler » sur l'écran de consentement ramène au formulaire avec un message")
def test_annuler_au_consentement_ramene_au_formulaire(
    assure: Assure, choix_franceconnect: ChoixFournisseurPage
) -> None:
    """Cancelling at FranceConnect comes back to screen 4, which says so."""
    creation = _consentement(choix_franceconnect, assure.nir).annuler()

    expect(creation.titre).to_have_text(CREATION.titre)
    expect(creation.resume_erreurs).to_contain_text(CREATION.franceconnect_annule)


@etape(4, "FranceConnect")
@allure.title("« Annuler et revenir sur ameli.fr » au choix du compte ramène au formulaire")
def test_annuler_au_choix_du_compte_ramene_au_formulaire(
    choix_franceconnect: ChoixFournisseurPage,
) -> None:
    """Leaving FranceConnect before choosing a provider comes back to screen 4 too."""
    creation = choix_franceconnect.annuler()

    expect(creation.titre).to_have_text(CREATION.titre)
    expect(creation.resume_erreurs).to_contain_text(CREATION.franceconnect_annule)


@etape(4, "FranceConnect")
@allure.title("« Refuser » la transmission des données ramène au formulaire avec un message")
def test_refuser_le_consentement_ramene_au_formulaire(
    assure: Assure, choix_franceconnect: ChoixFournisseurPage
) -> None:
    """A refused consent comes back to screen 4 with its explanation; the form still works."""
    creation = _consentement(choix_franceconnect, assure.nir).refuser()

    expect(creation.resume_erreurs).to_contain_text(CREATION.franceconnect_refuse)
    expect(creation.nom).to_be_editable()


@etape(4, "FranceConnect")
@allure.title("Une identité FranceConnect inconnue de l'Assurance Maladie est refusée")
def test_une_identite_franceconnect_inconnue_est_refusee(
    choix_franceconnect: ChoixFournisseurPage,
) -> None:
    """FranceConnect's own test identity matches no insured person: back to screen 4."""
    consentement = _consentement(choix_franceconnect, FRANCECONNECT.identifiant_demo)
    expect(consentement.titre).to_have_text(
        FRANCECONNECT.titre_consentement_pour(FRANCECONNECT.identite_demo)
    )
    expect(consentement.donnees).to_contain_text(FRANCECONNECT.naissance_demo)

    consentement.continuer()

    creation = CreationPage(consentement.page)
    expect(creation.titre).to_have_text(CREATION.titre)
    expect(creation.resume_erreurs).to_contain_text(CREATION.franceconnect_identite_inconnue)


@etape(4, "FranceConnect")
@allure.title("Un assuré d'un régime non partenaire identifié par FranceConnect est refusé")
def test_un_regime_non_eligible_est_refuse_via_franceconnect(
    faker: Faker, donnees: DonneesDeTest, choix_franceconnect: ChoixFournisseurPage
) -> None:
    """The eligibility rules of screen 4 apply to a FranceConnect identity as well."""
    assure_mgen = donnees.enregistrer_assure(fabriquer_assure(faker, regime="MGEN"))

    _consentement(choix_franceconnect, assure_mgen.nir).continuer()

    page = choix_franceconnect.page
    expect(page.get_by_role("heading", level=1)).to_have_text(CREATION.titre_non_eligible)
    expect(page.get_by_role("alert")).to_contain_text(CREATION.regime_refuse_pour("MGEN"))


@etape(4, "FranceConnect")
@allure.title("Un compte existant est signalé au retour de FranceConnect")
def test_un_compte_existant_est_signale_via_franceconnect(
    page: Page, assure: Assure, donnees: DonneesDeTest
) -> None:
    """A person who created an account already is sent to screen 4 with a way to log in."""
    donnees.placer_parcours(assure.nir, "coordonnees")
    coordonnees = CoordonneesPage(page).ouvrir()
    coordonnees.saisir_email(f"{assure.nir}@exemple.fr")
    expect(coordonnees.continuer().message).to_be_visible()

    creation = CreationPage(page).ouvrir()
    creation.s_identifier_avec_franceconnect()
    _consentement(ChoixFournisseurPage(page), assure.nir).continuer()

    expect(creation.resume_erreurs).to_contain_text(CREATION.compte_existant)
    expect(creation.lien_connexion).to_be_visible()


@etape(4, "FranceConnect")
@allure.title("Un mauvais mot de passe chez le fournisseur d'identité est refusé")
def test_un_mauvais_mot_de_passe_est_refuse_chez_le_fournisseur(
    assure: Assure, choix_franceconnect: ChoixFournisseurPage
) -> None:
    """The provider's login screen says the credentials are wrong and stays put."""
    connexion = choix_franceconnect.choisir(FOURNISSEUR)

    connexion.se_connecter(assure.nir, "mauvais-mot-de-passe")

    connexion = ConnexionFournisseurPage(connexion.page)
    expect(connexion.resume_erreurs).to_contain_text(FRANCECONNECT.identifiants_incorrects)
    expect(connexion.identifiant).to_have_value(assure.nir)


@etape(4, "FranceConnect")
@allure.title("Le bouton FranceConnect est le bouton officiel, avec son lien d'aide")
def test_le_bouton_franceconnect_est_le_bouton_officiel(creation: CreationPage) -> None:
    """DSFR `fr-connect`: « S’identifier avec » / « FranceConnect », help link in a new tab."""
    expect(creation.franceconnect_bouton).to_have_class("fr-connect")
    expect(creation.franceconnect_bouton).to_have_text(CREATION.bouton_franceconnect)
    aide = creation.qu_est_ce_que_franceconnect
    expect(aide).to_have_text(CREATION.aide_franceconnect)
    expect(aide).to_have_attribute("href", CREATION.site_franceconnect)
    expect(aide).to_have_attribute("target", "_blank")
    expect(aide).to_have_attribute("title", CREATION.infobulle_aide_franceconnect)


@etape(4, "FranceConnect")
@allure.title("La page « Qu'est-ce que FranceConnect ? » d'ameli explique le service")
def test_qu_est_ce_que_franceconnect_explique_le_service(page: Page) -> None:
    """ameli's own explanation, with a way back to the form."""
    explication = ExplicationFranceConnectPage(page).ouvrir()

    expect(explication.titre).to_have_text(EXPLICATION_FRANCECONNECT.titre)
    donnees_transmises = page.get_by_role(
        "heading", name=EXPLICATION_FRANCECONNECT.donnees_transmises
    )
    expect(page.get_by_text(EXPLICATION_FRANCECONNECT.solution_de_l_etat)).to_be_visible()
    expect(donnees_transmises).to_be_visible()
    expect(page.get_by_text(EXPLICATION_FRANCECONNECT.mot_de_passe_non_transmis)).to_be_visible()
    retour = explication.retour()
    expect(retour.titre).to_have_text(CREATION.titre)


@etape(4, "FranceConnect")
@allure.title("Une demande de connexion invalide affiche l'erreur Y030007 sans lien de retour")
def test_une_demande_invalide_affiche_l_erreur_de_franceconnect(page: Page) -> None:
    """FranceConnect's technical error page (api-authorize.feature: a parameter missing)."""
    erreur = ErreurFranceConnectPage(page).envoyer_demande(
        "client_id=ameli-mock&response_type=code"
    )

    expect(erreur.titre).to_have_text(FRANCECONNECT.titre_erreur)
    expect(erreur.alerte).to_contain_text(
        f"{FRANCECONNECT.code_erreur} : {FRANCECONNECT.demande_invalide}"
    )
    expect(erreur.alerte).to_contain_text(FRANCECONNECT.erreur_technique)
    expect(erreur.liens).to_have_count(0)


@etape(4, "FranceConnect")
@allure.title("Après une connexion FranceConnect, « Me déconnecter » passe par FranceConnect")
def test_la_deconnexion_passe_par_franceconnect(
    page: Page, assure: Assure, donnees: DonneesDeTest
) -> None:
    """An active account logs in with FranceConnect; logging out ends FranceConnect's session."""
    email = f"{assure.nir}@exemple.fr"
    donnees.placer_parcours(assure.nir, "coordonnees")
    coordonnees = CoordonneesPage(page).ouvrir()
    coordonnees.saisir_email(email)
    expect(coordonnees.continuer().message).to_be_visible()
    boite = MessageriePage(page).ouvrir_boite(email)
    boite.ouvrir_message(MESSAGERIE.sujet_validation)
    expect(boite.valider_adresse().titre).to_have_text(VALIDATION.titre)

    creation = CreationPage(page).ouvrir()
    creation.s_identifier_avec_franceconnect()
    espace = _consentement(ChoixFournisseurPage(page), assure.nir).continuer_vers_l_espace()
    expect(espace.titre).to_have_text(
        re.compile(rf"{re.escape(ESPACE.titre)} .*{re.escape(assure.nom)}")
    )

    with page.expect_request(re.compile(r"/franceconnect/api/v2/session/end\?")) as fin:
        deconnecte = espace.se_deconnecter_de_franceconnect()

    expect(deconnecte.titre).to_have_text(DECONNEXION_FRANCECONNECT.titre)
    expect(deconnecte.message).to_have_text(DECONNEXION_FRANCECONNECT.message)
    demande = parse_qs(urlsplit(fin.value.url).query)
    assert demande["id_token_hint"]
    expect(page).to_have_url(
        re.compile(
            r"/franceconnect/deconnexion/retour\?state=" + re.escape(demande["state"][0]) + "$"
        )
    )
