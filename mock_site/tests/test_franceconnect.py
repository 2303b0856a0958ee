"""The mock FranceConnect held to FranceConnect v2 (fcp-low), and ameli's side of it.

Expected values come from FranceConnect's public sources (`france-connect/sources`), copied
into the tables below, never from the mock's code:

- `quality/fcp/cypress/integration/api/api-authorize.feature` (commit 22efde4f): each request
  and FranceConnect's answer (status, Y-code, redirection with `error`/`error_description`);
- `api-token.feature`, `api-userinfo.feature`, `api-discovery.feature`,
  `api-redirect-to-sp.feature`: the token answer, the signed userinfo, the discovery document;
- `back/libs/scopes/src/data/fcp-low/fcp-low.scopes.ts`: which claims each scope gives;
- `back/apps/core-fcp/src/dto/authorize-params.dto.ts`: the nonce's minimum length (22);
- `back/instances/core-fcp-low/src/config/oidc-provider.ts`: code lifetime (30 s);
- `docker/volumes/fcp-low/mocks/idp/databases/citizen/base.csv`: the test identities.

The front channel (the browser's redirections) goes through Flask's test client. Where ameli
or an outside relying party talks to FranceConnect server to server, the application is also
served on a free local port and `FRANCECONNECT_URL` points at it.
"""

from __future__ import annotations

import html
import re
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.flask_client import OAuth
from flask import Flask, session
from flask.testing import FlaskClient
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey
from werkzeug.serving import make_server
from werkzeug.test import TestResponse

from mock_site import registre
from mock_site.tests.lecture import lire, propre, references_cassees
from mock_site.tests.libelles import COMMUN, CREATION, DECONNEXION_FRANCECONNECT, FRANCECONNECT

pytestmark = pytest.mark.unit

MOT_DE_PASSE = "123"

# A service registered at the mock FranceConnect for these tests (FRANCECONNECT_CLIENTS).
SERVICE = "Service de test"
FS_ID = "fs-de-test"
FS_SECRET = "secret-du-fournisseur-de-service-de-test-0123456789"
FS_CALLBACK = "https://fs.exemple.test/callback"
FS_FIN = "https://fs.exemple.test/au-revoir"
EMETTEUR = "http://localhost/franceconnect/api/v2"
BASE_API = "/franceconnect/api/v2"
AUTHORIZE = f"{BASE_API}/authorize"

# The authorization request of FranceConnect's API tests ("je prépare une requête authorize").
DEMANDE: dict[str, str] = {
    "response_type": "code",
    "client_id": FS_ID,
    "redirect_uri": FS_CALLBACK,
    "scope": "openid given_name family_name birthdate gender preferred_username birthcountry "
    "birthplace email",
    "state": "37098dd31af91b8d4e2684f7dfcd7f3a0b68f3615db783cada58463cdbb93449",
    "nonce": "nonceatleastthirtytwocharacterss",
    "acr_values": "eidas1",
    "prompt": "login consent",
}
MESSAGE_TECHNIQUE = FRANCECONNECT.erreur_technique

# fcp-low.scopes.ts: the claims each scope gives (sub, in every answer, left out).
CLAIMS_PAR_SCOPE = {
    "openid": set(),
    "profile": {
        "given_name",
        "given_name_array",
        "family_name",
        "birthdate",
        "gender",
        "preferred_username",
    },
    "birth": {"birthplace", "birthcountry"},
    "identite_pivot": {
        "given_name",
        "given_name_array",
        "family_name",
        "birthdate",
        "gender",
        "birthplace",
        "birthcountry",
    },
    "gender": {"gender"},
    "birthdate": {"birthdate"},
    "birthcountry": {"birthcountry"},
    "birthplace": {"birthplace"},
    "given_name": {"given_name", "given_name_array"},
    "family_name": {"family_name"},
    "email": {"email"},
    "preferred_username": {"preferred_username"},
    "idp_birthdate": {"idp_birthdate"},
}

# base.csv of FranceConnect's fcp-low identity provider mock.
ANGELA = {
    "given_name": "Angela Claire Louise",
    "family_name": "DUBOIS",
    "birthdate": "1962-08-24",
    "gender": "female",
    "birthplace": "75107",
    "birthcountry": "99100",
    "email": "wossewodda-3728@yopmail.com",
    "preferred_username": "",
}


def _fs(algorithme: str = "ES256") -> dict[str, dict[str, Any]]:
    return {
        FS_ID: {
            "client_secret": FS_SECRET,
            "nom": SERVICE,
            "redirect_uris": [FS_CALLBACK],
            "post_logout_redirect_uris": [FS_FIN],
            "algorithme": algorithme,
        }
    }


@pytest.fixture
def fc(app: Flask) -> FlaskClient:
    """The mock with a test service registered, and a browser (test client) at it."""
    app.config["FRANCECONNECT_CLIENTS"] = _fs()
    return app.test_client()


@pytest.fixture
def franceconnect(app: Flask) -> Iterator[str]:
    """The application also served over HTTP; its URL is FranceConnect's base."""
    serveur = make_server("127.0.0.1", 0, app, threaded=True)
    fil = threading.Thread(
        target=serveur.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
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


# Helpers ---------------------------------------------------------------------------------------


def _chemin(url: str) -> str:
    parties = urlsplit(url)
    return f"{parties.path}?{parties.query}" if parties.query else parties.path


def _parametres(url: str, partie: str = "query") -> dict[str, str]:
    texte = getattr(urlsplit(url), partie)
    return {cle: valeurs[0] for cle, valeurs in parse_qs(texte, keep_blank_values=True).items()}


def _page(reponse: TestResponse) -> str:
    return html.unescape(reponse.get_data(as_text=True))


def _code_erreur(reponse: TestResponse) -> str:
    """The Y-code shown on FranceConnect's error page."""
    trouve = re.search(
        rf"{re.escape(FRANCECONNECT.code_erreur)} : <strong[^>]*>(\w+)</strong>", _page(reponse)
    )
    assert trouve is not None, _page(reponse)[:500]
    return trouve.group(1)


def _liens(reponse: TestResponse) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]*)"', reponse.get_data(as_text=True))


