"""The FranceConnect exchange between ameli and the mock provider, without a browser.

The front channel (the browser's redirections) goes through Flask's test client; the back
channel (discovery, token, JWKS, userinfo) is real HTTP, so the application is also served on
a free local port and `FRANCECONNECT_URL` points at it, as when FranceConnect runs elsewhere.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from joserfc import jwt
from joserfc.jwk import KeySet
from werkzeug.serving import make_server
from werkzeug.test import TestResponse

from mock_site.franceconnect import client as client_fc
from mock_site.franceconnect import reglages
from mock_site.views import franceconnect as vues_fc

pytestmark = pytest.mark.unit

MOT_DE_PASSE = "123"
CALLBACK = "/franceconnect/retour"


@pytest.fixture
def franceconnect(app: Flask) -> Iterator[str]:
    """The application also served over HTTP; its URL is FranceConnect's address."""
    serveur = make_server("127.0.0.1", 0, app, threaded=True)
    fil = threading.Thread(target=serveur.serve_forever, kwargs={"poll_interval": 0.05},
                           daemon=True)
    fil.start()
    url = f"http://127.0.0.1:{serveur.server_port}/franceconnect"
    app.config["FRANCECONNECT_URL"] = url
    yield url
    serveur.shutdown()
    serveur.server_close()
    fil.join()


@pytest.fixture
def personne(client: FlaskClient) -> dict[str, Any]:
    """An eligible insured person stored through the test-data API."""
    reponse = client.post("/_test/assures", json={})
    assert reponse.status_code == 201
    donnees: dict[str, Any] = reponse.get_json()
    return donnees


def _chemin(url: str) -> str:
    """The path and query of a URL, to follow it with the test client."""
    parties = urlsplit(url)
    return f"{parties.path}?{parties.query}" if parties.query else parties.path


def _parametres(url: str) -> dict[str, str]:
    return {cle: valeurs[0] for cle, valeurs in parse_qs(urlsplit(url).query).items()}


def _page(reponse: TestResponse) -> str:
    return html.unescape(reponse.get_data(as_text=True))


def _cliquer_franceconnect(client: FlaskClient) -> str:
    """Screen 4's button: the authorization URL ameli sends the browser to."""
    reponse = client.post("/franceconnect/connexion")
    assert reponse.status_code == 302, _page(reponse)
    assert reponse.location.startswith("http://127.0.0.1:")
    return reponse.location


def _retour_de_franceconnect(client: FlaskClient, identifiant: str,
                             decision: str = "continuer") -> str:
    """Provider choice, login and consent: the URL FranceConnect sends the browser back to."""
    assert client.get(_chemin(_cliquer_franceconnect(client))).status_code == 200
    connexion = client.post("/franceconnect/fournisseur/impots",
                            data={"identifiant": identifiant, "mot_de_passe": MOT_DE_PASSE})
    assert connexion.status_code == 302, _page(connexion)
    assert "Pour continuer sur ameli.fr" in _page(client.get("/franceconnect/consentement"))
    reponse = client.post("/franceconnect/consentement", data={"decision": decision})
    assert reponse.status_code == 302
    assert urlsplit(reponse.location).path == CALLBACK
    return reponse.location


def _message_sur_l_ecran_4(client: FlaskClient, retour: TestResponse) -> str:
    assert retour.status_code == 302
    assert urlsplit(retour.location).path == "/compte/creation"
    return _page(client.get("/compte/creation"))


def _attente(client: FlaskClient) -> dict[str, str]:
    with client.session_transaction() as session:
        attente: dict[str, str] = dict(session[client_fc.CLE_SESSION])
    return attente


def _echanger(app: Flask, code: str, attente: dict[str, str],
              secret: str | None = None) -> requests.Response:
    """ameli's call to the token endpoint, made by hand over HTTP."""
    with app.app_context():
        identifiant, vrai_secret = reglages.client_id(), reglages.client_secret()
    return requests.post(attente["token_endpoint"], timeout=10, data={
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": attente["redirect_uri"],
        "code_verifier": attente["code_verifier"],
        "client_id": identifiant,
        "client_secret": vrai_secret if secret is None else secret,
    })


def _userinfo(attente: dict[str, str], jeton: str | None) -> requests.Response:
    """A call to the userinfo endpoint over HTTP, with that bearer token or none."""
    entetes = {"Authorization": f"Bearer {jeton}"} if jeton is not None else {}
    return requests.get(attente["userinfo_endpoint"], headers=entetes, timeout=10)


def _code_emis(client: FlaskClient, personne: dict[str, Any]) -> tuple[str, dict[str, str]]:
    retour = _retour_de_franceconnect(client, personne["nir"])
    return _parametres(retour)["code"], _attente(client)


