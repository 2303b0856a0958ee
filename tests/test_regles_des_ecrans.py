"""Every case of the screens' rules, over HTTP: the forms a browser posts, without a browser.

A rule's message, once its screen's wiring is proven in a browser by one or two representative
cases (`e2e/test_<screen>.py`: the alert summary, the message tied to its field, the screen
staying put), needs no browser per case. Here each case posts the same form to the mock under
test with `fixtures.parcours_http.ClientHttp` (its own cookies, like a new browser), and reads
the answer's HTML (`fixtures.lecture_html`): the screen's heading, the message in the
`role="alert"` summary, the field marked `aria-invalid="true"` whose `aria-describedby` points
at an element holding the message. Screens 5 to 8 are reached through `POST /_test/parcours`
on the client's own session. Expected texts come from `pages/textes.py` and tables written here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

import allure
import pytest
import requests
from faker import Faker

from e2e.tutoriel import etape
from fixtures.assures import Assure, fabriquer_assure
from fixtures.lecture_html import PageLue, lire_page
from fixtures.parcours_http import ClientHttp
from fixtures.providers import REGIMES_ELIGIBLES
from pages.textes import (
    ACCUEIL,
    CODE_PERSONNEL,
    CONDITIONS,
    CONFIRMATION,
    COORDONNEES,
    CREATION,
    IDENTITE,
)

pytestmark = [pytest.mark.unit, pytest.mark.branche]


@pytest.fixture
def client(base_url: str) -> Iterator[ClientHttp]:
    """An HTTP client of the mock under test with its own cookies, like a new browser."""
    client = ClientHttp(base_url)
    yield client
    client.fermer()


@pytest.fixture
def assure(client: ClientHttp, faker: Faker) -> Assure:
    """An eligible insured person of the régime général, stored in the mock for this test."""
    return client.enregistrer_assure(fabriquer_assure(faker))


def ecran(reponse: requests.Response) -> PageLue:
    """The screen the answer shows; it must be shown, not a redirect elsewhere."""
    assert not reponse.is_redirect, (
        f"{reponse.url} redirige vers {reponse.headers.get('Location')} au lieu de rester"
    )
    return lire_page(reponse.text)


def arrivee(client: ClientHttp, reponse: requests.Response) -> PageLue:
    """The screen a redirect leads to (the answer must be one)."""
    assert reponse.is_redirect, f"{reponse.url} : {reponse.status_code} au lieu d'une redirection"
    return ecran(client.get(urlsplit(reponse.headers["Location"]).path))


def verifier_erreur_de_champ(page: PageLue, titre: str, champ: str, message: str) -> None:
    """The screen stays, its alert summary says `message`, and the field `champ` is marked
    invalid with an `aria-describedby` that points at an element holding the message."""
    assert page.titre == titre
    assert any(message in alerte for alerte in page.alertes), (
        f"« {message} » absent du résumé des erreurs : {page.alertes}"
    )
    assert page.champ(champ).attributs.get("aria-invalid") == "true", (
        f"le champ « {champ} » n'est pas marqué invalide (champs invalides : "
        f"{page.champs_invalides()})"
    )
    assert any(message in description for description in page.descriptions(champ)), (
        f"« {message} » n'est pas lié au champ « {champ} » : {page.descriptions(champ)}"
    )


# Screen 1: the postal code and its caisse ---------------------------------------------------


def choisir_code_postal(client: ClientHttp, code_postal: str) -> PageLue:
    """Screen 1's form, as "Sélectionner" sends it (GET)."""
    return ecran(client.get("/", code_postal=code_postal))


@etape(1, "Corse et outre-mer")
@allure.title("Corse et outre-mer : le code postal {code_postal} propose « {caisse} » (HTTP)")
@pytest.mark.parametrize(
    ("code_postal", "caisse"),
    [
        ("20000", "CPAM de Corse-du-Sud (2A)"),
        ("20167", "CPAM de Corse-du-Sud (2A)"),
        ("20200", "CPAM de la Haute-Corse (2B)"),
        ("20600", "CPAM de la Haute-Corse (2B)"),
        ("97100", "CGSS de la Guadeloupe (971)"),
        ("97200", "CGSS de la Martinique (972)"),
        ("97300", "CGSS de la Guyane (973)"),
        ("97400", "CGSS de La Réunion (974)"),
        ("97600", "CSSM de Mayotte (976)"),
    ],
)
def test_corse_et_outre_mer_ont_leur_caisse(
    client: ClientHttp, code_postal: str, caisse: str
) -> None:
    """Corsican codes split into 2A/2B; overseas codes take three digits."""
    dialogues = choisir_code_postal(client, code_postal).dialogues
    assert any(caisse in dialogue for dialogue in dialogues), dialogues