def _authorize(fc: FlaskClient, **changements: str | None) -> TestResponse:
    """FranceConnect's authorization request, with parameters changed (None removes one)."""
    parametres = {**DEMANDE, **changements}
    gardes = {cle: valeur for cle, valeur in parametres.items() if valeur is not None}
    return fc.get(f"{AUTHORIZE}?{urlencode(gardes)}")


def _connecter(fc: FlaskClient, identifiant: str = "test") -> None:
    """Log in at an identity provider once the authorization request was accepted."""
    reponse = fc.post(
        "/franceconnect/fournisseur/impots",
        data={"identifiant": identifiant, "mot_de_passe": MOT_DE_PASSE},
    )
    assert reponse.status_code == 302, _page(reponse)


def _code(fc: FlaskClient, identifiant: str = "test", **changements: str | None) -> str:
    """Authorization, login and consent: the code delivered to the service."""
    assert _authorize(fc, **changements).status_code == 200
    _connecter(fc, identifiant)
    reponse = fc.post("/franceconnect/consentement", data={"decision": "continuer"})
    assert reponse.status_code == 302
    assert reponse.location.startswith(FS_CALLBACK + "?")
    return _parametres(reponse.location)["code"]


def _jeton(fc: FlaskClient, code: str, secret: str = FS_SECRET) -> TestResponse:
    """The service's call to the token endpoint (client_secret_post)."""
    return fc.post(
        f"{BASE_API}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": FS_CALLBACK,
            "client_id": FS_ID,
            "client_secret": secret,
        },
    )


def _jeu_de_cles(fc: FlaskClient) -> KeySet:
    return KeySet.import_key_set(fc.get(f"{BASE_API}/jwks").get_json())


def _userinfo(
    fc: FlaskClient, identifiant: str = "test", **changements: str | None
) -> TestResponse:
    jeton = _jeton(fc, _code(fc, identifiant, **changements)).get_json()
    return fc.get(
        f"{BASE_API}/userinfo", headers={"Authorization": f"Bearer {jeton['access_token']}"}
    )


# authorize: api-authorize.feature --------------------------------------------------------------


@pytest.mark.parametrize("prompt", ["login", "consent", "login consent", "consent login", None])
def test_authorize_accepte_les_prompts_de_franceconnect(
    fc: FlaskClient, prompt: str | None
) -> None:
    """Cas nominal prompt=<prompt> (and without prompt): the identity-provider choice."""
    reponse = _authorize(fc, prompt=prompt)

    assert reponse.status_code == 200
    assert reponse.mimetype == "text/html"
    assert FRANCECONNECT.titre in _page(reponse)


@pytest.mark.parametrize(
    "nonce",
    [
        "nonceatleastthirtytwocharacterss",
        "nonceatleastsixtyfourcharacterss@#&nonceatleastsixtyfourcharacterss",
    ],
)
def test_authorize_accepte_un_nonce_assez_long(fc: FlaskClient, nonce: str) -> None:
    """Cas nominal nonce=<nonce>."""
    assert _authorize(fc, nonce=nonce).status_code == 200


def test_authorize_accepte_ui_locales(fc: FlaskClient) -> None:
    """Paramètre ui_locales autorisé mais non utilisé."""
    assert _authorize(fc, ui_locales="fr-FR").status_code == 200


# (changed parameter, value or None to remove it, HTTP status, Y-code, message on the page)
PAGES_D_ERREUR = [
    ("acr_values", None, 400, "Y030007", MESSAGE_TECHNIQUE),
    ("client_id", None, 400, "Y030007", MESSAGE_TECHNIQUE),
    ("nonce", None, 400, "Y030007", MESSAGE_TECHNIQUE),
    ("redirect_uri", None, 400, "Y030007", MESSAGE_TECHNIQUE),
    ("response_type", None, 400, "Y030007", MESSAGE_TECHNIQUE),
    ("scope", None, 400, "Y030007", MESSAGE_TECHNIQUE),
    ("state", None, 400, "Y030007", MESSAGE_TECHNIQUE),
    ("prompt", "", 400, "Y030007", MESSAGE_TECHNIQUE),
    ("prompt", "none", 400, "Y030007", MESSAGE_TECHNIQUE),
    ("prompt", "select_account", 400, "Y030007", MESSAGE_TECHNIQUE),
    ("nonce", "", 400, "Y030007", MESSAGE_TECHNIQUE),
    ("nonce", "nonce_trop_court", 400, "Y030007", MESSAGE_TECHNIQUE),
    ("client_id", "", 400, "Y030007", MESSAGE_TECHNIQUE),
    ("client_id", "inconnu", 500, "Y030106", "invalid_client"),
    ("client_id", "my-service-provider-deactivated", 500, "Y030106", "invalid_client"),
    ("redirect_uri", "", 400, "Y030007", MESSAGE_TECHNIQUE),
    (
        "redirect_uri",
        "https://my-malicious-url.fr/callback",
        500,
        "Y030118",
        "invalid_redirect_uri",
    ),
    ("redirect_uri", "example.com", 400, "Y030007", MESSAGE_TECHNIQUE),
]


@pytest.mark.parametrize(("parametre", "valeur", "statut", "code", "message"), PAGES_D_ERREUR)
def test_authorize_refuse_par_la_page_d_erreur_de_franceconnect(
    fc: FlaskClient, parametre: str, valeur: str | None, statut: int, code: str, message: str
) -> None:
    """The technical error page: its status, Y-code and message, and no link back."""
    reponse = _authorize(fc, **{parametre: valeur})

    assert reponse.status_code == statut
    assert reponse.mimetype == "text/html"
    assert "Location" not in reponse.headers
    assert _code_erreur(reponse) == code
    lue = lire(reponse.get_data(as_text=True))
    assert lue.titre == FRANCECONNECT.fenetre_pour(FRANCECONNECT.titre_erreur)
    assert lue.noms == [("section", FRANCECONNECT.titre_erreur)]
    assert lue.annonces == [("alert", propre(f"{FRANCECONNECT.code_erreur} : {code} {message}"))]
    assert FS_CALLBACK not in _page(reponse)
    assert _liens(reponse) == ["#contenu"]
    assert references_cassees(reponse.get_data(as_text=True)) == []


