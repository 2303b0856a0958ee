"""The mock FranceConnect identity provider: FranceConnect v2 (fcp-low) over Authlib.

Authorization code flow only, as FranceConnect offers it to services: FranceConnect's checks
of the authorization request come first (`controles`), the client authenticates at the token
endpoint with its secret in the body (`client_secret_post`), a code is single use and lives
30 seconds, the access token 60. The id_token and the userinfo answer (`application/jwt`) are
signed with the client's algorithm: ES256 by default, RS256, or HS256 with the client secret;
the public keys are at the JWKS endpoint. `session/end` logs out and sends the browser back to
a registered post-logout URI with the service's `state`.

Codes, access tokens and the signing keys live in the mock's SQLite file, like everything
else, so several server processes sharing that file agree with each other.
"""

from __future__ import annotations

import base64
import functools
import hmac
import json
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Request, TokenMixin, grants
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenValidator, InvalidTokenError
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import AuthorizationCodeMixin, UserInfo, UserInfoEndpoint
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, current_app, url_for
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, OctKey, RSAKey

from mock_site import store
from mock_site.franceconnect import controles, identites, reglages
from mock_site.franceconnect.identites import Identite

SCHEMA = """
CREATE TABLE IF NOT EXISTS fc_codes (
    code TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    scope TEXT NOT NULL,
    identifiant TEXT NOT NULL,
    nonce TEXT,
    code_challenge TEXT,
    code_challenge_method TEXT,
    auth_time INTEGER NOT NULL,
    utilise INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS fc_codes_nonce ON fc_codes (client_id, nonce);
CREATE TABLE IF NOT EXISTS fc_jetons (
    access_token TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    identifiant TEXT NOT NULL,
    scope TEXT NOT NULL,
    code TEXT,
    emis_le INTEGER NOT NULL,
    expire_dans INTEGER NOT NULL,
    revoque INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS fc_cle (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    jwk TEXT NOT NULL
);
"""

# fcp-low's oidc-provider `ttl`: AuthorizationCode 30, AccessToken 60, IdToken 60.
DUREE_CODE_S = 30
DUREE_JETON_S = 60
# Parameters of the authorization request that are kept between its screens.
PARAMETRES_DEMANDE = (
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
    "prompt",
    "acr_values",
    "ui_locales",
    "idp_hint",
)
LONGUEUR_MAX_PARAMETRE = 1024
# What RFC 6749 allows in an error description: printable ASCII but '"' and '\\'.
_CARACTERES_PERMIS = re.compile(r"[\x20\x21\x23-\x5B\x5D-\x7E]*")


