"""The test-data API (`/_test/*`, SPEC « Test-data API »): what each call answers, and the
French message of each call it refuses — a tester reads it to know what to fix.

The messages are written in full in the table below and compared whole.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient

from mock_site.tests.lecture import lire
from mock_site.tests.parcours import activer_compte, creer_personne, poster, se_connecter

HORLOGE_SANS_SESSION = (
    "Cet appel n'apporte aucune session de navigateur : l'horloge de session ne bougerait pour "
    "aucune page. Envoyez les cookies du contexte du navigateur (appelez par son API request), "
    'ou passez « "global": true » pour avancer l\'horloge de tout le monde.'
)
JOURS_HORS_LIMITES = "« days » doit être un nombre de jours entre 0 et 3650."

# (method, path, JSON body or None, status, message)
REFUS: list[tuple[str, str, dict[str, Any] | None, int, str]] = [
    ("GET", "/_test/mails", None, 400, "Paramètre « to » manquant."),
    ("GET", "/_test/courriers", None, 400, "Paramètre « nir » manquant."),
    ("POST", "/_test/clock", {"days": -1, "global": True}, 400, JOURS_HORS_LIMITES),
    ("POST", "/_test/clock", {"days": 3651, "global": True}, 400, JOURS_HORS_LIMITES),
    ("POST", "/_test/clock", {"days": True, "global": True}, 400, JOURS_HORS_LIMITES),
    ("POST", "/_test/clock", {"days": "2", "global": True}, 400, JOURS_HORS_LIMITES),
    ("POST", "/_test/clock", {"days": 2}, 400, HORLOGE_SANS_SESSION),
    (
        "POST",
        "/_test/parcours",
        {"nir": "1850575123456", "etape": "confirmation"},
        400,
        "« etape » doit valoir identite, conditions, code, coordonnees.",
    ),
    (
        "POST",
        "/_test/parcours",
        {"nir": "1850575123456", "etape": "code"},
        404,
        "Aucun assuré avec ce numéro de sécurité sociale.",
    ),
    (
        "POST",
        "/_test/assures",
        {"sexe": "3"},
        400,
        "Personne invalide : ",
    ),
]


@pytest.mark.parametrize(("methode", "chemin", "corps", "statut", "message"), REFUS)
def test_refuse_un_appel_mal_forme_en_disant_pourquoi(
    client: FlaskClient,
    methode: str,
    chemin: str,
    corps: dict[str, Any] | None,
    statut: int,
    message: str,
) -> None:
    """Each refusal: its status and its whole message (a person's: its start, then why)."""
    reponse = client.open(chemin, method=methode, json=corps)
    assert reponse.status_code == statut
    erreur = reponse.get_json()["erreur"]
    if message.endswith(": "):
        assert erreur.startswith(message)
        assert len(erreur) > len(message)
    else:
        assert erreur == message


def test_refuse_un_second_assure_du_meme_numero(client: FlaskClient) -> None:
    """One person per NIR: the second is refused with 409."""
    personne = creer_personne(client)
    reponse = client.post("/_test/assures", json={"nir": personne["nir"]})
    assert reponse.status_code == 409
    assert reponse.get_json() == {
        "erreur": "Un assuré avec ce numéro de sécurité sociale existe déjà."
    }


def test_refuse_d_avancer_l_horloge_de_plus_de_cent_ans(client: FlaskClient) -> None:
    """The clock moves at most 100 years in all: a 37th jump of 1000 days is refused."""
    for _ in range(36):
        assert client.post("/_test/clock", json={"days": 1000, "global": True}).status_code == 200
    reponse = client.post("/_test/clock", json={"days": 1000, "global": True})
    assert reponse.status_code == 400
    assert reponse.get_json() == {
        "erreur": "L'horloge ne peut pas avancer de plus de 100 ans au total."
    }


def test_vide_le_mock_et_la_session_a_la_remise_a_zero(client: FlaskClient) -> None:
    """`/_test/reset` empties persons and the caller's journey."""
    personne = creer_personne(client)
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "conditions"})
    reponse = client.post("/_test/reset")
    assert reponse.get_json() == {"reset": True}
    assert client.get("/compte/conditions").status_code == 302
    assert (
        client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "code"}).status_code
        == 404
    )


@pytest.mark.parametrize("etape", ["identite", "conditions", "code", "coordonnees"])
def test_place_le_parcours_a_l_etape_demandee(client: FlaskClient, etape: str) -> None:
    """The journey is put at the step asked: that screen opens, the personal code is given
    when screen 7 is passed (SPEC « /_test/parcours »)."""
    personne = creer_personne(client)
    reponse = client.post("/_test/parcours", json={"nir": personne["nir"], "etape": etape})
    assert reponse.status_code == 200
    attendu: dict[str, Any] = {"nir": personne["nir"], "etape": etape}
    if etape == "coordonnees":
        attendu["code_personnel"] = reponse.get_json().get("code_personnel")
        assert len(attendu["code_personnel"]) >= 8
    assert reponse.get_json() == attendu
    assert client.get(f"/compte/{etape}").status_code == 200
    # Screen 4 shows the person's identity as if it had been typed.
    creation = client.get("/compte/creation").get_data(as_text=True)
    annee, mois, jour = personne["date_naissance"].split("-")
    for valeur in (
        personne["nom"],
        personne["nir"],
        f"{jour}/{mois}/{annee}",
        personne["code_postal"],
    ):
        assert f'value="{valeur}"' in creation