# The mock FranceConnect's own words around its screens (the service is the test one).
PIED_FC = FRANCECONNECT.mention_simulation
IMPOTS = FRANCECONNECT.titre_connexion_pour(FRANCECONNECT.impots_gouv)


def test_les_ecrans_de_franceconnect_se_lisent_et_s_annoncent(fc: FlaskClient) -> None:
    """Provider choice, login and consent: their titles, wording and named regions."""
    choix = _authorize(fc)
    lue = lire(choix.get_data(as_text=True))
    assert lue.titre == FRANCECONNECT.fenetre_pour(FRANCECONNECT.titre)
    assert lue.noms == [
        ("section", FRANCECONNECT.titre_pour(SERVICE)),
        ("ul", FRANCECONNECT.fournisseurs),
    ]
    assert {
        COMMUN.aller_au_contenu,
        f"{FRANCECONNECT.connexion_au_service} {SERVICE}",
        PIED_FC,
    } <= set(lue.blocs)
    assert references_cassees(choix.get_data(as_text=True)) == []

    connexion = fc.get("/franceconnect/fournisseur/impots")
    lue = lire(connexion.get_data(as_text=True))
    assert lue.titre == FRANCECONNECT.fenetre_pour(IMPOTS)
    assert lue.noms == [
        ("section", IMPOTS),
        ("section", FRANCECONNECT.identifiants_de_test),
    ]
    attendus = {
        FRANCECONNECT.explication_identifiants_pour(MOT_DE_PASSE),
        FRANCECONNECT.compte_demo_pour(MOT_DE_PASSE),
        f"{FRANCECONNECT.identifiant} : *",
        f"{FRANCECONNECT.mot_de_passe} : *",
        FRANCECONNECT.se_connecter,
        f"{FRANCECONNECT.annuler_et_revenir} {SERVICE}",
    }
    assert attendus - set(lue.blocs) == set()
    assert references_cassees(connexion.get_data(as_text=True)) == []

    _connecter(fc)
    consentement = fc.get("/franceconnect/consentement")
    lue = lire(consentement.get_data(as_text=True))
    assert lue.titre == FRANCECONNECT.fenetre_pour(f"{FRANCECONNECT.titre_consentement} {SERVICE}")
    assert lue.noms == [
        ("section", f"{FRANCECONNECT.connecte_au_nom_de} {ANGELA['given_name']} DUBOIS"),
        ("ul", FRANCECONNECT.donnees_transmises_pour(SERVICE)),
    ]
    assert references_cassees(consentement.get_data(as_text=True)) == []


def test_aucun_code_n_est_livre_a_une_redirect_uri_non_enregistree(fc: FlaskClient) -> None:
    """Same path, other host, a query or a trailing slash: an error page, never a redirection."""
    for variante in (
        "https://my-malicious-url.fr/callback",
        "http://fs.exemple.test/callback",
        FS_CALLBACK + "/",
        FS_CALLBACK + "?x=1",
        FS_CALLBACK.upper(),
    ):
        reponse = _authorize(fc, redirect_uri=variante)
        assert reponse.status_code == 500, variante
        assert "Location" not in reponse.headers
        assert _code_erreur(reponse) == "Y030118"


# (changed parameter, value, error, error_description, in the fragment)
REDIRECTIONS_D_ERREUR = [
    ("response_type", "", "invalid_request", "missing required parameter 'response_type'", False),
    (
        "response_type",
        "inconnu",
        "unsupported_response_type",
        "unsupported response_type requested",
        False,
    ),
    (
        "response_type",
        "id_token",
        "unsupported_response_type",
        "unsupported response_type requested",
        True,
    ),
    (
        "response_type",
        "id_token token",
        "unsupported_response_type",
        "unsupported response_type requested",
        True,
    ),
    (
        "response_type",
        "code id_token",
        "unsupported_response_type",
        "unsupported response_type requested",
        True,
    ),
    (
        "response_type",
        "code token",
        "unsupported_response_type",
        "unsupported response_type requested",
        True,
    ),
    (
        "scope",
        "",
        "invalid_request",
        "openid scope must be requested when using the acr_values parameter",
        False,
    ),
    (
        "scope",
        "profile",
        "invalid_request",
        "openid scope must be requested when using the acr_values parameter",
        False,
    ),
]


@pytest.mark.parametrize(
    ("parametre", "valeur", "erreur", "description", "fragment"), REDIRECTIONS_D_ERREUR
)
def test_authorize_renvoie_l_erreur_au_service(
    fc: FlaskClient, parametre: str, valeur: str, erreur: str, description: str, fragment: bool
) -> None:
    """A 303 to the registered callback with error, error_description and state."""
    reponse = _authorize(fc, **{parametre: valeur})

    assert reponse.status_code == 303
    assert reponse.mimetype == "text/html"
    assert reponse.location.startswith(FS_CALLBACK)
    retour = _parametres(reponse.location, "fragment" if fragment else "query")
    assert retour["error"] == erreur
    assert retour["error_description"] == description
    assert retour["state"] == DEMANDE["state"]


def test_l_annulation_revient_au_service_avec_access_denied(fc: FlaskClient) -> None:
    """api-redirect-to-sp: error, error_description, state and iss, in a 302."""
    assert _authorize(fc).status_code == 200

    reponse = fc.get("/franceconnect/annuler")

    assert reponse.status_code == 302
    retour = _parametres(reponse.location)
    assert set(retour) == {"error", "error_description", "state", "iss"}
    assert retour["error"] == "access_denied"
    assert retour["error_description"] == "user authentication aborted"
    assert retour["state"] == DEMANDE["state"]
    assert retour["iss"] == EMETTEUR


