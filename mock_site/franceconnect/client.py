"""ameli's side of FranceConnect: an OpenID Connect relying party (Authlib's requests client).

`commencer_connexion` reads FranceConnect's discovery document, keeps a fresh `state`, `nonce`
and PKCE verifier in the session and returns the authorization URL to send the browser to
(scope `openid identite_pivot`, `acr_values=eidas1`, as a FranceConnect v2 service asks).
`terminer_connexion` handles the return: the `state` must be the one kept (and is forgotten at
once, so a return cannot be replayed), the code is exchanged at the token endpoint with the
client secret in the body, the id_token's signature (JWKS, or the secret for HS256), issuer,
audience, lifetime, `at_hash` and `nonce` are checked, and the identity is read from the
userinfo endpoint: a JWT whose signature, issuer, audience and subject are checked too.
`commencer_deconnexion` / `terminer_deconnexion` log out through FranceConnect's
`session/end` with the id_token, a fresh `state` that must come back unchanged.

Every call to FranceConnect (discovery, token, JWKS, userinfo) is a real HTTP request, even
when FranceConnect is this very server (`FRANCECONNECT_URL` unset): `python -m mock_site`
serves each request in its own thread, so the server can answer its own back-channel call
while the request that makes it waits. A single-threaded server (one synchronous gunicorn
worker) could not: the call would wait for itself until its timeout, and the person would read
that FranceConnect is unavailable. Give gunicorn `--threads` 2 or more, or several workers.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import urlencode

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from flask import session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, KeySetSerialization, OctKey

from mock_site.franceconnect import reglages

CLE_SESSION = "franceconnect_attente"
SCOPE = "openid identite_pivot"
ACR = "eidas1"
ALGORITHMES = ["ES256", "RS256", "HS256"]
CLE_DECONNEXION = "franceconnect_deconnexion"
DELAI_HTTP_S = 30  # generous: a loaded CI machine may answer its own call slowly
TOLERANCE_HORLOGE_S = 60
# What FranceConnect says when the person leaves before choosing (rather than refusing).
DESCRIPTION_ANNULATION = "user authentication aborted"

MESSAGE_ANNULATION = (
    "Vous avez annulé la connexion avec FranceConnect. Vous pouvez créer votre compte en "
    "remplissant le formulaire ci-dessous, ou réessayer avec FranceConnect."
)
MESSAGE_REFUS = (
    "Vous avez refusé la transmission de vos informations à ameli.fr : votre compte n'a pas "
    "été créé avec FranceConnect. Vous pouvez le créer en remplissant le formulaire ci-dessous."
)
MESSAGE_ECHEC = (
    "La connexion avec FranceConnect n'a pas abouti. Réessayez, ou créez votre compte en "
    "remplissant le formulaire ci-dessous."
)
MESSAGE_EXPIRE = (
    "Votre connexion avec FranceConnect a expiré ou n'est pas valide. Cliquez à nouveau sur "
    "« S’identifier avec FranceConnect »."
)
MESSAGE_INDISPONIBLE = (
    "FranceConnect est momentanément indisponible. Réessayez plus tard, ou créez votre compte "
    "en remplissant le formulaire ci-dessous."
)


class EchecFranceConnect(Exception):
    """The FranceConnect identification did not succeed; `message` is shown to the person."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(detail)
        self.message = message
        self.detail = detail


def _session_oauth(redirect_uri: str, jeton: dict[str, Any] | None = None) -> OAuth2Session:
    return OAuth2Session(
        client_id=reglages.client_id(),
        client_secret=reglages.client_secret(),
        token_endpoint_auth_method="client_secret_post",
        scope=SCOPE,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        token=jeton,
        default_timeout=DELAI_HTTP_S,
        # The access token lives a minute and is used at once; Authlib's default margin of
        # 60 s would count it as expired already.
        leeway=0,
    )


def _json(reponse: requests.Response, quoi: str) -> dict[str, Any]:
    if reponse.status_code != 200:
        raise EchecFranceConnect(MESSAGE_ECHEC, f"{quoi} : HTTP {reponse.status_code}")
    try:
        donnees = reponse.json()
    except ValueError:
        raise EchecFranceConnect(MESSAGE_ECHEC, f"{quoi} : réponse non JSON") from None
    if not isinstance(donnees, dict):
        raise EchecFranceConnect(MESSAGE_ECHEC, f"{quoi} : objet JSON attendu")
    return donnees


