"""« Retour » and « Annuler » on each screen of the journey (SPEC: "Retour" keeps what was
typed; Annuler goes back to the portal), through Flask's test client.
"""

from __future__ import annotations

from flask.testing import FlaskClient

from mock_site.tests.lecture import lire
from mock_site.tests.parcours import (
    champs_creation,
    champs_identite,
    creer_personne,
    jusqu_a_identite,
    poster,
    redirige_vers,
)


def _valeurs(client: FlaskClient, chemin: str) -> dict[str, str]:
    """The value of each text field of a screen, and the checked answer of each radio group."""
    reponse = client.get(chemin)
    assert reponse.status_code == 200, f"{chemin} : {reponse.status_code}"
    valeurs = {}
    for e in lire(reponse.get_data(as_text=True)).elements:
        a = e.attributs
        if e.tag != "input" or a.get("type") in ("hidden", "password"):
            continue
        if a.get("type") == "radio":
            if "checked" in a:
                valeurs[a["name"]] = a["value"]
        else:
            valeurs[a["name"]] = a.get("value", "")
    return valeurs


def test_retour_de_l_ecran_4_ramene_au_portail(client: FlaskClient) -> None:
    reponse = poster(client, "/compte/creation", {"action": "retour"})
    assert redirige_vers(reponse) == "/compte"


def test_retour_de_l_ecran_5_garde_ce_qui_a_ete_saisi_aux_ecrans_4_et_5(
    client: FlaskClient,
) -> None:
    """Back to screen 4 with its fields filled; forward again, screen 5's digits are there."""
    personne = creer_personne(client)
    jusqu_a_identite(client, personne)
    saisie = {"iban7": "1234567", "vitale11": "12345678901", "action": "retour"}

    assert redirige_vers(poster(client, "/compte/identite", saisie)) == "/compte/creation"

    creation = champs_creation(personne)
    del creation["action"]
    assert _valeurs(client, "/compte/creation") == creation
    assert _valeurs(client, "/compte/identite") == {"iban7": "1234567", "vitale11": "12345678901"}


def test_annuler_aux_conditions_ramene_au_portail_et_termine_le_parcours(
    client: FlaskClient,
) -> None:
    personne = creer_personne(client)
    jusqu_a_identite(client, personne)
    poster(client, "/compte/identite", champs_identite(personne))

    assert redirige_vers(poster(client, "/compte/conditions", {"action": "annuler"})) == "/compte"
    assert redirige_vers(client.get("/compte/conditions")) == "/compte/creation"


def test_retour_de_l_ecran_7_ramene_aux_conditions(client: FlaskClient) -> None:
    personne = creer_personne(client)
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "code"})
    reponse = poster(client, "/compte/code", {"code": "", "confirmation": "", "action": "retour"})
    assert redirige_vers(reponse) == "/compte/conditions"


def test_retour_de_l_ecran_8_garde_l_email_les_numeros_et_les_choix(client: FlaskClient) -> None:
    """Back to screen 7, then screen 8 again: everything typed and chosen is still there."""
    personne = creer_personne(client)
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "coordonnees"})
    saisie = {
        "email": "retour@exemple.fr",
        "email_confirmation": "retour@exemple.fr",
        "portable": "0612345678",
        "fixe": "0140000000",
        "consent_email": "non",
        "consent_portable_tel": "oui",
        "consent_portable_sms": "non",
        "consent_fixe_tel": "oui",
    }

    assert redirige_vers(poster(client, "/compte/coordonnees", {**saisie, "action": "retour"})) == (
        "/compte/code"
    )

    assert _valeurs(client, "/compte/coordonnees") == saisie


def test_ne_garde_pas_les_chiffres_de_l_ecran_5_une_fois_l_identite_confirmee(
    client: FlaskClient,
) -> None:
    """The IBAN and Vitale digits are kept for « Retour », not once they have been accepted:
    screen 5 opened again from screen 6 is empty."""
    personne = creer_personne(client)
    jusqu_a_identite(client, personne)
    poster(client, "/compte/identite", {"iban7": "1234567", "vitale11": "1", "action": "retour"})
    jusqu_a_identite(client, personne)
    assert redirige_vers(poster(client, "/compte/identite", champs_identite(personne))) == (
        "/compte/conditions"
    )
    assert _valeurs(client, "/compte/identite") == {"iban7": "", "vitale11": ""}


def test_garde_les_chiffres_de_l_ecran_5_tant_que_l_identite_ne_change_pas(
    client: FlaskClient,
) -> None:
    """Back at screen 4, « Continuer » with the same identity keeps screen 5's digits; with
    another person's identity the journey starts afresh."""
    personne = creer_personne(client)
    jusqu_a_identite(client, personne)
    saisie = {"iban7": "1234567", "vitale11": "12345678901"}
    poster(client, "/compte/identite", {**saisie, "action": "retour"})

    jusqu_a_identite(client, personne)
    assert _valeurs(client, "/compte/identite") == saisie

    poster(client, "/compte/identite", {**saisie, "action": "retour"})
    jusqu_a_identite(client, creer_personne(client))
    assert _valeurs(client, "/compte/identite") == {"iban7": "", "vitale11": ""}