@etape(1, "Code postal invalide")
@allure.title("Code postal refusé : « {code_postal} » (HTTP)")
@pytest.mark.parametrize(
    ("code_postal", "message"),
    [
        ("", ACCUEIL.code_postal_mal_forme),
        ("7501", ACCUEIL.code_postal_mal_forme),
        ("75A11", ACCUEIL.code_postal_mal_forme),
        ("00100", ACCUEIL.code_postal_inconnu),
        ("20900", ACCUEIL.code_postal_inconnu),
        ("97800", ACCUEIL.code_postal_inconnu),
    ],
)
def test_un_code_postal_invalide_est_explique(
    client: ClientHttp, code_postal: str, message: str
) -> None:
    """An invalid or unknown code gets a message tied to the field, and no dialog."""
    page = choisir_code_postal(client, code_postal)
    verifier_erreur_de_champ(page, ACCUEIL.titre, "code_postal", message)
    assert page.dialogues == []


# Screen 4: the creation form and who may open an account ------------------------------------


def continuer_la_creation(client: ClientHttp, valeurs: dict[str, str]) -> requests.Response:
    """Post screen 4 with these values, as "Continuer" does."""
    return client.poster("/compte/creation", {**valeurs, "action": "continuer"})


@etape(4, "Erreurs de saisie")
@allure.title("Saisie refusée : {champ} = « {valeur} » (HTTP)")
@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("nom", "", CREATION.nom_manquant),
        ("nir", "", CREATION.nir_manquant),
        ("nir", "18505751234", CREATION.nir_mal_forme),
        ("nir", "385057512345A", CREATION.nir_mal_forme),
        ("nir", "1851375123456", CREATION.nir_mal_forme),
        ("nir", "1850520123456", CREATION.nir_mal_forme),
        ("nir", "1850575123000", CREATION.nir_mal_forme),
        ("date_naissance", "", CREATION.date_manquante),
        ("date_naissance", "31/02/1985", CREATION.date_irreelle),
        ("date_naissance", "15/13/1985", CREATION.date_irreelle),
        ("date_naissance", "1985", CREATION.date_irreelle),
        ("date_naissance", "01/01/2999", CREATION.date_future),
        ("code_postal", "", CREATION.code_postal_manquant),
        ("code_postal", "750", ACCUEIL.code_postal_mal_forme),
    ],
)
def test_une_saisie_invalide_est_refusee_sur_son_champ(
    client: ClientHttp, assure: Assure, champ: str, valeur: str, message: str
) -> None:
    """A malformed value gets its French message tied to its field, and the screen stays."""
    reponse = continuer_la_creation(client, {**assure.saisie_creation(), champ: valeur})
    verifier_erreur_de_champ(ecran(reponse), CREATION.titre, champ, message)


@etape(4, "Identité introuvable")
@allure.title("Identité introuvable : un seul message, quel que soit le champ erroné ({erreur})")
@pytest.mark.parametrize("erreur", ["nom", "code_postal", "nir_inconnu", "date_naissance"])
def test_une_identite_introuvable_a_un_message_generique(
    client: ClientHttp, assure: Assure, faker: Faker, erreur: str
) -> None:
    """Whichever of the four values is wrong, the message does not say which."""
    valeurs = assure.saisie_creation()
    if erreur == "nom":
        valeurs["nom"] = assure.nom + "X"
    elif erreur == "code_postal":
        valeurs["code_postal"] = "75011" if assure.code_postal != "75011" else "69001"
    elif erreur == "nir_inconnu":
        inconnu = fabriquer_assure(faker, sexe=assure.sexe, date_naissance=assure.date_naissance)
        valeurs["nir"] = inconnu.nir
    else:
        # Same year and month (so the NIR stays consistent), another day.
        jour = 2 if assure.date_naissance.day == 1 else 1
        autre_jour = replace(assure, date_naissance=assure.date_naissance.replace(day=jour))
        valeurs["date_naissance"] = autre_jour.date_naissance_fr
    page = ecran(continuer_la_creation(client, valeurs))
    assert page.titre == CREATION.titre
    assert any(CREATION.identite_inconnue in alerte for alerte in page.alertes), page.alertes
    assert page.champs_invalides() == []


@etape(4, "Régimes éligibles", allure.severity_level.CRITICAL)
@allure.title("Régime éligible : {regime} (HTTP)")
@pytest.mark.parametrize("regime", REGIMES_ELIGIBLES)
def test_les_regimes_partenaires_peuvent_creer_un_compte(
    client: ClientHttp, faker: Faker, regime: str
) -> None:
    """The régime général and the thirteen partner régimes reach screen 5."""
    personne = client.enregistrer_assure(fabriquer_assure(faker, regime=regime))
    assert arrivee(client, client.passer_l_ecran_4(personne)).titre == IDENTITE.titre