def test_la_remise_a_zero_oublie_la_session_et_son_horloge(client: FlaskClient) -> None:
    """After `/_test/reset` the caller has no session left: a session clock call is refused."""
    personne = creer_personne(client)
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "conditions"})
    assert client.post("/_test/clock", json={"days": 1}).status_code == 200

    client.post("/_test/reset")

    reponse = client.post("/_test/clock", json={"days": 1})
    assert reponse.status_code == 400
    assert reponse.get_json() == {"erreur": HORLOGE_SANS_SESSION}


def test_le_parcours_place_a_l_etape_8_se_termine_avec_le_code_donne(
    client: FlaskClient,
) -> None:
    """Past screen 7 the answer gives the personal code (8 to 13 digits, SPEC screen 7); the
    journey then ends like any other, and that code logs in."""
    personne = creer_personne(client)
    code = client.post(
        "/_test/parcours", json={"nir": personne["nir"], "etape": "coordonnees"}
    ).get_json()["code_personnel"]
    assert re.fullmatch(r"[0-9]{8,13}", code), code
    email = "place@exemple.fr"
    reponse = poster(client, "/compte/coordonnees", {"email": email, "email_confirmation": email})
    assert urlsplit(reponse.location).path == "/compte/confirmation"
    activer_compte(client, email)
    assert urlsplit(se_connecter(client, personne["nir"], code).location).path == "/compte/espace"


@pytest.mark.parametrize("etape", ["code", "coordonnees"])
def test_le_parcours_place_apres_l_etape_6_a_accepte_les_conditions(
    client: FlaskClient, etape: str
) -> None:
    """Put at screen 7 or 8, the journey has answered « Oui » at screen 6 (it shows it)."""
    personne = creer_personne(client)
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": etape})
    coches = [
        e.attributs["value"]
        for e in lire(client.get("/compte/conditions").get_data(as_text=True)).elements
        if e.tag == "input" and "checked" in e.attributs
    ]
    assert coches == ["oui"]


def test_lit_un_corps_qui_n_est_pas_un_objet_comme_vide(client: FlaskClient) -> None:
    """A JSON list, or no JSON at all, is read as `{}`: a person is generated (SPEC)."""
    for corps in ({"json": [1, 2]}, {"data": "pas du json"}):
        reponse = client.post("/_test/assures", **corps)
        assert reponse.status_code == 201
        assert len(reponse.get_json()["nir"]) == 13


def test_refuse_un_json_trop_imbrique_sans_erreur_serveur(client: FlaskClient) -> None:
    """Arrays nested deeper than the JSON reader goes: a 400, never a 500."""
    profond = "[" * 20_000 + "]" * 20_000
    reponse = client.post("/_test/assures", data=profond, content_type="application/json")
    assert reponse.status_code == 400


def test_avance_l_horloge_de_0_a_3650_jours_et_dit_l_heure_qu_il_est(client: FlaskClient) -> None:
    """Both bounds accepted; the answer is the mock's new « now » (ISO 8601) and its scope."""
    depart = client.post("/_test/clock", json={"days": 0, "global": True})
    assert depart.status_code == 200
    assert depart.get_json()["portee"] == "globale"
    avant = datetime.fromisoformat(depart.get_json()["now"])
    apres = client.post("/_test/clock", json={"days": 3650, "global": True}).get_json()
    ecart = datetime.fromisoformat(apres["now"]) - avant
    assert timedelta(days=3650) <= ecart < timedelta(days=3650, minutes=5)


def test_tire_des_personnes_differentes_sans_graine_entiere(client: FlaskClient) -> None:
    """Without an integer seed (none, or a text) each person is drawn afresh: thirty in a row
    are thirty different people, none refused as a duplicate."""
    numeros = set()
    for numero in range(30):
        corps: dict[str, Any] = {"seed": "abc"} if numero % 2 else {}
        reponse = client.post("/_test/assures", json=corps)
        assert reponse.status_code == 201, reponse.get_json()
        numeros.add(reponse.get_json()["nir"])
    assert len(numeros) == 30


@pytest.mark.parametrize("numero", [123, None, [1], {"a": 1}])
def test_refuse_un_parcours_pour_un_numero_qui_n_est_pas_du_texte(
    client: FlaskClient, numero: object
) -> None:
    reponse = client.post("/_test/parcours", json={"nir": numero, "etape": "code"})
    assert reponse.status_code == 404
    assert reponse.get_json() == {"erreur": "Aucun assuré avec ce numéro de sécurité sociale."}
