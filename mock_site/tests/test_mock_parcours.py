"""The mock's journey rules, through the Flask test client (no browser)."""

from __future__ import annotations

import html
from typing import Any

import pytest
from flask.testing import FlaskClient

from mock_site.tests.libelles import ACCUEIL, CREATION, IDENTITE
from mock_site.tests.parcours import champs_identite

pytestmark = pytest.mark.unit

CODE = "4071932658"


def _date_fr(iso: str) -> str:
    return "/".join(reversed(iso.split("-")))


def _formulaire_creation(personne: dict[str, Any], **autres: str) -> dict[str, str]:
    return {
        "nom": personne["nom"],
        "nir": personne["nir"],
        "date_naissance": _date_fr(personne["date_naissance"]),
        "code_postal": personne["code_postal"],
        **autres,
    }


def _jusqu_aux_coordonnees(client: FlaskClient, personne: dict[str, Any]) -> None:
    """Pass screens 4 to 7 for a person."""
    assert client.post("/compte/creation", data=_formulaire_creation(personne)).status_code == 302
    assert client.post("/compte/identite", data=champs_identite(personne)).status_code == 302
    assert client.post("/compte/conditions", data={"conditions": "oui"}).status_code == 302
    assert client.post("/compte/code", data={"code": CODE, "confirmation": CODE}).status_code == 302


def _creer_compte(client: FlaskClient, personne: dict[str, Any], email: str) -> str:
    """Create the account and return the validation link's path."""
    _jusqu_aux_coordonnees(client, personne)
    reponse = client.post("/compte/coordonnees", data={"email": email, "email_confirmation": email})
    assert reponse.headers["Location"] == "/compte/confirmation"
    lien: str = client.get("/_test/mails", query_string={"to": email}).get_json()[0]["links"][0]
    return lien.replace("http://localhost", "")


def test_la_caisse_confirmee_est_gardee_dans_un_cookie(client: FlaskClient) -> None:
    """ "Confirmer" sets the caisse cookie and the home shows it."""
    reponse = client.post("/caisse", data={"code_postal": "20200"})
    assert reponse.status_code == 302
    assert "caisse=2B" in reponse.headers["Set-Cookie"]
    assert "CPAM de la Haute-Corse (2B)" in client.get("/").get_data(as_text=True)


def test_un_cookie_de_caisse_inconnu_est_ignore(client: FlaskClient) -> None:
    """A forged caisse cookie changes nothing on the home."""
    client.set_cookie("caisse", "<script>")
    page = client.get("/").get_data(as_text=True)
    assert ACCUEIL.caisse_choisie not in page
    assert "<script>" not in page


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("nir", "12345", CREATION.nir_mal_forme),
        ("date_naissance", "30/02/1990", CREATION.date_irreelle),
        ("code_postal", "7501", CREATION.code_postal_mal_forme),
        ("nom", "", CREATION.nom_manquant),
    ],
)
def test_une_saisie_invalide_de_l_ecran_4_est_refusee(
    client: FlaskClient, assure_json: dict[str, Any], champ: str, valeur: str, message: str
) -> None:
    """Each malformed field answers 422 with its message and starts no journey."""
    reponse = client.post(
        "/compte/creation", data=_formulaire_creation(assure_json, **{champ: valeur})
    )
    assert reponse.status_code == 422
    assert message in html.unescape(reponse.get_data(as_text=True))
    assert client.get("/compte/identite").headers["Location"] == "/compte/creation"


def test_l_identite_introuvable_ne_dit_pas_quel_champ_est_faux(
    client: FlaskClient, assure_json: dict[str, Any]
) -> None:
    """A wrong name and a wrong postal code give the very same page."""
    pages = [
        client.post("/compte/creation", data=_formulaire_creation(assure_json, **autre)).get_data(
            as_text=True
        )
        for autre in (
            {"nom": "AUTRE"},
            {"code_postal": "75011" if assure_json["code_postal"] != "75011" else "69001"},
        )
    ]
    for page in pages:
        assert "ne permettent pas de vous identifier" in page
        assert "aria-invalid" not in page


def test_le_nom_est_compare_sans_accents_ni_casse(client: FlaskClient) -> None:
    """ "Hélène D'Arc" is found when typed "helene d arc"."""
    personne = client.post("/_test/assures", json={"nom": "D'ARC-ÉLOI", "seed": 3}).get_json()
    reponse = client.post("/compte/creation", data=_formulaire_creation(personne, nom="d arc eloi"))
    assert reponse.headers["Location"] == "/compte/identite"


@pytest.mark.parametrize("regime", ["MGEN", "MSA"])
def test_un_regime_non_partenaire_est_refuse(client: FlaskClient, regime: str) -> None:
    """Other régimes get the eligibility message, with status 403."""
    personne = client.post("/_test/assures", json={"regime": regime}).get_json()
    reponse = client.post("/compte/creation", data=_formulaire_creation(personne))
    assert reponse.status_code == 403
    assert f"pas ouvert à votre régime ({regime})" in reponse.get_data(as_text=True)


def test_trois_echecs_d_identite_bloquent_la_creation(
    client: FlaskClient, assure_json: dict[str, Any]
) -> None:
    """Attempts left 2, then 1, then locked even with the right digits."""
    client.post("/compte/creation", data=_formulaire_creation(assure_json))
    faux = {"iban7": "0000000", "vitale11": "00000000000"}
    textes = [client.post("/compte/identite", data=faux).get_data(as_text=True) for _ in range(3)]
    assert IDENTITE.deux_essais in textes[0]
    assert IDENTITE.un_essai in textes[1]
    assert IDENTITE.bloque in textes[2]
    justes = champs_identite(assure_json)
    assert client.post("/compte/identite", data=justes).status_code == 423


