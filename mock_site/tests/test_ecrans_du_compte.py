"""The screens around the journey — portal, logged-in space, provisional code, refusals,
validation link, error page — read as a user and a screen reader get them.

The tutorial shows screens 1 to 9 (`test_libelles_du_tutoriel.py`); these screens it does not
show. Their wording is the mock's own, agreed with the test side (`pages/textes.py`, which the
page objects and the browser tests read) and written again in the tables below: a change of
wording is made on purpose in the template and here. Where the tutorial does say something
(the footer links and the header of the account's pages, screen 6), its words are used.

Each block of text is compared whole (`lecture.lire`), so a word dropped or added at either
end is seen. What a screen reader announces is checked too: each region named by its heading,
each message announced with its role, the references between elements unbroken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask.testing import FlaskClient

from mock_site.tests.lecture import Page, champs_sans_libelle, lire, references_cassees
from mock_site.tests.libelles import (
    ACCUEIL,
    CODE_PROVISOIRE,
    COMMUN,
    CONDITIONS,
    CONFIRMATION,
    CREATION,
    DECONNEXION_FRANCECONNECT,
    DIALOGUE_CAISSE,
    ERREURS,
    ESPACE,
    EXPLICATION_FRANCECONNECT,
    IDENTITE,
    MESSAGERIE,
    PORTAIL,
    VALIDATION,
    fenetre,
)
from mock_site.tests.parcours import (
    CODE_CHOISI,
    activer_compte,
    champs_creation,
    champs_identite,
    creer_compte,
    creer_personne,
    jusqu_a_identite,
    lien_validation,
    poster,
    se_connecter,
)

# The tutorial's screen 6: the account pages' header and footer links (libelles.py).
ENTETE_ET_PIED = list(COMMUN.entete_et_pied)
RETOUR_ACCUEIL_COMPTE = COMMUN.retour_accueil_compte
EMAIL = "ecrans@exemple.fr"
# The caisse of the postal code 75001.
PARIS = "CPAM de Paris (75)"


@dataclass
class Attendu:
    """What a screen shows and announces."""

    statut: int
    titre: str
    textes: list[str]
    # (tag, accessible name) of each named element, in the page's order.
    noms: list[tuple[str, str]]
    # (role, text) of each element with a role, in the page's order.
    annonces: list[tuple[str, str]] = field(default_factory=list)
    # (element's text, description) of each element with aria-describedby; None: not checked.
    descriptions: list[tuple[str, str]] | None = None


def _portail(client: FlaskClient) -> Any:
    return client.get("/compte")


def _code_provisoire(client: FlaskClient) -> Any:
    jusqu_a_identite(client, creer_personne(client))
    return client.get("/compte/code-provisoire")


def _code_provisoire_demande(client: FlaskClient) -> Any:
    jusqu_a_identite(client, creer_personne(client))
    return poster(client, "/compte/code-provisoire", {})


def _conditions_detaillees(client: FlaskClient) -> Any:
    return client.get("/compte/conditions-detaillees")


def _ineligible(client: FlaskClient) -> Any:
    personne = creer_personne(client, regime="MGEN")
    return poster(client, "/compte/creation", champs_creation(personne))


def _numero_provisoire(client: FlaskClient) -> Any:
    # A temporary NIR (7 or 8 first, SPEC « Eligibility »): refused before any identity check.
    return poster(
        client,
        "/compte/creation",
        {
            "nom": "DUPONT",
            "nir": "7850575123456",
            "date_naissance": "01/05/1985",
            "code_postal": "75001",
            "action": "continuer",
        },
    )


def _refus(client: FlaskClient) -> Any:
    personne = creer_personne(client)
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "conditions"})
    return poster(client, "/compte/conditions", {"conditions": "non", "action": "continuer"})


def _identite_bloquee(client: FlaskClient) -> Any:
    personne = creer_personne(client)
    jusqu_a_identite(client, personne)
    faux = {"iban7": "0000000", "vitale11": "00000000000", "action": "valider"}
    for _ in range(3):
        poster(client, "/compte/identite", faux)
    return client.get("/compte/identite")


def _compte_en_attente(client: FlaskClient) -> str:
    creer_compte(client, creer_personne(client), EMAIL)
    return lien_validation(client, EMAIL)


def _confirmation(client: FlaskClient) -> Any:
    creer_compte(client, creer_personne(client), EMAIL)
    return client.get("/compte/confirmation")


def _validation_active(client: FlaskClient) -> Any:
    return client.get(_compte_en_attente(client))


def _validation_deja_utilisee(client: FlaskClient) -> Any:
    lien = _compte_en_attente(client)
    client.get(lien)
    return client.get(lien)


def _validation_expiree(client: FlaskClient) -> Any:
    lien = _compte_en_attente(client)
    client.post("/_test/clock", json={"days": 8, "global": True})
    return client.get(lien)


def _validation_renvoyee(client: FlaskClient) -> Any:
    lien = _compte_en_attente(client)
    client.post("/_test/clock", json={"days": 8, "global": True})
    return poster(client, "/compte/validation/nouveau-lien", {"jeton": lien.rsplit("/", 1)[1]})


def _validation_inconnue(client: FlaskClient) -> Any:
    return client.get("/compte/validation/jeton-qui-n-existe-pas")


def _page_introuvable(client: FlaskClient) -> Any:
    return client.get("/page-qui-n-existe-pas")


def _explication_franceconnect(client: FlaskClient) -> Any:
    return client.get("/franceconnect/qu-est-ce-que-franceconnect")


def _deconnexion_franceconnect_incertaine(client: FlaskClient) -> Any:
    # Back from FranceConnect's session/end without the state ameli sent.
    return client.get("/franceconnect/deconnexion/retour")


def _boite_vide(client: FlaskClient) -> Any:
    return client.get("/messagerie", query_string={"to": "personne@exemple.fr"})


def _message(client: FlaskClient) -> Any:
    creer_compte(client, creer_personne(client), EMAIL)
    boite = lire(client.get("/messagerie", query_string={"to": EMAIL}).get_data(as_text=True))
    liens = [
        e.attributs["href"]
        for e in boite.elements
        if e.tag == "a" and e.attributs.get("href", "").startswith("/messagerie/")
    ]
    assert len(liens) == 1, liens
    return client.get(liens[0])


def _accueil(client: FlaskClient) -> Any:
    return client.get("/")


def _accueil_caisse_proposee(client: FlaskClient) -> Any:
    return client.get("/", query_string={"code_postal": "75001"})


def _accueil_caisse_confirmee(client: FlaskClient) -> Any:
    client.post("/caisse", data={"code_postal": "75001"})
    return client.get("/")


# The home's header and footer, and its frame, on each of its states.
ENTETE_ACCUEIL = list(ACCUEIL.entete)
TEXTES_ACCUEIL = [
    ACCUEIL.titre,
    ACCUEIL.code_postal,
    ACCUEIL.indication_code_postal,
    ACCUEIL.selectionner,
    ACCUEIL.accroche,
    ACCUEIL.presentation,
    ACCUEIL.cadre_rose,
    ACCUEIL.compte_ameli,
    ACCUEIL.amelipro,
    ACCUEIL.net_entreprises,
    ACCUEIL.mention_du_tutoriel,
]
NOMS_ACCUEIL = [
    ("nav", COMMUN.publics),
    ("section", ACCUEIL.titre),
    ("aside", ACCUEIL.cadre_rose),
]
# Screen 2: « La description des icônes apparaît lorsque vous approchez votre souris ».
INFOBULLES = [
    (
        ACCUEIL.compte_ameli,
        ACCUEIL.description_compte_ameli,
    ),
    (ACCUEIL.amelipro, ACCUEIL.description_amelipro),
    (ACCUEIL.net_entreprises, ACCUEIL.description_net_entreprises),
]
INDICATION_CODE_POSTAL = (
    "",
    ACCUEIL.indication_code_postal,
)


ECRANS: dict[str, tuple[Callable[[FlaskClient], Any], Attendu]] = {
    "portail": (
        _portail,
        Attendu(
            200,
            PORTAIL.fenetre(),
            [
                COMMUN.aller_au_contenu,
                *ENTETE_ET_PIED,
                PORTAIL.titre,
                PORTAIL.se_connecter,
                f"{PORTAIL.nir} : *",
                f"{PORTAIL.code_personnel} : *",
                PORTAIL.se_connecter,
                PORTAIL.pas_encore_de_compte,
                PORTAIL.invitation,
                PORTAIL.je_cree_mon_compte,
            ],
            [
                ("section", PORTAIL.titre),
                ("section", PORTAIL.pas_encore_de_compte),
                ("nav", COMMUN.liens_utiles),
            ],
        ),
    ),
    "code provisoire": (
        _code_provisoire,
        Attendu(
            200,
            CODE_PROVISOIRE.fenetre(),
            [
                CODE_PROVISOIRE.titre,
                CODE_PROVISOIRE.explication,
                CODE_PROVISOIRE.retour,
                CODE_PROVISOIRE.recevoir,
            ],
            [("section", CODE_PROVISOIRE.titre), ("nav", COMMUN.liens_utiles)],
        ),
    ),
    "code provisoire demandé": (
        _code_provisoire_demande,
        Attendu(
            200,
            CODE_PROVISOIRE.fenetre(),
            [
                CODE_PROVISOIRE.titre_demande,
                RETOUR_ACCUEIL_COMPTE,
            ],
            [
                ("section", CODE_PROVISOIRE.titre_demande),
                ("nav", COMMUN.liens_utiles),
            ],
            [
                (
                    "status",
                    CODE_PROVISOIRE.envoye,
                )
            ],
        ),
    ),
    "conditions détaillées": (
        _conditions_detaillees,
        Attendu(
            200,
            fenetre(CONDITIONS.titre_conditions_detaillees),
            [
                CONDITIONS.titre_conditions_detaillees,
                *CONDITIONS.textes_conditions_detaillees,
            ],
            [("section", CONDITIONS.titre_conditions_detaillees), ("nav", COMMUN.liens_utiles)],
        ),
    ),
    "régime non éligible": (
        _ineligible,
        Attendu(
            403,
            fenetre(CREATION.titre_fenetre_non_eligible),
            [CREATION.titre_non_eligible, RETOUR_ACCUEIL_COMPTE],
            [("section", CREATION.titre_non_eligible), ("nav", COMMUN.liens_utiles)],
            [
                (
                    "alert",
                    # The tutorial's « A savoir » of its first step, told to the person.
                    CREATION.regime_refuse_pour("MGEN"),
                )
            ],
        ),
    ),
    "numéro provisoire": (
        _numero_provisoire,
        Attendu(
            403,
            fenetre(CREATION.titre_fenetre_non_eligible),
            [CREATION.titre_non_eligible, RETOUR_ACCUEIL_COMPTE],
            [("section", CREATION.titre_non_eligible), ("nav", COMMUN.liens_utiles)],
            [
                (
                    "alert",
                    CREATION.nir_provisoire,
                )
            ],
        ),
    ),
    "conditions refusées": (
        _refus,
        Attendu(
            200,
            fenetre(CONDITIONS.titre_refus),
            [
                CONDITIONS.titre_refus,
                CONDITIONS.recommencer,
                RETOUR_ACCUEIL_COMPTE,
            ],
            [("section", CONDITIONS.titre_refus), ("nav", COMMUN.liens_utiles)],
            [
                (
                    "status",
                    CONDITIONS.refus,
                )
            ],
        ),
    ),
    "identité bloquée": (
        _identite_bloquee,
        Attendu(
            200,
            IDENTITE.fenetre(),
            [IDENTITE.sans_numero_de_serie],
            [("section", IDENTITE.titre), ("nav", COMMUN.liens_utiles)],
            [
                (
                    "alert",
                    IDENTITE.bloque,
                )
            ],
        ),
    ),
    "confirmation": (
        _confirmation,
        Attendu(
            200,
            CONFIRMATION.fenetre(),
            [CONFIRMATION.titre],
            [("section", CONFIRMATION.titre), ("nav", COMMUN.liens_utiles)],
            [("status", CONFIRMATION.envoye_pour(EMAIL))],
        ),
    ),
    "lien de validation suivi": (
        _validation_active,
        Attendu(
            200,
            VALIDATION.fenetre(),
            [VALIDATION.titre, VALIDATION.je_me_connecte],
            [("section", VALIDATION.titre), ("nav", COMMUN.liens_utiles)],
            [
                (
                    "status",
                    VALIDATION.active,
                )
            ],
        ),
    ),
    "lien de validation déjà suivi": (
        _validation_deja_utilisee,
        Attendu(
            410,
            fenetre(VALIDATION.titre_deja_utilise),
            [VALIDATION.titre_deja_utilise, VALIDATION.je_me_connecte],
            [("section", VALIDATION.titre_deja_utilise), ("nav", COMMUN.liens_utiles)],
            [
                (
                    "alert",
                    VALIDATION.deja_utilise,
                )
            ],
        ),
    ),
    "lien de validation expiré": (
        _validation_expiree,
        Attendu(
            410,
            fenetre(VALIDATION.titre_expire),
            [VALIDATION.titre_expire, VALIDATION.nouveau_lien],
            [("section", VALIDATION.titre_expire), ("nav", COMMUN.liens_utiles)],
            [
                (
                    "alert",
                    VALIDATION.expire,
                )
            ],
        ),
    ),
    "nouveau lien envoyé": (
        _validation_renvoyee,
        Attendu(
            200,
            fenetre(VALIDATION.titre_nouveau_lien),
            [VALIDATION.titre_nouveau_lien],
            [("section", VALIDATION.titre_nouveau_lien), ("nav", COMMUN.liens_utiles)],
            [("status", VALIDATION.nouveau_lien_envoye_pour(EMAIL))],
        ),
    ),
    "lien de validation inconnu": (
        _validation_inconnue,
        Attendu(
            404,
            fenetre(VALIDATION.titre_inconnu),
            [VALIDATION.titre_inconnu],
            [("section", VALIDATION.titre_inconnu), ("nav", COMMUN.liens_utiles)],
            [
                (
                    "alert",
                    VALIDATION.inconnu,
                )
            ],
        ),
    ),
    "page introuvable": (
        _page_introuvable,
        Attendu(
            404,
            ERREURS.fenetre(),
            [COMMUN.aller_au_contenu, ERREURS.titre, ERREURS.erreur_404, COMMUN.retour_accueil],
            [("nav", COMMUN.publics), ("section", ERREURS.titre)],
            [("alert", ERREURS.introuvable)],
        ),
    ),
    "explication de FranceConnect": (
        _explication_franceconnect,
        Attendu(
            200,
            EXPLICATION_FRANCECONNECT.fenetre(),
            [
                EXPLICATION_FRANCECONNECT.titre,
                *EXPLICATION_FRANCECONNECT.textes,
                EXPLICATION_FRANCECONNECT.retour,
            ],
            [("section", EXPLICATION_FRANCECONNECT.titre), ("nav", COMMUN.liens_utiles)],
        ),
    ),
    "déconnexion FranceConnect incertaine": (
        _deconnexion_franceconnect_incertaine,
        Attendu(
            200,
            DECONNEXION_FRANCECONNECT.fenetre(),
            [DECONNEXION_FRANCECONNECT.titre, DECONNEXION_FRANCECONNECT.me_reconnecter],
            [("section", DECONNEXION_FRANCECONNECT.titre), ("nav", COMMUN.liens_utiles)],
            [
                (
                    "status",
                    DECONNEXION_FRANCECONNECT.message_incertain,
                )
            ],
        ),
    ),
    "boîte de réception vide": (
        _boite_vide,
        Attendu(
            200,
            MESSAGERIE.fenetre(),
            [COMMUN.aller_au_contenu, MESSAGERIE.titre, MESSAGERIE.adresse, MESSAGERIE.afficher],
            [("section", MESSAGERIE.titre)],
            [("status", MESSAGERIE.boite_vide_pour("personne@exemple.fr"))],
        ),
    ),
    "message reçu": (
        _message,
        Attendu(
            200,
            fenetre(MESSAGERIE.sujet_validation),
            [MESSAGERIE.retour, MESSAGERIE.entete[1]],
            [("section", MESSAGERIE.sujet_validation)],
        ),
    ),
    "accueil": (
        _accueil,
        Attendu(
            200,
            ACCUEIL.fenetre(),
            [*ENTETE_ACCUEIL, *TEXTES_ACCUEIL],
            NOMS_ACCUEIL,
            [("tooltip", description) for _, description in INFOBULLES],
            [INDICATION_CODE_POSTAL, *INFOBULLES],
        ),
    ),
    "accueil, caisse proposée": (
        _accueil_caisse_proposee,
        Attendu(
            200,
            ACCUEIL.fenetre(),
            [
                *TEXTES_ACCUEIL,
                DIALOGUE_CAISSE.titre,
                DIALOGUE_CAISSE.proposition_pour(PARIS),
                DIALOGUE_CAISSE.confirmer,
                DIALOGUE_CAISSE.pas_ma_caisse,
            ],
            [*NOMS_ACCUEIL, ("dialog", DIALOGUE_CAISSE.titre)],
            [("tooltip", description) for _, description in INFOBULLES],
            [
                INDICATION_CODE_POSTAL,
                *INFOBULLES,
                (
                    f"{DIALOGUE_CAISSE.titre} {DIALOGUE_CAISSE.proposition_pour(PARIS)} "
                    f"{DIALOGUE_CAISSE.confirmer} {DIALOGUE_CAISSE.pas_ma_caisse}",
                    DIALOGUE_CAISSE.proposition_pour(PARIS),
                ),
            ],
        ),
    ),
    "accueil, caisse confirmée": (
        _accueil_caisse_confirmee,
        Attendu(
            200,
            ACCUEIL.fenetre(),
            [*TEXTES_ACCUEIL, ACCUEIL.caisse_choisie_pour(PARIS)],
            NOMS_ACCUEIL,
            [("tooltip", description) for _, description in INFOBULLES],
        ),
    ),
}


def _manquants(lue: Page, attendus: list[str]) -> list[str]:
    """The expected blocks the page does not show (each as many times as it is expected)."""
    blocs = lue.blocs
    return [t for t in dict.fromkeys(attendus) if blocs.count(t) < attendus.count(t)]


@pytest.mark.parametrize("ecran", list(ECRANS))
def test_affiche_et_annonce_chaque_ecran_autour_du_parcours(
    client: FlaskClient, ecran: str
) -> None:
    """Wording, window title, named regions and announced messages of each screen."""
    visite, attendu = ECRANS[ecran]
    reponse = visite(client)
    page = reponse.get_data(as_text=True)
    assert reponse.status_code == attendu.statut, page[:300]
    lue = lire(page)
    assert lue.titre == attendu.titre
    assert _manquants(lue, attendu.textes) == []
    assert lue.noms == attendu.noms
    assert lue.annonces == attendu.annonces
    if attendu.descriptions is not None:
        assert lue.descriptions == attendu.descriptions
    assert references_cassees(page) == []
    assert champs_sans_libelle(page) == []


def test_marque_la_page_courante_des_publics_de_l_accueil(client: FlaskClient) -> None:
    """The home is the insured people's: their link says it is the current page."""
    lue = lire(client.get("/").get_data(as_text=True))
    courants = [e.texte for e in lue.elements if e.attributs.get("aria-current") == "page"]
    assert courants == ["Assuré"]