@etape(4, "Régimes non éligibles", allure.severity_level.CRITICAL)
@allure.title("Régime non éligible : {regime} (HTTP)")
@pytest.mark.parametrize("regime", ["MGEN", "MSA", "SNCF"])
def test_les_autres_regimes_sont_refuses(client: ClientHttp, faker: Faker, regime: str) -> None:
    """Other régimes are told the service is not open to them."""
    personne = client.enregistrer_assure(fabriquer_assure(faker, regime=regime))
    page = ecran(client.passer_l_ecran_4(personne))
    assert page.titre == CREATION.titre_non_eligible
    message = CREATION.regime_refuse_pour(regime)
    assert any(message in alerte for alerte in page.alertes), page.alertes


@etape(4, "Numéro provisoire")
@allure.title("Un numéro de sécurité sociale provisoire (commençant par {sexe}) est refusé (HTTP)")
@pytest.mark.parametrize("sexe", ["7", "8"])
def test_un_nir_provisoire_est_refuse(client: ClientHttp, faker: Faker, sexe: str) -> None:
    """A temporary number (7 or 8) cannot open an account."""
    modele = fabriquer_assure(faker, aujourd_hui=date(2026, 1, 1))
    personne = client.enregistrer_assure(
        fabriquer_assure(faker, nir=sexe + modele.nir[1:], aujourd_hui=date(2026, 1, 1))
    )
    page = ecran(client.passer_l_ecran_4(personne))
    assert any(CREATION.nir_provisoire in alerte for alerte in page.alertes), page.alertes


# Screen 5: the identity confirmation --------------------------------------------------------

# A malformed entry must not count as a failed identity check; the third failure would lock.
ESSAIS_AVANT_BLOCAGE = 3


@etape(5, "Erreurs de saisie")
@allure.title("Format refusé sans compter d'essai : IBAN « {iban7} », Vitale « {vitale11} » (HTTP)")
@pytest.mark.parametrize(
    ("iban7", "vitale11", "champ", "message"),
    [
        ("", "12345678901", "iban7", IDENTITE.iban_manquant),
        ("12345", "12345678901", "iban7", IDENTITE.iban_mal_forme),
        ("12-4567", "12345678901", "iban7", IDENTITE.iban_mal_forme),
        ("1234567", "", "vitale11", IDENTITE.vitale_manquant),
        ("1234567", "1234", "vitale11", IDENTITE.vitale_mal_forme),
        ("1234567", "1234567890A", "vitale11", IDENTITE.vitale_mal_forme),
    ],
)
def test_un_format_invalide_est_refuse_sans_compter_d_essai(
    client: ClientHttp, assure: Assure, iban7: str, vitale11: str, champ: str, message: str
) -> None:
    """Malformed digits are a typing error, not a failed identity check: as many as would lock
    the creation leave the person's own digits accepted."""
    client.placer_parcours(assure.nir, "identite")
    for _ in range(ESSAIS_AVANT_BLOCAGE):
        reponse = client.poster(
            "/compte/identite", {"iban7": iban7, "vitale11": vitale11, "action": "valider"}
        )
        page = ecran(reponse)
        verifier_erreur_de_champ(page, IDENTITE.titre, champ, message)
        assert not any(IDENTITE.essais_restants in alerte for alerte in page.alertes)
    justes = {
        "iban7": assure.sept_derniers_iban,
        "vitale11": assure.onze_derniers_vitale,
        "action": "valider",
    }
    assert arrivee(client, client.poster("/compte/identite", justes)).titre == CONDITIONS.titre


# Screen 6: a later step's address -----------------------------------------------------------


@etape(6, "Étape non atteinte")
@allure.title("Ouvrir directement l'URL de « {chemin} » renvoie à l'étape en cours (HTTP)")
@pytest.mark.parametrize("chemin", ["/compte/code", "/compte/coordonnees", "/compte/confirmation"])
def test_une_etape_future_renvoie_a_l_etape_en_cours(
    client: ClientHttp, assure: Assure, chemin: str
) -> None:
    """A later step's URL sends the user back to the step they are at (here, screen 6)."""
    client.placer_parcours(assure.nir, "conditions")
    reponse = client.get(chemin)
    assert urlsplit(reponse.headers.get("Location", "")).path == "/compte/conditions"
    assert arrivee(client, reponse).titre == CONDITIONS.titre


# Screen 7: the personal code ----------------------------------------------------------------