def decouvrir(emetteur: str) -> dict[str, Any]:
    """FranceConnect's discovery document, whose issuer must be the address asked."""
    adresse = f"{emetteur}/.well-known/openid-configuration"
    try:
        reponse = requests.get(adresse, timeout=DELAI_HTTP_S)
    except requests.RequestException as exc:
        raise EchecFranceConnect(MESSAGE_INDISPONIBLE, f"découverte : {exc}") from None
    metadonnees = _json(reponse, "découverte")
    if metadonnees.get("issuer") != emetteur:
        raise EchecFranceConnect(MESSAGE_ECHEC, "découverte : émetteur inattendu")
    for nom in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"):
        if not isinstance(metadonnees.get(nom), str):
            raise EchecFranceConnect(MESSAGE_ECHEC, f"découverte : « {nom} » manquant")
    return metadonnees


def commencer_connexion(url_retour: str) -> str:
    """Keep a new state, nonce and PKCE verifier; return FranceConnect's authorization URL."""
    metadonnees = decouvrir(reglages.emetteur())
    etat, nonce, verificateur = generate_token(32), generate_token(32), generate_token(64)
    with _session_oauth(url_retour) as oauth:
        url, _ = oauth.create_authorization_url(
            metadonnees["authorization_endpoint"],
            state=etat,
            nonce=nonce,
            code_verifier=verificateur,
            acr_values=ACR,
        )
    session[CLE_SESSION] = {
        "state": etat,
        "nonce": nonce,
        "code_verifier": verificateur,
        "redirect_uri": url_retour,
        "issuer": metadonnees["issuer"],
        "token_endpoint": metadonnees["token_endpoint"],
        "userinfo_endpoint": metadonnees["userinfo_endpoint"],
        "jwks_uri": metadonnees["jwks_uri"],
        "end_session_endpoint": str(metadonnees.get("end_session_endpoint", "")),
    }
    return str(url)


def _attente_valide(arguments: Mapping[str, str]) -> dict[str, str]:
    """The kept request, if the returned state is its own; it is forgotten in any case."""
    attente = session.pop(CLE_SESSION, None)
    if not isinstance(attente, dict):
        raise EchecFranceConnect(MESSAGE_EXPIRE, "retour sans connexion en cours")
    etat = arguments.get("state", "")
    if not etat or not hmac.compare_digest(etat.encode(), str(attente["state"]).encode()):
        raise EchecFranceConnect(MESSAGE_EXPIRE, "state différent de celui envoyé")
    return attente


def _erreur_retournee(arguments: Mapping[str, str]) -> EchecFranceConnect | None:
    erreur = arguments.get("error")
    if not erreur:
        return None
    description = arguments.get("error_description", "")
    if erreur == "access_denied":
        message = MESSAGE_ANNULATION if description == DESCRIPTION_ANNULATION else MESSAGE_REFUS
        return EchecFranceConnect(message, f"access_denied : {description}")
    return EchecFranceConnect(MESSAGE_ECHEC, f"erreur {erreur[:100]} : {description[:200]}")


def _cles_de_verification(cles: dict[str, Any]) -> KeySet:
    """FranceConnect's public keys, plus ameli's secret for tokens signed HS256."""
    jeu = KeySet.import_key_set(cast(KeySetSerialization, cles))
    secret = OctKey.import_key(reglages.client_secret(), {"alg": "HS256"})
    return KeySet([*jeu.keys, secret])


def _decoder(jeton: str, cles: dict[str, Any]) -> jwt.Token:
    """A JWT from FranceConnect, once its signature is right (else JoseError)."""
    return jwt.decode(jeton, _cles_de_verification(cles), algorithms=ALGORITHMES)


def verifier_id_token(
    jeton: Mapping[str, Any], cles: dict[str, Any], attente: Mapping[str, str]
) -> dict[str, Any]:
    """The id_token's claims once its signature, issuer, audience, dates and nonce are right."""
    id_token = jeton.get("id_token")
    if not isinstance(id_token, str):
        raise EchecFranceConnect(MESSAGE_ECHEC, "réponse du jeton sans id_token")
    try:
        decode = _decoder(id_token, cles)
        claims = CodeIDToken(
            decode.claims,
            decode.header,
            {
                "iss": {"essential": True, "value": attente["issuer"]},
                "aud": {"essential": True, "value": reglages.client_id()},
                "sub": {"essential": True},
            },
            {
                "nonce": attente["nonce"],
                "client_id": reglages.client_id(),
                "access_token": jeton.get("access_token"),
            },
        )
        claims.validate(leeway=TOLERANCE_HORLOGE_S)
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise EchecFranceConnect(MESSAGE_ECHEC, f"id_token refusé : {exc!r}") from None
    return dict(claims)


