"""How a journey ends — provisional code sent, terms refused, email link followed — and the
validation link's life: once, within 7 days, a new one on demand (SPEC, screens 5, 6, 9).
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from mock_site import courrier
from mock_site.tests.lecture import lire
from mock_site.tests.libelles import COMMUN, CONDITIONS, VALIDATION, fenetre
from mock_site.tests.parcours import (
    CODE_CHOISI,
    creer_compte,
    creer_personne,
    jusqu_a_identite,
    lien_validation,
    poster,
    redirige_vers,
    se_connecter,
)


def test_le_code_provisoire_envoye_termine_le_parcours(client: FlaskClient) -> None:
    jusqu_a_identite(client, creer_personne(client))
    assert poster(client, "/compte/code-provisoire", {}).status_code == 200
    assert redirige_vers(client.get("/compte/identite")) == "/compte/creation"


def test_refuser_les_conditions_termine_le_parcours(client: FlaskClient) -> None:
    personne = creer_personne(client)
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "conditions"})
    assert poster(client, "/compte/conditions", {"conditions": "non"}).status_code == 200
    assert redirige_vers(client.get("/compte/conditions")) == "/compte/creation"


def test_demande_de_choisir_avant_de_continuer_aux_conditions(client: FlaskClient) -> None:
    """Screen 6, « Continuer » with no answer (`pages/textes.py`: `CONDITIONS.choix_manquant`)."""
    personne = creer_personne(client)
    client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "conditions"})
    reponse = poster(client, "/compte/conditions", {"action": "continuer"})
    assert reponse.status_code == 422
    assert lire(reponse.get_data(as_text=True)).annonces == [
        (
            "alert",
            f"{COMMUN.resume_erreurs_pour(1)} {CONDITIONS.choix_manquant}",
        )
    ]


def test_suivre_le_lien_termine_le_parcours_et_ouvre_la_connexion(client: FlaskClient) -> None:
    """The link activates the account and ends the journey of the browser that follows it."""
    personne = creer_personne(client)
    creer_compte(client, personne, "fin@exemple.fr")
    assert client.get("/compte/confirmation").status_code == 200
    assert client.get(lien_validation(client, "fin@exemple.fr")).status_code == 200
    assert redirige_vers(client.get("/compte/confirmation")) == "/compte/creation"
    assert redirige_vers(se_connecter(client, personne["nir"], CODE_CHOISI)) == "/compte/espace"


def test_un_nouveau_lien_remplace_celui_qui_a_expire(client: FlaskClient) -> None:
    """After 7 days, « Recevoir un nouveau lien » sends another email whose link activates."""
    personne = creer_personne(client)
    email = "nouveau-lien@exemple.fr"
    creer_compte(client, personne, email)
    ancien = lien_validation(client, email)
    client.post("/_test/clock", json={"days": 8, "global": True})
    expire = client.get(ancien)
    assert expire.status_code == 410
    # The page's « Recevoir un nouveau lien » sends back the expired link's token.
    caches = {
        e.attributs["name"]: e.attributs["value"]
        for e in lire(expire.get_data(as_text=True)).elements
        if e.tag == "input" and e.attributs.get("type") == "hidden"
    }
    assert caches["jeton"] == ancien.rsplit("/", 1)[1]

    reponse = poster(client, "/compte/validation/nouveau-lien", {"jeton": caches["jeton"]})

    assert reponse.status_code == 200
    mails = client.get("/_test/mails", query_string={"to": email}).get_json()
    assert len(mails) == 2
    nouveau = lien_validation(client, email)
    assert nouveau != ancien
    assert client.get(nouveau).status_code == 200
    assert redirige_vers(se_connecter(client, personne["nir"], CODE_CHOISI)) == "/compte/espace"
    # The account is active now: asking again with the old link says so.
    encore = poster(client, "/compte/validation/nouveau-lien", {"jeton": ancien.rsplit("/", 1)[1]})
    assert encore.status_code == 410
    assert lire(encore.get_data(as_text=True)).titre == fenetre(VALIDATION.titre_deja_utilise)


def test_un_nouveau_lien_pour_un_jeton_inconnu_est_refuse(client: FlaskClient) -> None:
    reponse = poster(client, "/compte/validation/nouveau-lien", {"jeton": "jeton-invente"})
    assert reponse.status_code == 404
    assert lire(reponse.get_data(as_text=True)).titre == fenetre(VALIDATION.titre_inconnu)
    assert client.get("/_test/mails", query_string={"to": "x@exemple.fr"}).get_json() == []


def test_un_lien_suivi_deux_fois_au_meme_instant_n_active_qu_une_fois(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clicks racing on the link: the one that finds the token already spent (by the
    other, between its check and its use) is told the link was used, with 410."""
    creer_compte(client, creer_personne(client), "course@exemple.fr")
    lien = lien_validation(client, "course@exemple.fr")
    monkeypatch.setattr(courrier, "utiliser_jeton", lambda jeton: False)
    reponse = client.get(lien)
    assert reponse.status_code == 410
    assert lire(reponse.get_data(as_text=True)).titre == fenetre(VALIDATION.titre_deja_utilise)