# The whole exchange --------------------------------------------------------------------------

@pytest.mark.usefixtures("franceconnect")
def test_should_bring_a_known_person_straight_to_the_terms(client: FlaskClient,
                                                          personne: dict[str, Any]) -> None:
    """A person FranceConnect identifies skips screens 4 and 5 and lands on screen 6."""
    retour = client.get(_chemin(_retour_de_franceconnect(client, personne["nir"])))

    assert retour.status_code == 302
    assert urlsplit(retour.location).path == "/compte/conditions"
    assert "J'accepte les conditions d'utilisation" in _page(client.get("/compte/conditions"))


def test_should_publish_a_discovery_document_pointing_at_its_endpoints(
        franceconnect: str) -> None:
    """The discovery document names the issuer and the endpoints ameli calls."""
    document = requests.get(f"{franceconnect}/.well-known/openid-configuration",
                            timeout=10).json()
    assert document["issuer"] == franceconnect
    assert document["token_endpoint"] == f"{franceconnect}/token"
    assert document["userinfo_endpoint"] == f"{franceconnect}/userinfo"
    assert document["jwks_uri"] == f"{franceconnect}/jwks"
    assert "RS256" in document["id_token_signing_alg_values_supported"]


# state and nonce -----------------------------------------------------------------------------

@pytest.mark.usefixtures("franceconnect")
def test_should_refuse_a_return_whose_state_is_not_the_one_sent(
        client: FlaskClient, personne: dict[str, Any]) -> None:
    """A return with another state is refused, and the pending request is forgotten."""
    vrai_retour = _retour_de_franceconnect(client, personne["nir"])
    code = _parametres(vrai_retour)["code"]

    page = _message_sur_l_ecran_4(
        client, client.get(CALLBACK, query_string={"code": code, "state": "un-autre-etat"}))

    assert client_fc.MESSAGE_EXPIRE in page
    assert 'role="alert"' in page
    rejoue = client.get(_chemin(vrai_retour))
    assert client_fc.MESSAGE_EXPIRE in _message_sur_l_ecran_4(client, rejoue)
    assert urlsplit(client.get("/compte/conditions").location).path == "/compte/creation"


@pytest.mark.usefixtures("franceconnect")
def test_should_refuse_a_return_without_state(client: FlaskClient) -> None:
    """A return that carries no state, or comes with no request pending, is refused."""
    _cliquer_franceconnect(client)

    page = _message_sur_l_ecran_4(client, client.get(CALLBACK, query_string={"code": "x"}))

    assert client_fc.MESSAGE_EXPIRE in page


@pytest.mark.usefixtures("franceconnect")
def test_should_refuse_an_id_token_whose_nonce_is_not_the_one_sent(
        client: FlaskClient, personne: dict[str, Any]) -> None:
    """An id_token carrying another nonce than the session's is refused."""
    retour = _retour_de_franceconnect(client, personne["nir"])
    with client.session_transaction() as session:
        attente = dict(session[client_fc.CLE_SESSION])
        attente["nonce"] = "un-autre-nonce"
        session[client_fc.CLE_SESSION] = attente

    page = _message_sur_l_ecran_4(client, client.get(_chemin(retour)))

    assert client_fc.MESSAGE_ECHEC in page
    assert urlsplit(client.get("/compte/conditions").location).path == "/compte/creation"


# The token endpoint --------------------------------------------------------------------------

@pytest.mark.usefixtures("franceconnect")
def test_should_exchange_a_code_only_once(app: Flask, client: FlaskClient,
                                          personne: dict[str, Any]) -> None:
    """A code is single use; presenting it again also revokes the token it gave."""
    code, attente = _code_emis(client, personne)

    premier = _echanger(app, code, attente)
    second = _echanger(app, code, attente)

    assert premier.status_code == 200
    assert {"access_token", "id_token"} <= set(premier.json())
    assert second.status_code == 400
    assert second.json()["error"] == "invalid_grant"
    jeton = premier.json()["access_token"]
    assert _userinfo(attente, jeton).status_code == 401


@pytest.mark.usefixtures("franceconnect")
def test_should_refuse_a_wrong_client_secret(app: Flask, client: FlaskClient,
                                             personne: dict[str, Any]) -> None:
    """A client that does not know the secret gets no token (and does not burn the code)."""
    code, attente = _code_emis(client, personne)

    refuse = _echanger(app, code, attente, secret="pas-le-bon-secret")

    assert refuse.status_code == 401
    assert refuse.json()["error"] == "invalid_client"
    assert _echanger(app, code, attente).status_code == 200