@etape(7, "Code personnel refusé")
@allure.title("Code personnel refusé : « {code} » / « {confirmation} » (HTTP)")
@pytest.mark.parametrize(
    ("code", "confirmation", "champ", "message"),
    [
        ("", "", "code", CODE_PERSONNEL.code_manquant),
        ("4071932", "4071932", "code", CODE_PERSONNEL.longueur),
        ("40719326581204", "40719326581204", "code", CODE_PERSONNEL.longueur),
        ("4071a326", "4071a326", "code", CODE_PERSONNEL.chiffres_seuls),
        ("4071 9326", "4071 9326", "code", CODE_PERSONNEL.chiffres_seuls),
        ("40719326", "", "confirmation", CODE_PERSONNEL.confirmation_manquante),
        ("40719326", "40719327", "confirmation", CODE_PERSONNEL.codes_differents),
        ("77777777", "77777777", "code", CODE_PERSONNEL.trop_simple),
        ("12345678", "12345678", "code", CODE_PERSONNEL.trop_simple),
        ("987654321", "987654321", "code", CODE_PERSONNEL.trop_simple),
    ],
)
def test_un_code_invalide_est_refuse(
    client: ClientHttp, assure: Assure, code: str, confirmation: str, champ: str, message: str
) -> None:
    """Length, digits only, equal confirmation, not a trivial code."""
    client.placer_parcours(assure.nir, "code")
    reponse = client.poster(
        "/compte/code", {"code": code, "confirmation": confirmation, "action": "continuer"}
    )
    verifier_erreur_de_champ(ecran(reponse), CODE_PERSONNEL.titre, champ, message)


# Screen 8: the personal information ---------------------------------------------------------


def adresse_de(assure: Assure) -> str:
    """An address only this test's person uses, so mailboxes never mix between tests."""
    return f"assure.{assure.nir.lower()}@exemple.fr"


def continuer_les_coordonnees(
    client: ClientHttp, assure: Assure, valeurs: dict[str, str]
) -> requests.Response:
    """Screen 8 for the person, posted with the consents left at their default "Non"."""
    client.placer_parcours(assure.nir, "coordonnees")
    return client.poster("/compte/coordonnees", {**valeurs, "action": "continuer"})


@etape(8, "Coordonnées refusées")
@allure.title("Coordonnées refusées : {champ} = « {valeur} » (HTTP)")
@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("email", "", COORDONNEES.email_manquant),
        ("email", "prenom.nom@", COORDONNEES.email_invalide),
        ("email", "prenom nom@exemple.fr", COORDONNEES.email_invalide),
        ("email", "prenom.nom@exemple", COORDONNEES.email_invalide),
        ("email_confirmation", "", COORDONNEES.email_confirmation_manquante),
        ("email_confirmation", "autre@exemple.fr", COORDONNEES.emails_differents),
        ("portable", "0112345678", COORDONNEES.portable_invalide),
        ("portable", "06 12 34 56", COORDONNEES.portable_invalide),
        ("portable", "+44 7911 123456", COORDONNEES.portable_invalide),
        ("fixe", "0612345678", COORDONNEES.fixe_invalide),
        ("fixe", "01 23 45 67 8A", COORDONNEES.fixe_invalide),
    ],
)
def test_des_coordonnees_invalides_sont_refusees(
    client: ClientHttp, assure: Assure, champ: str, valeur: str, message: str
) -> None:
    """Malformed email or phone numbers get their message; no account is created."""
    email = adresse_de(assure)
    valeurs = {"email": email, "email_confirmation": email, "portable": "", "fixe": ""}
    valeurs[champ] = valeur
    if champ == "email":
        valeurs["email_confirmation"] = valeur
    reponse = continuer_les_coordonnees(client, assure, valeurs)
    verifier_erreur_de_champ(ecran(reponse), COORDONNEES.titre, champ, message)
    assert client.mails(email) == []


@etape(8, "Formats de téléphone")
@allure.title("Téléphones au format français acceptés : « {portable} » et « {fixe} » (HTTP)")
@pytest.mark.parametrize(
    ("portable", "fixe"),
    [
        ("06 12 34 56 78", "01 23 45 67 89"),
        ("07.12.34.56.78", "09-87-65-43-21"),
        ("+33 6 12 34 56 78", "0033123456789"),
    ],
)
def test_les_formats_francais_de_telephone_sont_acceptes(
    client: ClientHttp, assure: Assure, portable: str, fixe: str
) -> None:
    """Spaces, dots, dashes and the +33 / 0033 prefixes are fine."""
    email = adresse_de(assure)
    valeurs = {"email": email, "email_confirmation": email, "portable": portable, "fixe": fixe}
    reponse = continuer_les_coordonnees(client, assure, valeurs)
    assert arrivee(client, reponse).titre == CONFIRMATION.titre