def verifier_userinfo(
    reponse: requests.Response, cles: dict[str, Any], attente: Mapping[str, str], sujet: str
) -> dict[str, Any]:
    """The identity of a userinfo answer: a JWT signed by FranceConnect, for ameli, on `sub`."""
    if reponse.status_code != 200:
        raise EchecFranceConnect(MESSAGE_ECHEC, f"userinfo : HTTP {reponse.status_code}")
    if reponse.headers.get("Content-Type", "").split(";")[0].strip() != "application/jwt":
        raise EchecFranceConnect(MESSAGE_ECHEC, "userinfo : application/jwt attendu")
    try:
        claims = dict(_decoder(reponse.text.strip(), cles).claims)
    except (JoseError, ValueError, TypeError) as exc:
        raise EchecFranceConnect(MESSAGE_ECHEC, f"userinfo refusé : {exc!r}") from None
    if claims.get("iss") != attente["issuer"] or claims.get("aud") != reglages.client_id():
        raise EchecFranceConnect(MESSAGE_ECHEC, "userinfo : émetteur ou audience inattendus")
    if claims.get("sub") != sujet:
        raise EchecFranceConnect(MESSAGE_ECHEC, "userinfo : sub différent de l'id_token")
    return claims


def terminer_connexion(arguments: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The identity FranceConnect sends back, and what logging out will need.

    The second value keeps the id_token and the `session/end` address; EchecFranceConnect
    says why there is no identity.
    """
    attente = _attente_valide(arguments)
    if (erreur := _erreur_retournee(arguments)) is not None:
        raise erreur
    code = arguments.get("code", "")
    if not code:
        raise EchecFranceConnect(MESSAGE_ECHEC, "retour sans code")
    with _session_oauth(attente["redirect_uri"]) as oauth:
        try:
            jeton = oauth.fetch_token(
                attente["token_endpoint"],
                code=code,
                grant_type="authorization_code",
                code_verifier=attente["code_verifier"],
            )
            cles = _json(oauth.get(attente["jwks_uri"], withhold_token=True), "JWKS")
            claims = verifier_id_token(jeton, cles, attente)
            identite = verifier_userinfo(
                oauth.get(attente["userinfo_endpoint"]), cles, attente, str(claims["sub"])
            )
        except OAuthError as exc:
            raise EchecFranceConnect(MESSAGE_ECHEC, f"jeton refusé : {exc.error}") from None
        except ValueError as exc:  # before RequestException: a bad JSON body is both
            raise EchecFranceConnect(MESSAGE_ECHEC, f"réponse illisible : {exc}") from None
        except requests.RequestException as exc:
            raise EchecFranceConnect(MESSAGE_INDISPONIBLE, f"échange : {exc}") from None
    return identite, {
        "id_token": str(jeton["id_token"]),
        "end_session_endpoint": attente["end_session_endpoint"],
    }


def commencer_deconnexion(session_fc: Mapping[str, str], url_retour: str) -> str | None:
    """FranceConnect's `session/end` URL for this login (a new state kept), or None."""
    adresse = session_fc.get("end_session_endpoint", "")
    id_token = session_fc.get("id_token", "")
    if not adresse or not id_token:
        return None
    etat = generate_token(32)
    session[CLE_DECONNEXION] = etat
    parametres = {"id_token_hint": id_token, "state": etat, "post_logout_redirect_uri": url_retour}
    return f"{adresse}?{urlencode(parametres)}"


def terminer_deconnexion(arguments: Mapping[str, str]) -> bool:
    """Whether FranceConnect sent back the state of the logout ameli asked for (kept once)."""
    attendu = session.pop(CLE_DECONNEXION, None)
    etat = arguments.get("state", "")
    return (
        isinstance(attendu, str)
        and bool(etat)
        and hmac.compare_digest(etat.encode(), attendu.encode())
    )