@pytest.mark.usefixtures("franceconnect")
def test_should_refuse_a_wrong_pkce_verifier(app: Flask, client: FlaskClient,
                                             personne: dict[str, Any]) -> None:
    """The code verifier must match the challenge sent with the authorization request."""
    code, attente = _code_emis(client, personne)

    refuse = _echanger(app, code, {**attente, "code_verifier": "v" * 64})

    assert refuse.status_code == 400
    assert refuse.json()["error"] == "invalid_grant"


@pytest.mark.usefixtures("franceconnect")
def test_should_sign_the_id_token_with_a_key_of_its_jwks(app: Flask, client: FlaskClient,
                                                         personne: dict[str, Any]) -> None:
    """The id_token verifies with the published keys and carries the request's nonce."""
    code, attente = _code_emis(client, personne)
    jeton = _echanger(app, code, attente).json()

    cles = KeySet.import_key_set(requests.get(attente["jwks_uri"], timeout=10).json())
    claims = jwt.decode(jeton["id_token"], cles, algorithms=["RS256"]).claims

    assert claims["nonce"] == attente["nonce"]
    assert claims["iss"] == attente["issuer"]
    assert claims["aud"] == "ameli-mock"


# The userinfo endpoint -----------------------------------------------------------------------

@pytest.mark.usefixtures("franceconnect")
def test_should_require_the_access_token_at_userinfo(app: Flask, client: FlaskClient,
                                                     personne: dict[str, Any]) -> None:
    """No token or a made-up token: 401; the right token: the person's identity."""
    code, attente = _code_emis(client, personne)
    jeton = _echanger(app, code, attente).json()["access_token"]

    sans_jeton = _userinfo(attente, None)
    faux_jeton = _userinfo(attente, "invente")
    avec_jeton = _userinfo(attente, jeton)

    assert sans_jeton.status_code == 401
    assert faux_jeton.status_code == 401
    assert "invalid_token" in faux_jeton.headers["WWW-Authenticate"]
    assert avec_jeton.status_code == 200
    identite = avec_jeton.json()
    assert identite["family_name"] == personne["nom"]
    assert identite["birthdate"] == personne["date_naissance"]
    assert identite["nir"] == personne["nir"]


# The authorization endpoint ------------------------------------------------------------------

@pytest.mark.usefixtures("franceconnect")
def test_should_not_redirect_to_an_unregistered_redirect_uri(client: FlaskClient) -> None:
    """An unknown redirect URI gets FranceConnect's error page, never a redirection."""
    parametres = _parametres(_cliquer_franceconnect(client))
    parametres["redirect_uri"] = "http://ailleurs.example/vol-de-code"

    reponse = client.get("/franceconnect/authorize", query_string=parametres)

    assert reponse.status_code == 400
    assert "Location" not in reponse.headers
    assert vues_fc.DEMANDE_INVALIDE in _page(reponse)


@pytest.mark.usefixtures("franceconnect")
@pytest.mark.parametrize(("parametre", "valeur"), [
    ("response_type", 'co"de'),
    ("redirect_uri", "http://localhost/franceconnect/retour?é"),
    ("state", "a\\b"),
    ("nonce", "n" * 2000),
    ("scope", "openid\u202enir"),
], ids=["guillemet", "non-ascii", "antislash", "trop-long", "controle-unicode"])
def test_should_refuse_a_malformed_authorization_request(client: FlaskClient, parametre: str,
                                                        valeur: str) -> None:
    """Hostile parameters get FranceConnect's error page, neither a redirection nor a 500."""
    parametres = _parametres(_cliquer_franceconnect(client))
    parametres[parametre] = valeur

    reponse = client.get("/franceconnect/authorize", query_string=parametres)

    assert reponse.status_code == 400
    assert "Location" not in reponse.headers
    assert vues_fc.DEMANDE_INVALIDE in _page(reponse)


@pytest.mark.usefixtures("franceconnect")
def test_should_send_a_request_without_nonce_back_with_an_error(client: FlaskClient) -> None:
    """FranceConnect wants a nonce; without one the service gets invalid_request."""
    parametres = _parametres(_cliquer_franceconnect(client))
    del parametres["nonce"]

    reponse = client.get("/franceconnect/authorize", query_string=parametres)

    assert reponse.status_code == 302
    assert _parametres(reponse.location)["error"] == "invalid_request"
    assert _parametres(reponse.location)["state"] == parametres["state"]