def test_le_code_revient_avec_le_state_et_l_emetteur(fc: FlaskClient) -> None:
    """The consent's answer: code, the service's state, and FranceConnect's iss."""
    assert _authorize(fc).status_code == 200
    _connecter(fc)

    reponse = fc.post("/franceconnect/consentement", data={"decision": "continuer"})

    retour = _parametres(reponse.location)
    assert set(retour) == {"code", "state", "iss"}
    assert retour["state"] == DEMANDE["state"]
    assert retour["iss"] == EMETTEUR


# token: api-token.feature ----------------------------------------------------------------------


def test_token_repond_exactement_comme_franceconnect(fc: FlaskClient) -> None:
    """Cas nominal: 200, JSON, no cookie, five properties, expires_in 60, Bearer."""
    reponse = _jeton(fc, _code(fc))

    assert reponse.status_code == 200
    assert reponse.mimetype == "application/json"
    assert "Set-Cookie" not in reponse.headers
    corps = reponse.get_json()
    assert set(corps) == {"access_token", "expires_in", "id_token", "scope", "token_type"}
    assert corps["expires_in"] == 60
    assert corps["token_type"] == "Bearer"


def test_token_refuse_un_mauvais_secret(fc: FlaskClient) -> None:
    """Cas non passant: 401 invalid_client, "client authentication failed", no id_token."""
    reponse = _jeton(fc, _code(fc), secret="wrong-client-secret")

    assert reponse.status_code == 401
    assert reponse.mimetype == "application/json"
    assert "Set-Cookie" not in reponse.headers
    corps = reponse.get_json()
    assert "id_token" not in corps
    assert corps["error"] == "invalid_client"
    assert corps["error_description"] == "client authentication failed"


def test_token_refuse_le_secret_en_authentification_basic(fc: FlaskClient) -> None:
    """FranceConnect's services authenticate with client_secret_post only."""
    reponse = fc.post(
        f"{BASE_API}/token",
        auth=(FS_ID, FS_SECRET),
        data={"grant_type": "authorization_code", "code": _code(fc), "redirect_uri": FS_CALLBACK},
    )

    assert reponse.status_code == 401
    assert reponse.get_json()["error"] == "invalid_client"


def test_un_code_ne_sert_qu_une_fois(fc: FlaskClient) -> None:
    """A code exchanged twice: the second time, invalid_grant."""
    code = _code(fc)
    assert _jeton(fc, code).status_code == 200

    reponse = _jeton(fc, code)

    assert reponse.status_code == 400
    assert reponse.get_json()["error"] == "invalid_grant"