def test_montre_dans_l_espace_les_coordonnees_et_les_choix_de_contact(
    client: FlaskClient,
) -> None:
    """The logged-in space shows what screen 8 recorded: email, phones, each consent."""
    personne = creer_personne(client, prenoms="Claire Marie", nom="DURAND")
    jusqu_a_identite(client, personne)
    poster(client, "/compte/identite", champs_identite(personne))
    poster(client, "/compte/conditions", {"conditions": "oui", "action": "continuer"})
    poster(
        client,
        "/compte/code",
        {"code": CODE_CHOISI, "confirmation": CODE_CHOISI, "action": "continuer"},
    )
    poster(
        client,
        "/compte/coordonnees",
        {
            "email": EMAIL,
            "email_confirmation": EMAIL,
            "portable": "06 12 34 56 78",
            "fixe": "+33 1 40 00 00 00",
            "consent_email": "oui",
            "consent_portable_tel": "non",
            "consent_portable_sms": "oui",
            "consent_fixe_tel": "non",
            "action": "continuer",
        },
    )
    activer_compte(client, EMAIL)
    assert se_connecter(client, personne["nir"], CODE_CHOISI).status_code == 302

    reponse = client.get("/compte/espace")

    assert reponse.status_code == 200
    lue = lire(reponse.get_data(as_text=True))
    assert lue.titre == ESPACE.fenetre()
    assert lue.definitions() == {
        ESPACE.email: EMAIL,
        ESPACE.portable: "0612345678",
        ESPACE.fixe: "0140000000",
        ESPACE.consentement_email: ESPACE.oui,
        ESPACE.consentement_portable_telephone: ESPACE.non,
        ESPACE.consentement_portable_sms: ESPACE.oui,
        ESPACE.consentement_fixe_telephone: ESPACE.non,
    }
    assert (
        _manquants(
            lue,
            [
                ESPACE.titre_pour("Claire DURAND"),
                *ESPACE.rubriques,
                ESPACE.messagerie,
                ESPACE.coordonnees,
                ESPACE.preferences,
                ESPACE.se_deconnecter,
            ],
        )
        == []
    )
    assert lue.noms == [
        ("section", ESPACE.titre_pour("Claire DURAND")),
        ("dl", ESPACE.coordonnees),
        ("dl", ESPACE.preferences),
        ("nav", COMMUN.liens_utiles),
    ]


def test_ecrit_la_lettre_du_code_provisoire(client: FlaskClient) -> None:
    """« Je ne dispose pas du numéro de série… »: the letter tells the person what to do."""
    personne = creer_personne(client, prenoms="Jean Paul", nom="MARTIN")
    jusqu_a_identite(client, personne)
    poster(client, "/compte/code-provisoire", {})
    courriers = client.get("/_test/courriers", query_string={"nir": personne["nir"]}).get_json()
    assert [c["objet"] for c in courriers] == [CODE_PROVISOIRE.objet_courrier]
    lignes = [ligne.strip() for ligne in courriers[0]["texte"].splitlines() if ligne.strip()]
    assert lignes[:3] == ["Jean Paul MARTIN", personne["code_postal"], CODE_PROVISOIRE.formule]
    assert lignes[3] == CODE_PROVISOIRE.demande
    assert lignes[4].startswith(CODE_PROVISOIRE.voici_le_code)
    code = lignes[4].removeprefix(CODE_PROVISOIRE.voici_le_code)
    assert len(code) == 8, code
    assert code.isdigit(), code
    assert lignes[5] == CODE_PROVISOIRE.mode_d_emploi
    assert lignes[6] == personne["caisse"]