@pytest.mark.usefixtures("franceconnect")
def test_should_refuse_a_wrong_password_at_the_provider(client: FlaskClient,
                                                        personne: dict[str, Any]) -> None:
    """The provider's login screen says the credentials are wrong and stays put."""
    client.get(_chemin(_cliquer_franceconnect(client)))

    reponse = client.post("/franceconnect/fournisseur/impots",
                          data={"identifiant": personne["nir"], "mot_de_passe": "456"})

    assert reponse.status_code == 422
    assert vues_fc.IDENTIFIANTS_INCORRECTS in _page(reponse)


# Coming back to ameli ------------------------------------------------------------------------

@pytest.mark.usefixtures("franceconnect")
@pytest.mark.parametrize(("decision", "message"), [
    ("refuser", client_fc.MESSAGE_REFUS),
], ids=["consentement-refuse"])
def test_should_come_back_to_screen_4_when_the_consent_is_refused(
        client: FlaskClient, personne: dict[str, Any], decision: str, message: str) -> None:
    """"Refuser" on the consent screen comes back to screen 4 with a message."""
    retour = _retour_de_franceconnect(client, personne["nir"], decision=decision)

    assert _parametres(retour)["error"] == "access_denied"
    assert message in _message_sur_l_ecran_4(client, client.get(_chemin(retour)))


@pytest.mark.usefixtures("franceconnect")
def test_should_come_back_to_screen_4_when_the_person_cancels(client: FlaskClient) -> None:
    """"Annuler" at FranceConnect comes back to screen 4 with its own message."""
    client.get(_chemin(_cliquer_franceconnect(client)))

    annulation = client.get("/franceconnect/annuler")

    assert urlsplit(annulation.location).path == CALLBACK
    page = _message_sur_l_ecran_4(client, client.get(_chemin(annulation.location)))
    assert client_fc.MESSAGE_ANNULATION in page


@pytest.mark.usefixtures("franceconnect")
def test_should_not_recognise_an_identity_of_no_insured_person(client: FlaskClient) -> None:
    """FranceConnect's own test identity is nobody the mock insures."""
    retour = _retour_de_franceconnect(client, "test")

    page = _message_sur_l_ecran_4(client, client.get(_chemin(retour)))

    assert vues_fc.MESSAGE_IDENTITE_INCONNUE in page


@pytest.mark.usefixtures("franceconnect")
def test_should_apply_the_eligibility_rules_of_screen_4(client: FlaskClient) -> None:
    """A person of another régime identified by FranceConnect is told the service is closed."""
    mgen = client.post("/_test/assures", json={"regime": "MGEN"}).get_json()

    reponse = client.get(_chemin(_retour_de_franceconnect(client, mgen["nir"])))

    assert reponse.status_code == 403
    assert "Ce service n'est donc pas ouvert à votre régime (MGEN)" in _page(reponse)


@pytest.mark.usefixtures("franceconnect")
def test_should_say_when_the_account_already_exists(client: FlaskClient,
                                                    personne: dict[str, Any]) -> None:
    """A person who has an account already is sent back with a link to log in."""
    premier = client.get(_chemin(_retour_de_franceconnect(client, personne["nir"])))
    assert urlsplit(premier.location).path == "/compte/conditions"
    client.post("/compte/conditions", data={"conditions": "oui"})
    client.post("/compte/code", data={"code": "739184265031", "confirmation": "739184265031"})
    cree = client.post("/compte/coordonnees", data={"email": "a@exemple.fr",
                                                    "email_confirmation": "a@exemple.fr"})
    assert urlsplit(cree.location).path == "/compte/confirmation"

    retour = client.get(_chemin(_retour_de_franceconnect(client, personne["nir"])))

    page = _message_sur_l_ecran_4(client, retour)
    assert vues_fc.MESSAGE_COMPTE_EXISTANT in page
    assert "Je me connecte à mon compte" in page


def test_should_let_screen_4_lead_to_a_franceconnect_running_elsewhere(
        client: FlaskClient, franceconnect: str) -> None:
    """Browsers check `form-action` on a form's redirections: FranceConnect's origin is listed."""
    origine = franceconnect.removesuffix("/franceconnect")

    politique = client.get("/compte/creation").headers["Content-Security-Policy"]

    assert f"form-action 'self' {origine}" in politique
    assert "script-src 'self'" in politique


def test_should_say_franceconnect_is_unavailable_when_it_cannot_be_reached(
        app: Flask, client: FlaskClient) -> None:
    """An unreachable FranceConnect gives a message on screen 4, not an error page."""
    app.config["FRANCECONNECT_URL"] = "http://127.0.0.1:9/franceconnect"

    page = _message_sur_l_ecran_4(client, client.post("/franceconnect/connexion"))

    assert client_fc.MESSAGE_INDISPONIBLE in page