@dataclass(frozen=True)
class ClientFranceConnect(ClientMixin):  # type: ignore[misc]
    """A service registered at FranceConnect, with its URIs and signing algorithm."""

    client_id: str
    client_secret: str
    nom: str
    redirect_uris: tuple[str, ...]
    post_logout_redirect_uris: tuple[str, ...]
    algorithme: str = reglages.ALGORITHME_PAR_DEFAUT
    client_metadata: dict[str, Any] = field(default_factory=dict)

    def get_client_id(self) -> str:
        """The client's id."""
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        """None: the request must name its redirect URI."""
        return None

    def get_allowed_scope(self, scope: str) -> str:
        """The requested scopes FranceConnect knows of (others are ignored, as there)."""
        return " ".join(s for s in (scope or "").split() if s in identites.SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        """One of the registered redirect URIs, exactly."""
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        """Constant-time comparison with the registered secret."""
        return hmac.compare_digest(client_secret.encode(), self.client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        """The secret in the request body at the token endpoint, as FranceConnect wants."""
        return endpoint != "token" or method == "client_secret_post"

    def check_response_type(self, response_type: str) -> bool:
        """Only the authorization code flow."""
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        """Only authorization codes (no refresh tokens)."""
        return grant_type == "authorization_code"


@dataclass(frozen=True)
class CodeAutorisation(AuthorizationCodeMixin):  # type: ignore[misc]
    """An authorization code, as stored."""

    code: str
    client_id: str
    redirect_uri: str
    scope: str
    identifiant: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int

    def get_redirect_uri(self) -> str:
        """The redirect URI of the authorization request."""
        return self.redirect_uri

    def get_scope(self) -> str:
        """The granted scope."""
        return self.scope

    def get_nonce(self) -> str | None:
        """The nonce of the authorization request, copied into the id_token."""
        return self.nonce

    def get_auth_time(self) -> int:
        """When the person logged in."""
        return self.auth_time

    def get_acr(self) -> str:
        """FranceConnect's level of assurance."""
        return identites.ACR

    def get_amr(self) -> list[str]:
        """A password was used."""
        return ["pwd"]


@dataclass(frozen=True)
class JetonAcces(TokenMixin):  # type: ignore[misc]
    """An access token for the userinfo endpoint."""

    access_token: str
    client_id: str
    identifiant: str
    scope: str
    emis_le: int
    expire_dans: int
    revoque: bool

    def check_client(self, client: ClientMixin) -> bool:
        """The token belongs to that client."""
        return bool(client.get_client_id() == self.client_id)

    def get_scope(self) -> str:
        """The scope granted with the token."""
        return self.scope

    def get_expires_in(self) -> int:
        """Lifetime in seconds."""
        return self.expire_dans

    def is_expired(self) -> bool:
        """Past its lifetime."""
        return time.time() > self.emis_le + self.expire_dans

    def is_revoked(self) -> bool:
        """Revoked because its code was presented twice."""
        return self.revoque

    def get_user(self) -> Identite | None:
        """The person the token speaks for."""
        return identites.identite(self.identifiant)

    def get_client(self) -> ClientFranceConnect | None:
        """The client the token was issued to."""
        return client_par_id(self.client_id)


def client_ameli() -> ClientFranceConnect:
    """ameli.fr, the service registered at the mock FranceConnect."""
    return ClientFranceConnect(
        client_id=reglages.client_id(),
        client_secret=reglages.client_secret(),
        nom=reglages.NOM_DU_SERVICE,
        redirect_uris=reglages.redirect_uris(),
        post_logout_redirect_uris=reglages.post_logout_redirect_uris(),
        algorithme=reglages.algorithme(),
    )


def client_par_id(client_id: str | None) -> ClientFranceConnect | None:
    """The registered client with that id."""
    if not client_id:
        return None
    ameli = client_ameli()
    if client_id == ameli.client_id:
        return ameli
    autre = reglages.clients_supplementaires().get(client_id)
    if autre is None:
        return None
    return ClientFranceConnect(
        client_id=client_id,
        client_secret=str(autre["client_secret"]),
        nom=str(autre.get("nom", client_id)),
        redirect_uris=tuple(autre.get("redirect_uris", ())),
        post_logout_redirect_uris=tuple(autre.get("post_logout_redirect_uris", ())),
        algorithme=str(autre.get("algorithme", reglages.ALGORITHME_PAR_DEFAUT)),
    )


def redirect_uris_du_client(client_id: str) -> tuple[str, ...] | None:
    """A client's registered redirect URIs, None if FranceConnect does not know it."""
    client = client_par_id(client_id)
    return client.redirect_uris if client is not None else None


# Keys -----------------------------------------------------------------------------------------


@functools.cache
def _nouvelles_cles() -> KeySet:
    """The key set this process offers to a database that has none yet: one per process, since
    tests set up many databases in one process and an RSA key takes a tenth of a second to make
    and as much to import; the database keeps the first set stored (`cles_privees`)."""
    courbe = ECKey.generate_key("P-256", parameters={"use": "sig", "alg": "ES256"})
    rsa = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"})
    courbe.ensure_kid()
    rsa.ensure_kid()
    return KeySet([courbe, rsa])


def cles_privees() -> KeySet:
    """The provider's ES256 and RS256 keys, created on first use and kept in the database."""
    row = store.db().execute("SELECT jwk FROM fc_cle WHERE id = 1").fetchone()
    if row is None or "keys" not in json.loads(row["jwk"]):
        texte = json.dumps(_nouvelles_cles().as_dict(private=True))
        with store.transaction() as connection:
            # Another process may have stored its keys first: keep whichever came first. A
            # single RSA key left by an older version of the mock is replaced.
            connection.execute("DELETE FROM fc_cle WHERE id = 1 AND jwk NOT LIKE '%\"keys\"%'")
            connection.execute("INSERT OR IGNORE INTO fc_cle (id, jwk) VALUES (1, ?)", (texte,))
        row = store.db().execute("SELECT jwk FROM fc_cle WHERE id = 1").fetchone()
    texte = row["jwk"]
    cles = _CLES_IMPORTEES.get(texte)
    if cles is None:
        if len(_CLES_IMPORTEES) >= _CLES_GARDEES_MAX:
            _CLES_IMPORTEES.clear()
        cles = _CLES_IMPORTEES[texte] = KeySet.import_key_set(json.loads(texte))
    return cles


# Importing a private RSA key checks its consistency, which takes a good part of a second:
# keys are kept imported, by their stored text (a few, since tests create many databases).
_CLES_IMPORTEES: dict[str, KeySet] = {}
_CLES_GARDEES_MAX = 8


def _cle_publique(algorithme: str) -> ECKey | RSAKey:
    for cle in cles_privees().keys:
        if cle.alg == algorithme and isinstance(cle, ECKey | RSAKey):
            return cle
    raise LookupError(algorithme)


def cle_du_client(client: ClientFranceConnect) -> ECKey | RSAKey | OctKey:
    """The key that signs this client's tokens: the provider's, or its secret for HS256."""
    if client.algorithme == "HS256":
        return OctKey.import_key(client.client_secret)
    return _cle_publique(client.algorithme)


def entete(client: ClientFranceConnect) -> dict[str, str]:
    """The JWS header: the algorithm, and the key's id for asymmetric keys."""
    if client.algorithme == "HS256":
        return {"alg": "HS256", "typ": "JWT"}
    return {
        "alg": client.algorithme,
        "typ": "JWT",
        "kid": str(_cle_publique(client.algorithme).kid),
    }


def signer(claims: dict[str, Any], client: ClientFranceConnect) -> str:
    """A JWT of these claims, signed for this client."""
    return jwt.encode(entete(client), claims, cle_du_client(client), [client.algorithme])


def jwks() -> dict[str, Any]:
    """The public keys that verify the id_tokens and userinfo answers."""
    return dict(cles_privees().as_dict(private=False))


def enregistrer_jeton(jeton: dict[str, Any], demande: OAuth2Request) -> None:
    """Store an access token issued by the token endpoint."""
    code: CodeAutorisation | None = demande.authorization_code
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO fc_jetons (access_token, client_id, identifiant, scope, code, emis_le, "
            "expire_dans) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                jeton["access_token"],
                demande.client.get_client_id(),
                demande.user.identifiant,
                jeton.get("scope", ""),
                code.code if code else None,
                int(time.time()),
                int(jeton.get("expires_in", DUREE_JETON_S)),
            ),
        )


class GrantCode(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    """The authorization code grant, with codes kept in the database and used once."""

    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_post"]  # noqa: RUF012

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        """Store a new code with what the id_token will need."""
        donnees = request.payload.data
        identite: Identite = request.user
        with store.transaction() as connection:
            connection.execute(
                "INSERT INTO fc_codes (code, client_id, redirect_uri, scope, identifiant, nonce, "
                "code_challenge, code_challenge_method, auth_time) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    code,
                    request.client.get_client_id(),
                    request.payload.redirect_uri,
                    request.scope,
                    identite.identifiant,
                    donnees.get("nonce"),
                    donnees.get("code_challenge"),
                    donnees.get("code_challenge_method"),
                    int(time.time()),
                ),
            )

    def query_authorization_code(
        self, code: str, client: ClientFranceConnect
    ) -> CodeAutorisation | None:
        """Take a code: it is marked used at once, so it can never be exchanged twice.

        A code presented again revokes the tokens issued for it (RFC 6749, section 4.1.2):
        whoever replays it may have stolen it.
        """
        with store.transaction() as connection:
            row = connection.execute(
                "UPDATE fc_codes SET utilise = 1 WHERE code = ? AND client_id = ? "
                "AND utilise = 0 RETURNING *",
                (code, client.get_client_id()),
            ).fetchone()
            if row is None:
                connection.execute("UPDATE fc_jetons SET revoque = 1 WHERE code = ?", (code,))
                return None
        if time.time() > row["auth_time"] + DUREE_CODE_S:
            return None
        return CodeAutorisation(
            code=row["code"],
            client_id=row["client_id"],
            redirect_uri=row["redirect_uri"],
            scope=row["scope"],
            identifiant=row["identifiant"],
            nonce=row["nonce"],
            code_challenge=row["code_challenge"],
            code_challenge_method=row["code_challenge_method"],
            auth_time=row["auth_time"],
        )

    def delete_authorization_code(self, authorization_code: CodeAutorisation) -> None:
        """Nothing to do: the code was marked used when taken, and is kept to spot replays."""

    def authenticate_user(self, authorization_code: CodeAutorisation) -> Identite | None:
        """The person who logged in when the code was issued."""
        return identites.identite(authorization_code.identifiant)


class OpenIDFranceConnect(OpenIDCode):  # type: ignore[misc]
    """The OpenID Connect part: the id_token signed with the client's algorithm."""

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        """Never: FranceConnect checks the nonce's length, not whether it was seen before."""
        return False

    def resolve_client_private_key(self, client: ClientFranceConnect) -> ECKey | RSAKey | OctKey:
        """The key that signs this client's id_tokens."""
        return cle_du_client(client)

    def get_client_algorithm(self, client: ClientFranceConnect) -> str:
        """The client's algorithm (ES256 by default)."""
        return client.algorithme

    def get_encode_header(self, client: ClientFranceConnect) -> dict[str, str]:
        """The header names the key, so the JWKS can hold several."""
        return entete(client)

    def get_client_claims(self, client: ClientFranceConnect) -> dict[str, Any]:
        """Issuer, audience and a one-minute lifetime."""
        maintenant = int(time.time())
        return {
            "iss": reglages.emetteur(),
            "aud": client.get_client_id(),
            "iat": maintenant,
            "exp": maintenant + DUREE_JETON_S,
        }

    def get_authorization_code_claims(self, authorization_code: CodeAutorisation) -> dict[str, Any]:
        """nonce, auth_time, acr, amr, and the subject as this client knows the person."""
        claims: dict[str, Any] = super().get_authorization_code_claims(authorization_code)
        identite = identites.identite(authorization_code.identifiant)
        if identite is not None:
            claims["sub"] = identites.sujet(identite, authorization_code.client_id)
        return claims

    def generate_user_info(self, user: Identite, scope: str) -> UserInfo:
        """Nothing more: the subject comes with the code's claims, the identity from userinfo."""
        return UserInfo()


class InfosUtilisateur(UserInfoEndpoint):  # type: ignore[misc]
    """The userinfo endpoint: a JWT of the identity's claims for the token's scope."""

    def __call__(self, request: OAuth2Request) -> tuple[int, str, list[tuple[str, str]]]:
        """`sub`, `iss`, `aud` and each claim of the scope, signed (`application/jwt`)."""
        token: JetonAcces = self.resource_protector.acquire_token("openid")
        client = token.get_client()
        user = token.get_user()
        if client is None or user is None:
            # The service or the person is gone since the token was issued.
            raise InvalidTokenError()
        claims = {
            "sub": identites.sujet(user, client.client_id),
            **user.claims(token.scope),
            "iss": reglages.emetteur(),
            "aud": client.client_id,
        }
        return 200, signer(claims, client), [("Content-Type", "application/jwt")]


class ValidateurJeton(BearerTokenValidator):  # type: ignore[misc]
    """Bearer access tokens, looked up in the database."""

    def authenticate_token(self, token_string: str) -> JetonAcces | None:
        """The stored token with that value."""
        if not token_string.isascii() or len(token_string) > LONGUEUR_MAX_PARAMETRE:
            return None  # never one of ours, and not worth a query
        row = (
            store.db()
            .execute("SELECT * FROM fc_jetons WHERE access_token = ?", (token_string,))
            .fetchone()
        )
        if row is None:
            return None
        return JetonAcces(
            access_token=row["access_token"],
            client_id=row["client_id"],
            identifiant=row["identifiant"],
            scope=row["scope"],
            emis_le=row["emis_le"],
            expire_dans=row["expire_dans"],
            revoque=bool(row["revoque"]),
        )


class ServeurFranceConnect(AuthorizationServer):  # type: ignore[misc]
    """Authlib's Flask server, which also accepts a request rebuilt from the session.

    The authorization request arrives on the provider-choice screen; the person then logs in
    and consents on other screens, so the code is issued from the request kept in between.
    """

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        """The given OAuth2Request as is, else the current Flask request."""
        if isinstance(request, OAuth2Request):
            return request
        return super().create_oauth2_request(request)


def demande_enregistree(parametres: dict[str, str], uri: str) -> OAuth2Request:
    """An authorization request rebuilt from its kept parameters."""
    demande = OAuth2Request("GET", uri)
    demande.payload = BasicOAuth2Payload(dict(parametres))
    return demande


def parametres_a_garder(arguments: dict[str, str]) -> dict[str, str] | None:
    """The parameters of an authorization request worth keeping, or None if malformed.

    OAuth parameters are printable ASCII (a redirect URI is percent-encoded); Authlib quotes
    some of them in its error descriptions and refuses to build a description holding other
    characters, so anything else, or anything oversized, is refused here first.
    """
    gardes = {nom: arguments[nom] for nom in PARAMETRES_DEMANDE if nom in arguments}
    if any(
        len(valeur) > LONGUEUR_MAX_PARAMETRE or not _CARACTERES_PERMIS.fullmatch(valeur)
        for valeur in gardes.values()
    ):
        return None
    return gardes


def url_de_retour(redirect_uri: str, parametres: dict[str, str], fragment: bool = False) -> str:
    """The service's URI with the answer's parameters (and FranceConnect's `iss`, RFC 9207)."""
    valeurs = {**parametres, "iss": reglages.emetteur()}
    separateur = "#" if fragment else ("&" if "?" in redirect_uri else "?")
    return f"{redirect_uri}{separateur}{urlencode(valeurs)}"


def fin_de_session(arguments: dict[str, str]) -> str | controles.PageErreur:
    """`session/end`: where to send the browser back, or FranceConnect's error page.

    The `id_token_hint` must be an id_token this provider signed; the post-logout URI must be
    one the token's client registered, exactly; the service's `state` comes back with it.
    """
    indice = arguments.get("id_token_hint", "")
    adresse = arguments.get("post_logout_redirect_uri", "")
    if not indice or len(indice) > 4 * LONGUEUR_MAX_PARAMETRE:
        return controles.ERREUR_DECONNEXION
    try:
        audience = json.loads(_charge_utile(indice)).get("aud")
        client = client_par_id(audience if isinstance(audience, str) else None)
        if client is None:
            return controles.ERREUR_DECONNEXION
        decode = jwt.decode(indice, cle_du_client(client), algorithms=[client.algorithme])
    except (JoseError, ValueError, TypeError, AttributeError, IndexError):
        return controles.ERREUR_DECONNEXION
    if decode.claims.get("iss") != reglages.emetteur():
        return controles.ERREUR_DECONNEXION
    if adresse not in client.post_logout_redirect_uris:
        return controles.ERREUR_DECONNEXION
    etat = arguments.get("state")
    if not etat:
        return adresse
    return f"{adresse}{'&' if '?' in adresse else '?'}{urlencode({'state': etat})}"


def _charge_utile(jeton: str) -> str:
    """The JWT's payload, not verified (only to find whose token it is)."""
    morceau = jeton.split(".")[1]
    return base64.urlsafe_b64decode(morceau + "=" * (-len(morceau) % 4)).decode()


def metadonnees() -> dict[str, Any]:
    """The discovery document, with what FranceConnect v2 (fcp-low) lists."""

    def adresse(endpoint: str) -> str:
        chemin = url_for(endpoint).removeprefix(reglages.PREFIXE + reglages.PREFIXE_API)
        return reglages.emetteur() + chemin

    scopes = list(identites.SCOPES)
    return {
        "issuer": reglages.emetteur(),
        "authorization_endpoint": adresse("fournisseur_fc.autoriser"),
        "token_endpoint": adresse("fournisseur_fc.jeton"),
        "userinfo_endpoint": adresse("fournisseur_fc.infos_utilisateur"),
        "jwks_uri": adresse("fournisseur_fc.cles"),
        "end_session_endpoint": adresse("fournisseur_fc.fin_de_session"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": list(reglages.ALGORITHMES),
        "userinfo_signing_alg_values_supported": list(reglages.ALGORITHMES),
        "token_endpoint_auth_methods_supported": ["client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": scopes,
        "claims_supported": [
            "sub",
            "acr",
            "amr",
            "auth_time",
            "iss",
            *(nom for nom in identites.DONNEES),
        ],
        "acr_values_supported": [identites.ACR],
        "claims_parameter_supported": False,
        "request_parameter_supported": False,
        "authorization_response_iss_parameter_supported": True,
        "ui_locales_supported": ["fr-FR"],
    }


def serveur() -> ServeurFranceConnect:
    """The application's authorization server."""
    instance: ServeurFranceConnect = current_app.extensions["franceconnect"]
    return instance


def init_app(app: Flask) -> None:
    """Create the provider's tables and its Authlib server for an application."""
    # The mock serves plain HTTP on any host (a container's address, a LAN name); Authlib
    # accepts http only on loopback addresses unless this is set.
    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")
    store.creer_tables(app, SCHEMA)
    app.config.setdefault("OAUTH2_TOKEN_EXPIRES_IN", {"authorization_code": DUREE_JETON_S})
    instance = ServeurFranceConnect(query_client=client_par_id, save_token=enregistrer_jeton)
    instance.init_app(app)
    instance.register_grant(
        GrantCode, [CodeChallenge(required=False), OpenIDFranceConnect(require_nonce=True)]
    )
    protecteur = ResourceProtector()
    protecteur.register_token_validator(ValidateurJeton())
    instance.register_endpoint(InfosUtilisateur(resource_protector=protecteur))
    app.extensions["franceconnect"] = instance
