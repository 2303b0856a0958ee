"""The messages of the account's screens 3 and 4, read whole: what the error summary says
when a login or a creation is refused, and which way each refusal leads.

The wording is the one the test side expects (`pages/textes.py`: `PORTAIL.connexion_refusee`,
`CREATION.identite_inconnue`, …), written here in full: a message is compared whole, so a
word added or dropped at either end is seen.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient

from mock_site.tests.lecture import lire
from mock_site.tests.libelles import (
    CODE_PERSONNEL,
    COMMUN,
    COORDONNEES,
    CREATION,
    ESPACE,
    IDENTITE,
    PORTAIL,
)
from mock_site.tests.parcours import (
    CODE_CHOISI,
    activer_compte,
    champs_creation,
    champs_identite,
    creer_compte,
    creer_personne,
    jusqu_a_identite,
    poster,
    se_connecter,
)

CONNEXION_REFUSEE = PORTAIL.connexion_refusee
COMPTE_NON_ACTIVE = PORTAIL.compte_non_active
IDENTITE_INCONNUE = CREATION.identite_inconnue


def _alerte(reponse: Any) -> list[tuple[str, str]]:
    return lire(reponse.get_data(as_text=True)).annonces


def test_refuse_un_numero_sans_compte_comme_un_mauvais_code(client: FlaskClient) -> None:
    """No account for this NIR: the same message as a wrong code, nothing said of which."""
    personne = creer_personne(client)
    sans_compte = se_connecter(client, personne["nir"], CODE_CHOISI)
    assert sans_compte.status_code == 422
    assert _alerte(sans_compte) == [("alert", CONNEXION_REFUSEE)]

    creer_compte(client, personne, "connexion@exemple.fr")
    activer_compte(client, "connexion@exemple.fr")
    mauvais_code = se_connecter(client, personne["nir"], "12345678901")
    assert mauvais_code.status_code == 422
    assert _alerte(mauvais_code) == [("alert", CONNEXION_REFUSEE)]


def test_refuse_la_connexion_d_un_compte_pas_encore_active(client: FlaskClient) -> None:
    """The right code, but the email link was never followed: the message says what to do."""
    personne = creer_personne(client)
    creer_compte(client, personne, "en-attente@exemple.fr")
    reponse = se_connecter(client, personne["nir"], CODE_CHOISI)
    assert reponse.status_code == 422
    assert _alerte(reponse) == [("alert", COMPTE_NON_ACTIVE)]
    assert client.get("/compte/espace").status_code == 302


def test_garde_le_numero_saisi_quand_la_connexion_est_refusee(client: FlaskClient) -> None:
    """The NIR typed stays in its field; the code never comes back."""
    personne = creer_personne(client)
    reponse = se_connecter(client, personne["nir"], CODE_CHOISI)
    champs = {
        e.attributs["name"]: e.attributs.get("value")
        for e in lire(reponse.get_data(as_text=True)).elements
        if e.tag == "input" and e.attributs.get("name") in ("nir", "code")
    }
    assert champs == {"nir": personne["nir"], "code": None}


def test_dit_que_l_identite_est_inconnue_sans_dire_quel_champ(client: FlaskClient) -> None:
    """Screen 4 with another name: one generic message (SPEC), the fields kept."""
    personne = creer_personne(client)
    reponse = poster(client, "/compte/creation", {**champs_creation(personne), "nom": "AUTRENOM"})
    assert reponse.status_code == 422
    assert _alerte(reponse) == [("alert", IDENTITE_INCONNUE)]
    valeurs = {
        e.attributs["name"]: e.attributs.get("value")
        for e in lire(reponse.get_data(as_text=True)).elements
        if e.tag == "input" and e.attributs.get("type") == "text"
    }
    assert valeurs["nom"] == "AUTRENOM"
    assert valeurs["nir"] == personne["nir"]


def test_connecte_avec_le_numero_ecrit_avec_sa_cle_et_des_espaces(client: FlaskClient) -> None:
    """The number as printed on the card — spaced, with its 2-digit key — logs in too."""
    personne = creer_personne(client)
    creer_compte(client, personne, "avec-cle@exemple.fr")
    activer_compte(client, "avec-cle@exemple.fr")
    numero = str(personne["nir"])
    imprime = (
        f"{numero[0]} {numero[1:3]} {numero[3:5]} {numero[5:7]} {numero[7:10]} {numero[10:13]}"
    )
    reponse = se_connecter(client, f"{imprime} {personne['cle_nir']}", CODE_CHOISI)
    assert reponse.status_code == 302
    assert client.get("/compte/espace").status_code == 200


def test_me_deconnecter_ferme_l_espace(client: FlaskClient) -> None:
    """« Me déconnecter »: back to the portal, and the space no longer opens."""
    personne = creer_personne(client)
    creer_compte(client, personne, "deconnexion@exemple.fr")
    activer_compte(client, "deconnexion@exemple.fr")
    se_connecter(client, personne["nir"], CODE_CHOISI)
    assert client.get("/compte/espace").status_code == 200

    sortie = poster(client, "/compte/deconnexion", {})

    assert sortie.status_code == 302
    assert urlsplit(sortie.location).path == "/compte"
    retour = client.get("/compte/espace")
    assert retour.status_code == 302
    assert urlsplit(retour.location).path == "/compte"


# Screen 4 with one field wrong, the others those of a real person: only that field's
# message (`pages/textes.py`: `CREATION.nom_manquant`, `nir_mal_forme`, …), never the
# generic « identité inconnue » on top of it.
UN_CHAMP_FAUX = [
    ({"nom": ""}, CREATION.nom_manquant),
    ({"code_postal": ""}, CREATION.code_postal_manquant),
    ({"nir": "12345"}, CREATION.nir_mal_forme),
    (
        {"date_naissance": "31/02/1985"},
        CREATION.date_irreelle,
    ),
]


@pytest.mark.parametrize(("changement", "message"), UN_CHAMP_FAUX)
def test_ne_signale_que_le_champ_faux_de_l_ecran_4(
    client: FlaskClient, changement: dict[str, str], message: str
) -> None:
    """One field wrong: one error, that field's, and the page answers 422 (never a 500)."""
    personne = creer_personne(client)
    reponse = poster(client, "/compte/creation", {**champs_creation(personne), **changement})
    assert reponse.status_code == 422
    assert _alerte(reponse) == [("alert", f"{COMMUN.resume_erreurs_pour(1)} {message}")]