def test_un_code_expire_apres_30_secondes(fc: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """fcp-low's oidc-provider ttl: AuthorizationCode 30 seconds."""
    code = _code(fc)
    maintenant = time.time()
    monkeypatch.setattr(time, "time", lambda: maintenant + 31)

    reponse = _jeton(fc, code)

    assert reponse.status_code == 400
    assert reponse.get_json()["error"] == "invalid_grant"


def test_l_id_token_porte_les_claims_de_franceconnect(fc: FlaskClient) -> None:
    """id_token - FCP Low: not encrypted, sub, acr eidas1, amr, nonce, iss; ES256 by default."""
    id_token = _jeton(fc, _code(fc)).get_json()["id_token"]

    decode = jwt.decode(id_token, _jeu_de_cles(fc), algorithms=["ES256"])

    assert decode.header["alg"] == "ES256"
    claims = decode.claims
    assert claims["acr"] == "eidas1"
    assert claims["amr"]
    assert claims["nonce"] == DEMANDE["nonce"]
    assert claims["iss"] == EMETTEUR
    assert claims["aud"] == FS_ID
    assert claims["sub"]
    assert claims["exp"] - claims["iat"] == 60


@pytest.mark.parametrize("algorithme", ["ES256", "RS256", "HS256"])
def test_id_token_et_userinfo_sont_signes_avec_l_algorithme_du_client(
    app: Flask, fc: FlaskClient, algorithme: str
) -> None:
    """The algorithm registered for the client (FranceConnect offers HS256 ES256 RS256)."""
    app.config["FRANCECONNECT_CLIENTS"] = _fs(algorithme)
    cle = OctKey.import_key(FS_SECRET) if algorithme == "HS256" else _jeu_de_cles(fc)
    jeton = _jeton(fc, _code(fc)).get_json()
    userinfo = fc.get(
        f"{BASE_API}/userinfo", headers={"Authorization": f"Bearer {jeton['access_token']}"}
    )

    for signe in (jeton["id_token"], userinfo.get_data(as_text=True)):
        decode = jwt.decode(signe, cle, algorithms=[algorithme])
        assert decode.header["alg"] == algorithme
        assert decode.claims["iss"] == EMETTEUR


# userinfo: api-userinfo.feature ----------------------------------------------------------------


def test_userinfo_repond_un_jwt_signe(fc: FlaskClient) -> None:
    """Cas nominal - FCP Low: application/jwt, no cookie, the claims asked, iss, no acr."""
    reponse = _userinfo(fc)

    assert reponse.status_code == 200
    assert reponse.mimetype == "application/jwt"
    assert "Set-Cookie" not in reponse.headers
    claims = jwt.decode(
        reponse.get_data(as_text=True), _jeu_de_cles(fc), algorithms=["ES256"]
    ).claims
    for absente in ("acr", "amr", "nonce"):
        assert absente not in claims
    for presente in (
        "sub",
        "given_name",
        "family_name",
        "birthdate",
        "gender",
        "preferred_username",
        "birthcountry",
        "birthplace",
        "email",
    ):
        assert presente in claims
    assert claims["iss"] == EMETTEUR
    assert claims["aud"] == FS_ID


def test_l_identite_de_demonstration_est_celle_de_franceconnect(fc: FlaskClient) -> None:
    """Login `test`: Angela Claire Louise DUBOIS, with her email."""
    claims = jwt.decode(
        _userinfo(fc).get_data(as_text=True), _jeu_de_cles(fc), algorithms=["ES256"]
    ).claims

    assert {nom: claims[nom] for nom in ANGELA} == ANGELA


@pytest.mark.parametrize(("scope", "attendus"), list(CLAIMS_PAR_SCOPE.items()))
def test_chaque_scope_donne_ses_claims(fc: FlaskClient, scope: str, attendus: set[str]) -> None:
    """fcp-low's scopes table: `openid <scope>` gives exactly that scope's claims."""
    reponse = _userinfo(fc, scope=f"openid {scope}")

    claims = jwt.decode(
        reponse.get_data(as_text=True), _jeu_de_cles(fc), algorithms=["ES256"]
    ).claims
    assert set(claims) - {"sub", "iss", "aud"} == attendus


def test_une_personne_nee_a_l_etranger_n_a_pas_de_lieu_de_naissance(fc: FlaskClient) -> None:
    """base.csv `naissance_Algérie`: birthcountry 99352, birthplace empty."""
    reponse = _userinfo(fc, "naissance_Algérie", scope="openid identite_pivot")

    claims = jwt.decode(
        reponse.get_data(as_text=True), _jeu_de_cles(fc), algorithms=["ES256"]
    ).claims
    assert claims["birthcountry"] == "99352"
    assert claims["birthplace"] == ""


def test_une_date_de_naissance_presumee_est_completee(fc: FlaskClient) -> None:
    """base.csv 1992-00-00: birthdate completed with 01, idp_birthdate as the provider has it."""
    reponse = _userinfo(
        fc, "étranger_présumé_né_jour_et_mois", scope="openid birthdate idp_birthdate"
    )

    claims = jwt.decode(
        reponse.get_data(as_text=True), _jeu_de_cles(fc), algorithms=["ES256"]
    ).claims
    assert claims["birthdate"] == "1992-01-01"
    assert claims["idp_birthdate"] == "1992-00-00"


def test_un_genre_non_precise_est_transmis_tel_quel(fc: FlaskClient) -> None:
    """base.csv `genre_indéfini`: gender `unspecified`."""
    reponse = _userinfo(fc, "genre_indéfini", scope="openid gender")

    claims = jwt.decode(
        reponse.get_data(as_text=True), _jeu_de_cles(fc), algorithms=["ES256"]
    ).claims
    assert claims["gender"] == "unspecified"


def test_userinfo_exige_le_jeton_d_acces(fc: FlaskClient) -> None:
    """No token, or a made-up one: 401."""
    assert fc.get(f"{BASE_API}/userinfo").status_code == 401
    inventee = fc.get(f"{BASE_API}/userinfo", headers={"Authorization": "Bearer inventé"})
    assert inventee.status_code == 401


# discovery: api-discovery.feature -------------------------------------------------------------


def test_la_decouverte_est_celle_de_fcp_low(fc: FlaskClient) -> None:
    """API discovery - fcp-low, plus the endpoints a client needs."""
    reponse = fc.get(f"{BASE_API}/.well-known/openid-configuration")

    assert reponse.status_code == 200
    assert reponse.mimetype == "application/json"
    assert "Set-Cookie" not in reponse.headers
    configuration = reponse.get_json()
    assert configuration["acr_values_supported"] == ["eidas1"]
    assert {"openid", "profile", "preferred_username", "idp_birthdate"} <= set(
        configuration["scopes_supported"]
    )
    assert "offline_access" not in configuration["scopes_supported"]
    assert {"sub", "given_name", "given_name_array", "amr", "acr"} <= set(
        configuration["claims_supported"]
    )
    for cle in ("id_token_signing_alg_values_supported", "userinfo_signing_alg_values_supported"):
        assert sorted(configuration[cle]) == ["ES256", "HS256", "RS256"]
    for absente in (
        "id_token_encryption_alg_values_supported",
        "id_token_encryption_enc_values_supported",
        "userinfo_encryption_alg_values_supported",
        "userinfo_encryption_enc_values_supported",
        "backchannel_logout_supported",
        "backchannel_logout_session_supported",
    ):
        assert absente not in configuration
    assert configuration["issuer"] == EMETTEUR
    for cle, chemin in (
        ("authorization_endpoint", "/authorize"),
        ("token_endpoint", "/token"),
        ("userinfo_endpoint", "/userinfo"),
        ("jwks_uri", "/jwks"),
        ("end_session_endpoint", "/session/end"),
    ):
        assert configuration[cle] == EMETTEUR + chemin


def test_les_cles_publiques_ne_revelent_rien_de_prive(fc: FlaskClient) -> None:
    """The JWKS has an EC and an RSA key, public parts only."""
    cles = fc.get(f"{BASE_API}/jwks").get_json()["keys"]

    assert sorted(cle["kty"] for cle in cles) == ["EC", "RSA"]
    for cle in cles:
        assert not {"d", "p", "q", "dp", "dq", "qi"} & set(cle)


# session/end -----------------------------------------------------------------------------------


def _id_token(fc: FlaskClient) -> str:
    id_token: str = _jeton(fc, _code(fc)).get_json()["id_token"]
    return id_token


def test_la_deconnexion_revient_au_service_avec_son_state(fc: FlaskClient) -> None:
    """id_token_hint, state and a registered post_logout_redirect_uri: back with the state."""
    reponse = fc.get(
        f"{BASE_API}/session/end?"
        + urlencode(
            {
                "id_token_hint": _id_token(fc),
                "state": "etat-de-deconnexion-0123456789",
                "post_logout_redirect_uri": FS_FIN,
            }
        )
    )

    assert reponse.status_code == 302
    assert reponse.location == f"{FS_FIN}?state=etat-de-deconnexion-0123456789"


@pytest.mark.parametrize(
    ("indice", "adresse"),
    [
        (None, FS_FIN),
        ("pas-un-jeton", FS_FIN),
        ("jeton", "https://my-malicious-url.fr/au-revoir"),
        ("jeton", FS_CALLBACK),
    ],
)
def test_la_deconnexion_refuse_une_demande_invalide(
    fc: FlaskClient, indice: str | None, adresse: str
) -> None:
    """No token, a forged one, or an unregistered post-logout URI: an error page."""
    parametres = {"state": "etat", "post_logout_redirect_uri": adresse}
    if indice is not None:
        parametres["id_token_hint"] = _id_token(fc) if indice == "jeton" else indice

    reponse = fc.get(f"{BASE_API}/session/end?{urlencode(parametres)}")

    assert reponse.status_code == 400
    assert "Location" not in reponse.headers
    assert _liens(reponse) == ["#contenu"]


def test_la_deconnexion_refuse_un_jeton_signe_par_un_autre(fc: FlaskClient) -> None:
    """An id_token_hint signed with another key is not one of FranceConnect's."""
    faux = jwt.encode(
        {"alg": "HS256"},
        {"iss": EMETTEUR, "aud": FS_ID, "sub": "x"},
        OctKey.import_key("une-autre-cle-de-signature-bien-longue-0123456789"),
    )

    reponse = fc.get(
        f"{BASE_API}/session/end?"
        + urlencode({"id_token_hint": faux, "state": "etat", "post_logout_redirect_uri": FS_FIN})
    )

    assert reponse.status_code == 400


# A real relying party: Authlib configured by the discovery URL alone ---------------------------

RP_CALLBACK = "http://rp.exemple.test/callback"
RP_FIN = "http://rp.exemple.test/au-revoir"


def _partie_de_confiance(decouverte: str) -> tuple[Flask, Any]:
    """A relying party built with Authlib's Flask client from the discovery URL only."""
    rp = Flask("partie_de_confiance")
    rp.secret_key = "secret-de-la-partie-de-confiance"
    oauth = OAuth(rp)
    fournisseur = oauth.register(
        "franceconnect",
        client_id=FS_ID,
        client_secret=FS_SECRET,
        server_metadata_url=decouverte,
        # FranceConnect's access token lives 60 s: Authlib's default 60 s margin would
        # count it as expired on arrival.
        client_kwargs={
            "scope": "openid identite_pivot email",
            "token_endpoint_auth_method": "client_secret_post",
            "leeway": 0,
        },
    )

    @rp.get("/connexion")
    def connexion() -> Any:
        # FranceConnect wants acr_values and a nonce of 22 characters or more.
        return fournisseur.authorize_redirect(
            RP_CALLBACK, nonce=generate_token(32), acr_values="eidas1"
        )

    @rp.get("/callback")
    def retour() -> dict[str, Any]:
        jeton = fournisseur.authorize_access_token()
        metadonnees = fournisseur.load_server_metadata()
        reponse = fournisseur.get(metadonnees["userinfo_endpoint"], token=jeton)
        cles = KeySet.import_key_set(requests.get(metadonnees["jwks_uri"], timeout=10).json())
        identite = jwt.decode(
            reponse.text, cles, algorithms=metadonnees["userinfo_signing_alg_values_supported"]
        )
        session["id_token"] = jeton["id_token"]
        return {
            "type": reponse.headers["Content-Type"],
            "id_token": dict(jeton["userinfo"]),
            "userinfo": dict(identite.claims),
            "iss": metadonnees["issuer"],
        }

    @rp.get("/deconnexion")
    def deconnexion() -> Any:
        metadonnees = fournisseur.load_server_metadata()
        parametres = {
            "id_token_hint": session.pop("id_token"),
            "state": "etat-de-la-rp-0123",
            "post_logout_redirect_uri": RP_FIN,
        }
        return {"url": f"{metadonnees['end_session_endpoint']}?{urlencode(parametres)}"}

    return rp, fournisseur


def test_une_partie_de_confiance_authlib_se_connecte_lit_userinfo_et_se_deconnecte(
    app: Flask, franceconnect: str
) -> None:
    """Login, a verified userinfo JWT (against /jwks) and logout, from discovery alone."""
    app.config["FRANCECONNECT_CLIENTS"] = {
        FS_ID: {
            "client_secret": FS_SECRET,
            "nom": "Service Authlib",
            "redirect_uris": [RP_CALLBACK],
            "post_logout_redirect_uris": [RP_FIN],
        }
    }
    rp, _ = _partie_de_confiance(f"{franceconnect}/api/v2/.well-known/openid-configuration")
    navigateur_rp = rp.test_client()
    navigateur_fc = requests.Session()

    autorisation = navigateur_rp.get("/connexion").location
    assert navigateur_fc.get(autorisation, timeout=10).status_code == 200
    navigateur_fc.post(
        f"{franceconnect}/fournisseur/impots",
        timeout=10,
        data={"identifiant": "test", "mot_de_passe": MOT_DE_PASSE},
    )
    consentement = navigateur_fc.post(
        f"{franceconnect}/consentement",
        timeout=10,
        data={"decision": "continuer"},
        allow_redirects=False,
    )
    assert consentement.headers["Location"].startswith(RP_CALLBACK + "?")
    connecte = navigateur_rp.get(_chemin(consentement.headers["Location"]))

    assert connecte.status_code == 200, connecte.get_data(as_text=True)
    resultat = connecte.get_json()
    assert resultat["type"].startswith("application/jwt")
    assert resultat["id_token"]["acr"] == "eidas1"
    assert resultat["userinfo"]["sub"] == resultat["id_token"]["sub"]
    assert resultat["userinfo"]["family_name"] == ANGELA["family_name"]
    assert resultat["userinfo"]["email"] == ANGELA["email"]
    assert resultat["userinfo"]["iss"] == resultat["iss"]

    fin = navigateur_rp.get("/deconnexion").get_json()["url"]
    sortie = navigateur_fc.get(fin, timeout=10, allow_redirects=False)
    assert sortie.status_code == 302
    assert sortie.headers["Location"] == f"{RP_FIN}?state=etat-de-la-rp-0123"


# ameli's side ----------------------------------------------------------------------------------

AMELI_CALLBACK = "http://localhost/franceconnect/retour"
IDENTITE_INCONNUE = CREATION.franceconnect_identite_inconnue
IDENTITE_AMBIGUE = CREATION.franceconnect_identite_ambigue
ANNULATION = CREATION.franceconnect_annule
REFUS = CREATION.franceconnect_refuse
ECHEC = CREATION.franceconnect_echec
EXPIRE = CREATION.franceconnect_expire
INDISPONIBLE = CREATION.franceconnect_indisponible


def _cliquer_franceconnect(client: FlaskClient) -> str:
    """Screen 4's button: the authorization URL ameli sends the browser to."""
    reponse = client.post("/franceconnect/connexion")
    assert reponse.status_code == 302, _page(reponse)
    return reponse.location


def _retour_de_franceconnect(
    client: FlaskClient, identifiant: str, decision: str = "continuer"
) -> str:
    """Provider choice, login and consent: the URL FranceConnect sends the browser back to."""
    assert client.get(_chemin(_cliquer_franceconnect(client))).status_code == 200
    _connecter(client, identifiant)
    reponse = client.post("/franceconnect/consentement", data={"decision": decision})
    assert reponse.status_code == 302
    assert reponse.location.startswith(AMELI_CALLBACK + "?")
    return reponse.location


def _ecran_4(client: FlaskClient, retour: TestResponse) -> str:
    """Screen 4 after a return from FranceConnect: the message at the top of its error
    summary, whole ("" when there is none)."""
    assert retour.status_code == 302
    assert urlsplit(retour.location).path == "/compte/creation"
    lue = lire(client.get("/compte/creation").get_data(as_text=True))
    messages = [
        e.texte for e in lue.elements if e.attributs.get("class") == "resume-erreurs__message"
    ]
    assert len(messages) <= 1, messages
    return messages[0] if messages else ""


@pytest.mark.usefixtures("franceconnect")
def test_ameli_demande_l_identite_pivot_sans_nir(client: FlaskClient) -> None:
    """ameli asks what a FranceConnect service may ask: openid, eidas1, a long nonce."""
    demande = _parametres(_cliquer_franceconnect(client))

    assert "nir" not in demande["scope"].split()
    assert "openid" in demande["scope"].split()
    assert demande["acr_values"] == "eidas1"
    assert len(demande["nonce"]) >= 22
    assert demande["redirect_uri"] == AMELI_CALLBACK


def test_la_redirect_uri_d_ameli_est_enregistree_par_defaut(client: FlaskClient) -> None:
    """Without settings, ameli's callback on the mock's address is ameli's registered URI."""
    demande = {**DEMANDE, "client_id": "ameli-mock", "redirect_uri": AMELI_CALLBACK}
    assert client.get(f"{AUTHORIZE}?{urlencode(demande)}").status_code == 200
    ailleurs = {**demande, "redirect_uri": "http://autre.exemple.test/franceconnect/retour"}
    assert _code_erreur(client.get(f"{AUTHORIZE}?{urlencode(ailleurs)}")) == "Y030118"


@pytest.mark.usefixtures("franceconnect")
def test_un_assure_connu_va_droit_aux_conditions(
    client: FlaskClient, personne: dict[str, Any]
) -> None:
    """Identité pivot matched: screen 6, screens 4 and 5 skipped."""
    retour = client.get(_chemin(_retour_de_franceconnect(client, personne["nir"])))

    assert retour.status_code == 302
    assert urlsplit(retour.location).path == "/compte/conditions"


@pytest.mark.usefixtures("franceconnect")
def test_un_assure_ne_a_l_etranger_est_reconnu(client: FlaskClient) -> None:
    """Born in Algeria (NIR département 99, country 352): no birthplace, still matched."""
    personne = client.post(
        "/_test/assures", json={"nir": "1631299352017", "sexe": "1", "date_naissance": "1963-12-05"}
    ).get_json()
    assert personne["nir"] == "1631299352017", personne

    retour = client.get(_chemin(_retour_de_franceconnect(client, personne["nir"])))

    assert urlsplit(retour.location).path == "/compte/conditions"


@pytest.mark.usefixtures("franceconnect")
def test_une_identite_inconnue_a_son_message(client: FlaskClient) -> None:
    """FranceConnect's demo identity matches no insured person."""
    retour = client.get(_chemin(_retour_de_franceconnect(client, "test")))

    assert IDENTITE_INCONNUE in _ecran_4(client, retour)


@pytest.mark.usefixtures("franceconnect")
def test_une_identite_ambigue_a_son_message(client: FlaskClient, personne: dict[str, Any]) -> None:
    """Two persons with the same identité pivot (same commune, another order number)."""
    jumeau = {
        cle: personne[cle]
        for cle in ("nom", "prenoms", "sexe", "date_naissance", "code_postal", "regime")
    }
    ordre = (int(personne["nir"][10:13]) % 998) + 1
    jumeau["nir"] = f"{personne['nir'][:10]}{ordre:03d}"
    assert client.post("/_test/assures", json=jumeau).status_code == 201

    retour = client.get(_chemin(_retour_de_franceconnect(client, personne["nir"])))

    page = _ecran_4(client, retour)
    assert IDENTITE_AMBIGUE in page
    assert IDENTITE_INCONNUE not in page


@pytest.mark.usefixtures("franceconnect")
@pytest.mark.parametrize(("decision", "message"), [("refuser", REFUS)])
def test_un_consentement_refuse_revient_a_l_ecran_4(
    client: FlaskClient, personne: dict[str, Any], decision: str, message: str
) -> None:
    """Refuser: back to screen 4 with its explanation."""
    retour = client.get(_chemin(_retour_de_franceconnect(client, personne["nir"], decision)))

    assert message in _ecran_4(client, retour)


@pytest.mark.usefixtures("franceconnect")
def test_une_annulation_revient_a_l_ecran_4(client: FlaskClient) -> None:
    """Annuler at the provider choice: back to screen 4, which says so."""
    assert client.get(_chemin(_cliquer_franceconnect(client))).status_code == 200
    annulation = client.get("/franceconnect/annuler")

    assert ANNULATION in _ecran_4(client, client.get(_chemin(annulation.location)))


@pytest.mark.usefixtures("franceconnect")
@pytest.mark.parametrize("etat", ["autre-etat", None])
def test_un_retour_sans_le_bon_state_est_refuse(
    client: FlaskClient, personne: dict[str, Any], etat: str | None
) -> None:
    """A return whose state is not the one sent (or has none) logs nobody in."""
    retour = _parametres(_retour_de_franceconnect(client, personne["nir"]))
    retour.pop("state")
    if etat is not None:
        retour["state"] = etat

    assert EXPIRE in _ecran_4(client, client.get(f"/franceconnect/retour?{urlencode(retour)}"))


@pytest.mark.usefixtures("franceconnect")
def test_un_id_token_d_un_autre_nonce_est_refuse(
    client: FlaskClient, personne: dict[str, Any]
) -> None:
    """An id_token whose nonce is not the one ameli sent is refused."""
    url = _retour_de_franceconnect(client, personne["nir"])
    with client.session_transaction() as etat:
        etat["franceconnect_attente"] = {
            **etat["franceconnect_attente"],
            "nonce": "un-autre-nonce-que-celui-envoye",
        }

    assert ECHEC in _ecran_4(client, client.get(_chemin(url)))


@pytest.mark.usefixtures("franceconnect")
def test_les_regles_d_eligibilite_s_appliquent(client: FlaskClient) -> None:
    """A person of a non-partner régime identified by FranceConnect is refused."""
    personne = client.post("/_test/assures", json={"regime": "MGEN"}).get_json()

    retour = client.get(_chemin(_retour_de_franceconnect(client, personne["nir"])))

    assert retour.status_code == 403
    assert "MGEN" in _page(retour)


def _compte_actif(app: Flask, personne: dict[str, Any], actif: bool = True) -> None:
    with app.app_context():
        coordonnees = {
            "portable": "",
            "fixe": "",
            "consentements": {
                "consent_email": False,
                "consent_portable_tel": False,
                "consent_portable_sms": False,
                "consent_fixe_tel": False,
            },
        }
        assert registre.creer_compte(personne["nir"], "empreinte", "a@exemple.fr", coordonnees)
        if actif:
            registre.activer_compte(personne["nir"])


@pytest.mark.usefixtures("franceconnect")
def test_un_compte_en_attente_d_activation_revient_a_l_ecran_4_avec_un_lien_de_connexion(
    app: Flask, client: FlaskClient, personne: dict[str, Any]
) -> None:
    """FranceConnect names a person whose account waits for its email link: screen 4 says
    the account exists and offers to log in, as it does for a typed identity."""
    _compte_actif(app, personne, actif=False)
    retour = client.get(_chemin(_retour_de_franceconnect(client, personne["nir"])))
    assert _ecran_4(client, retour) == (CREATION.compte_existant_et_lien)


@pytest.mark.usefixtures("franceconnect")
def test_un_compte_actif_est_connecte_puis_deconnecte_par_franceconnect(
    app: Flask, client: FlaskClient, personne: dict[str, Any]
) -> None:
    """Logged in by FranceConnect; « Me déconnecter » goes through session/end and back."""
    _compte_actif(app, personne)
    connecte = client.get(_chemin(_retour_de_franceconnect(client, personne["nir"])))
    assert urlsplit(connecte.location).path == "/compte/espace"
    espace = _page(client.get("/compte/espace"))
    assert 'action="/franceconnect/deconnexion"' in espace

    depart = client.post("/franceconnect/deconnexion")

    fin = urlsplit(depart.location)
    assert fin.path == "/franceconnect/api/v2/session/end"
    demande = _parametres(depart.location)
    assert (
        demande["post_logout_redirect_uri"] == "http://localhost/franceconnect/deconnexion/retour"
    )
    assert demande["id_token_hint"]
    retour = client.get(_chemin(depart.location))
    assert retour.status_code == 302
    assert _parametres(retour.location) == {"state": demande["state"]}
    page = client.get(_chemin(retour.location))
    assert DECONNEXION_FRANCECONNECT.message in _page(page)
    assert client.get("/compte/espace").status_code == 302  # logged out of ameli too


@pytest.mark.usefixtures("franceconnect")
def test_un_retour_de_deconnexion_sans_le_bon_state_le_dit(client: FlaskClient) -> None:
    """Without the state ameli sent, ameli cannot say FranceConnect logged the person out."""
    page = _page(client.get("/franceconnect/deconnexion/retour?state=invente"))

    assert DECONNEXION_FRANCECONNECT.session_non_confirmee in page


def test_franceconnect_injoignable_est_annonce(app: Flask, client: FlaskClient) -> None:
    """No FranceConnect at the configured address: back to screen 4 with a message."""
    app.config["FRANCECONNECT_URL"] = "http://127.0.0.1:9/franceconnect"

    assert INDISPONIBLE in _ecran_4(client, client.post("/franceconnect/connexion"))


def test_l_ecran_4_peut_mener_a_un_franceconnect_ailleurs(
    client: FlaskClient, franceconnect: str
) -> None:
    """Browsers check `form-action` on a form's redirections: FranceConnect's origin is listed."""
    origine = franceconnect.removesuffix("/franceconnect")

    politique = client.get("/compte/creation").headers["Content-Security-Policy"]

    assert f"form-action 'self' {origine}" in politique
    assert "script-src 'self'" in politique