def test_une_etape_future_renvoie_a_l_etape_atteinte(
    client: FlaskClient, assure_json: dict[str, Any]
) -> None:
    """At screen 5, screens 6 to 9 redirect to screen 5 (GET and POST alike)."""
    client.post("/compte/creation", data=_formulaire_creation(assure_json))
    for chemin in (
        "/compte/conditions",
        "/compte/code",
        "/compte/coordonnees",
        "/compte/confirmation",
    ):
        assert client.get(chemin).headers["Location"] == "/compte/identite"
    reponse = client.post("/compte/code", data={"code": CODE, "confirmation": CODE})
    assert reponse.headers["Location"] == "/compte/identite"


def test_le_lien_de_validation_expire_au_bout_de_sept_jours(
    client: FlaskClient, assure_json: dict[str, Any]
) -> None:
    """Expired after 7 days on the session's clock; a new link then works once."""
    chemin = _creer_compte(client, assure_json, "a@exemple.fr")
    assert client.post("/_test/clock", json={"days": 7}).status_code == 200
    assert client.get(chemin).status_code == 410
    jeton = chemin.rsplit("/", 1)[1]
    assert client.post("/compte/validation/nouveau-lien", data={"jeton": jeton}).status_code == 200
    mails = client.get("/_test/mails", query_string={"to": "a@exemple.fr"}).get_json()
    nouveau = mails[1]["links"][0].replace("http://localhost", "")
    assert client.get(nouveau).status_code == 200
    assert client.get(nouveau).status_code == 410


def test_l_horloge_d_une_session_n_avance_pas_celle_des_autres(
    client: FlaskClient, assure_json: dict[str, Any]
) -> None:
    """A link aged by one browser session still works for another one."""
    chemin = _creer_compte(client, assure_json, "b@exemple.fr")
    client.post("/_test/clock", json={"days": 8})
    autre = client.application.test_client()
    assert autre.get(chemin).status_code == 200


def test_la_connexion_exige_un_compte_active(
    client: FlaskClient, assure_json: dict[str, Any]
) -> None:
    """Refused before validation, accepted after, refused with a wrong code."""
    chemin = _creer_compte(client, assure_json, "c@exemple.fr")
    connexion = {"nir": assure_json["nir"], "code": CODE}
    assert "pas encore activé" in client.post("/compte/connexion", data=connexion).get_data(
        as_text=True
    )
    client.get(chemin)
    assert client.post("/compte/connexion", data=connexion).headers["Location"] == "/compte/espace"
    mauvais = client.application.test_client().post(
        "/compte/connexion", data={**connexion, "code": "40719326"}
    )
    assert "est incorrect" in mauvais.get_data(as_text=True)


def test_les_consentements_sont_a_non_sauf_choix_contraire(
    client: FlaskClient, assure_json: dict[str, Any]
) -> None:
    """Unsent or unexpected consent values are stored as "Non"."""
    _jusqu_aux_coordonnees(client, assure_json)
    client.post(
        "/compte/coordonnees",
        data={
            "email": "d@exemple.fr",
            "email_confirmation": "d@exemple.fr",
            "consent_portable_sms": "oui",
            "consent_email": "peut-etre",
        },
    )
    lien = client.get("/_test/mails", query_string={"to": "d@exemple.fr"}).get_json()[0]["links"][0]
    client.get(lien.replace("http://localhost", ""))
    client.post("/compte/connexion", data={"nir": assure_json["nir"], "code": CODE})
    espace = client.get("/compte/espace").get_data(as_text=True)
    reponses = [ligne.strip() for ligne in espace.split("<dd>")[4:]]
    assert [r.split("<")[0] for r in reponses] == ["Non", "Non", "Oui", "Non"]


@pytest.mark.parametrize(
    ("chemin", "corps", "statut"),
    [
        ("/_test/clock", {"days": "huit"}, 400),
        ("/_test/clock", {"days": -1}, 400),
        ("/_test/parcours", {"nir": "1850575123456", "etape": "code"}, 404),
        ("/_test/parcours", {"nir": "1850575123456", "etape": "espace"}, 400),
        ("/_test/assures", {"date_naissance": "hier"}, 400),
        ("/_test/assures", {"inconnu": 1}, 400),
    ],
)
def test_l_api_de_test_refuse_les_appels_invalides(
    client: FlaskClient, chemin: str, corps: dict[str, Any], statut: int
) -> None:
    """Bad test-data calls get a 4xx with a French message."""
    reponse = client.post(chemin, json=corps)
    assert reponse.status_code == statut
    assert reponse.get_json()["erreur"]


def test_un_assure_en_double_est_refuse(client: FlaskClient, assure_json: dict[str, Any]) -> None:
    """Storing the same NIR twice answers 409."""
    assert client.post("/_test/assures", json=assure_json).status_code == 409


def test_reset_vide_les_donnees(client: FlaskClient, assure_json: dict[str, Any]) -> None:
    """After a reset the person is unknown again."""
    assert client.post("/_test/reset").status_code == 200
    reponse = client.post("/_test/parcours", json={"nir": assure_json["nir"], "etape": "code"})
    assert reponse.status_code == 404