def test_compte_les_essais_restants_puis_bloque_l_ecran_5(client: FlaskClient) -> None:
    """Screen 5 with wrong digits: the attempts left, then locked at the third (SPEC)."""
    personne = creer_personne(client)
    jusqu_a_identite(client, personne)
    faux = {"iban7": "0000000", "vitale11": "00000000000", "action": "valider"}
    attendus = [
        (422, IDENTITE.essais_restants_pour(2)),
        (422, IDENTITE.essais_restants_pour(1)),
        (
            423,
            IDENTITE.bloque,
        ),
    ]
    for statut, message in attendus:
        reponse = poster(client, "/compte/identite", faux)
        assert reponse.status_code == statut
        assert _alerte(reponse) == [("alert", message)]
    # Locked: even the right digits are refused now.
    assert poster(client, "/compte/identite", champs_identite(personne)).status_code == 423


def test_dit_non_renseigne_pour_les_telephones_non_donnes(client: FlaskClient) -> None:
    """The space of an account created without phones (they are optional, SPEC screen 8)."""
    personne = creer_personne(client)
    creer_compte(client, personne, "sans-telephone@exemple.fr")
    activer_compte(client, "sans-telephone@exemple.fr")
    se_connecter(client, personne["nir"], CODE_CHOISI)
    definitions = lire(client.get("/compte/espace").get_data(as_text=True)).definitions()
    assert definitions[ESPACE.portable] == ESPACE.non_renseigne
    assert definitions[ESPACE.fixe] == ESPACE.non_renseigne


def test_signale_les_champs_vides_de_l_ecran_5(client: FlaskClient) -> None:
    """Screen 5 sent empty: 422, each field's message (`pages/textes.py`: `IDENTITE.*_manquant`)."""
    jusqu_a_identite(client, creer_personne(client))
    reponse = poster(client, "/compte/identite", {"iban7": "", "vitale11": "", "action": "valider"})
    assert reponse.status_code == 422
    assert _alerte(reponse) == [
        (
            "alert",
            f"{COMMUN.resume_erreurs_pour(2)} {IDENTITE.iban_manquant} {IDENTITE.vitale_manquant}",
        )
    ]


TROP_SIMPLE = CODE_PERSONNEL.trop_simple


def test_refuse_a_l_ecran_7_un_code_fait_de_la_date_de_naissance(client: FlaskClient) -> None:
    """SPEC screen 7: the birth date is a weak code, written either way (JJMMAAAA, AAAAMMJJ)."""
    personne = creer_personne(client, date_naissance="1985-07-04")
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "code"})
    for code in ("04071985", "19850704"):
        reponse = poster(client, "/compte/code", {"code": code, "confirmation": code})
        assert reponse.status_code == 422
        assert _alerte(reponse)[0] == ("alert", f"{COMMUN.resume_erreurs_pour(1)} {TROP_SIMPLE}")


def test_rejouer_l_ecran_8_apres_la_creation_dit_que_le_compte_existe(client: FlaskClient) -> None:
    """Screen 8 sent again once the account exists: no second account, screen 4's message
    and its link to log in, with 409."""
    personne = creer_personne(client)
    creer_compte(client, personne, "premier@exemple.fr")
    email = "second@exemple.fr"
    reponse = poster(client, "/compte/coordonnees", {"email": email, "email_confirmation": email})
    assert reponse.status_code == 409
    lue = lire(reponse.get_data(as_text=True))
    assert lue.titre == CREATION.fenetre()
    assert lue.annonces == [
        (
            "alert",
            CREATION.compte_existant_et_lien,
        )
    ]
    assert client.get("/_test/mails", query_string={"to": email}).get_json() == []


def test_refuse_une_adresse_email_mal_formee_a_l_ecran_8(client: FlaskClient) -> None:
    """`pages/textes.py`: `COORDONNEES.email_invalide`, with its example."""
    personne = creer_personne(client)
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "coordonnees"})
    saisie = {"email": "pas-un-email", "email_confirmation": "pas-un-email"}
    reponse = poster(client, "/compte/coordonnees", saisie)
    assert reponse.status_code == 422
    assert _alerte(reponse)[0] == (
        "alert",
        f"{COMMUN.resume_erreurs_pour(1)} {COORDONNEES.email_invalide}",
    )
