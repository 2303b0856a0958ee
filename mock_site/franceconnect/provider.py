"""The mock FranceConnect identity provider: an OpenID Connect authorization server (Authlib).

Authorization code flow only, as FranceConnect offers it to services: the client
authenticates at the token endpoint with its secret (`client_secret_post` or
`client_secret_basic`), a code is single use and expires after a minute, PKCE is accepted
but not required, the id_token is signed RS256 with a key published at the JWKS endpoint,
and the userinfo endpoint wants the access token.

Codes, access tokens and the signing key live in the mock's SQLite file, like everything
else, so several server processes sharing that file agree with each other.
"""

from __future__ import annotations

import hmac
import json
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Request, TokenMixin, grants
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import AuthorizationCodeMixin, UserInfo, UserInfoEndpoint
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, current_app, url_for
from joserfc.jwk import RSAKey

from mock_site import store
from mock_site.franceconnect import identites, reglages
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

DUREE_CODE_S = 60
DUREE_JETON_S = 60
ALGORITHME = "RS256"
# Parameters of the authorization request that are kept between its screens.
PARAMETRES_DEMANDE = ("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
                      "code_challenge", "code_challenge_method", "prompt", "acr_values")
LONGUEUR_MAX_PARAMETRE = 1024
# What RFC 6749 allows in an error description: printable ASCII but '"' and '\\'.
_CARACTERES_PERMIS = re.compile(r"[\x20\x21\x23-\x5B\x5D-\x7E]*")


@dataclass(frozen=True)
class ClientFranceConnect(ClientMixin):  # type: ignore[misc]
    """A service registered at FranceConnect (the mock has one: ameli.fr)."""

    client_id: str
    client_secret: str
    nom: str
    chemin_retour: str
    client_metadata: dict[str, Any] = field(default_factory=dict)

    def get_client_id(self) -> str:
        """The client's id."""
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        """None: the request must name its redirect URI."""
        return None

    def get_allowed_scope(self, scope: str) -> str:
        """The requested scopes the provider knows of."""
        return " ".join(s for s in (scope or "").split() if s in identites.SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        """ameli's callback path, on whatever host and port the mock runs."""
        # The mock starts on free ports and any host, so the path is what is registered.
        parties = urlsplit(redirect_uri)
        return (parties.scheme in ("http", "https") and bool(parties.netloc)
                and parties.path == self.chemin_retour and not parties.fragment)

    def check_client_secret(self, client_secret: str) -> bool:
        """Constant-time comparison with the registered secret."""
        return hmac.compare_digest(client_secret.encode(), self.client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        """The secret, in the body or in Basic authentication, at the token endpoint."""
        return endpoint != "token" or method in ("client_secret_post", "client_secret_basic")

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
        chemin_retour=url_for("franceconnect.retour"),
    )


def client_par_id(client_id: str | None) -> ClientFranceConnect | None:
    """The registered client with that id."""
    client = client_ameli()
    return client if client_id == client.client_id else None


def cle_de_signature() -> RSAKey:
    """The provider's RS256 key, created on first use and kept in the database."""
    row = store.db().execute("SELECT jwk FROM fc_cle WHERE id = 1").fetchone()
    if row is None:
        nouvelle = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": ALGORITHME})
        nouvelle.ensure_kid()
        texte = json.dumps(nouvelle.as_dict(private=True))
        _garder_cle(texte, nouvelle)
        with store.transaction() as connection:
            # Another process may have stored its key first: keep whichever came first.
            connection.execute("INSERT OR IGNORE INTO fc_cle (id, jwk) VALUES (1, ?)", (texte,))
        row = store.db().execute("SELECT jwk FROM fc_cle WHERE id = 1").fetchone()
    texte = row["jwk"]
    cle = _CLES_IMPORTEES.get(texte)
    if cle is None:
        cle = _garder_cle(texte, RSAKey.import_key(json.loads(texte)))
    return cle


# Importing a private RSA key checks its consistency, which takes a good part of a second:
# keys are kept imported, by their stored text (a few, since tests create many databases).
_CLES_IMPORTEES: dict[str, RSAKey] = {}
_CLES_GARDEES_MAX = 8


def _garder_cle(texte: str, cle: RSAKey) -> RSAKey:
    if len(_CLES_IMPORTEES) >= _CLES_GARDEES_MAX:
        _CLES_IMPORTEES.clear()
    _CLES_IMPORTEES[texte] = cle
    return cle


def jwks() -> dict[str, Any]:
    """The public keys that verify id_tokens."""
    return {"keys": [cle_de_signature().as_dict(private=False)]}


def enregistrer_jeton(jeton: dict[str, Any], demande: OAuth2Request) -> None:
    """Store an access token issued by the token endpoint."""
    code: CodeAutorisation | None = demande.authorization_code
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO fc_jetons (access_token, client_id, identifiant, scope, code, emis_le, "
            "expire_dans) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (jeton["access_token"], demande.client.get_client_id(), demande.user.identifiant,
             jeton.get("scope", ""), code.code if code else None, int(time.time()),
             int(jeton.get("expires_in", DUREE_JETON_S))),
        )


class GrantCode(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    """The authorization code grant, with codes kept in the database and used once."""

    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]  # noqa: RUF012

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        """Store a new code with what the id_token will need."""
        donnees = request.payload.data
        identite: Identite = request.user
        with store.transaction() as connection:
            connection.execute(
                "INSERT INTO fc_codes (code, client_id, redirect_uri, scope, identifiant, nonce, "
                "code_challenge, code_challenge_method, auth_time) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (code, request.client.get_client_id(), request.payload.redirect_uri,
                 request.scope, identite.identifiant, donnees.get("nonce"),
                 donnees.get("code_challenge"), donnees.get("code_challenge_method"),
                 int(time.time())),
            )

    def query_authorization_code(self, code: str,
                                 client: ClientFranceConnect) -> CodeAutorisation | None:
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
            code=row["code"], client_id=row["client_id"], redirect_uri=row["redirect_uri"],
            scope=row["scope"], identifiant=row["identifiant"], nonce=row["nonce"],
            code_challenge=row["code_challenge"],
            code_challenge_method=row["code_challenge_method"], auth_time=row["auth_time"],
        )

    def delete_authorization_code(self, authorization_code: CodeAutorisation) -> None:
        """Nothing to do: the code was marked used when taken, and is kept to spot replays."""

    def authenticate_user(self, authorization_code: CodeAutorisation) -> Identite | None:
        """The person who logged in when the code was issued."""
        return identites.identite(authorization_code.identifiant)


class OpenIDFranceConnect(OpenIDCode):  # type: ignore[misc]
    """The OpenID Connect part: nonce required and never reused, RS256 id_token."""

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        """A nonce already seen with this client is a replayed request."""
        row = store.db().execute(
            "SELECT 1 FROM fc_codes WHERE client_id = ? AND nonce = ?",
            (request.payload.client_id, nonce),
        ).fetchone()
        return row is not None

    def resolve_client_private_key(self, client: ClientFranceConnect) -> RSAKey:
        """The provider's signing key."""
        return cle_de_signature()

    def get_client_algorithm(self, client: ClientFranceConnect) -> str:
        """RS256."""
        return ALGORITHME

    def get_encode_header(self, client: ClientFranceConnect) -> dict[str, str]:
        """The header names the key, so the JWKS can hold several."""
        return {"alg": ALGORITHME, "kid": str(cle_de_signature().kid)}

    def get_client_claims(self, client: ClientFranceConnect) -> dict[str, Any]:
        """Issuer, audience and a one-minute lifetime."""
        maintenant = int(time.time())
        return {"iss": reglages.emetteur(), "aud": client.get_client_id(),
                "iat": maintenant, "exp": maintenant + DUREE_JETON_S}

    def generate_user_info(self, user: Identite, scope: str) -> UserInfo:
        """The id_token carries the subject only; the identity comes from userinfo."""
        return UserInfo(sub=identites.sujet(user, reglages.client_id()))


class InfosUtilisateur(UserInfoEndpoint):  # type: ignore[misc]
    """The userinfo endpoint: the identity's claims for the token's scope."""

    def generate_user_info(self, user: Identite, scope: str) -> UserInfo:
        """`sub` plus each claim the scope asked for."""
        return UserInfo(sub=identites.sujet(user, reglages.client_id()), **user.claims(scope))

    def get_issuer(self) -> str:
        """The provider's issuer."""
        return reglages.emetteur()


class ValidateurJeton(BearerTokenValidator):  # type: ignore[misc]
    """Bearer access tokens, looked up in the database."""

    def authenticate_token(self, token_string: str) -> JetonAcces | None:
        """The stored token with that value."""
        if not token_string.isascii() or len(token_string) > LONGUEUR_MAX_PARAMETRE:
            return None  # never one of ours, and not worth a query
        row = store.db().execute("SELECT * FROM fc_jetons WHERE access_token = ?",
                                 (token_string,)).fetchone()
        if row is None:
            return None
        return JetonAcces(
            access_token=row["access_token"], client_id=row["client_id"],
            identifiant=row["identifiant"], scope=row["scope"], emis_le=row["emis_le"],
            expire_dans=row["expire_dans"], revoque=bool(row["revoque"]),
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
    if any(len(valeur) > LONGUEUR_MAX_PARAMETRE or not _CARACTERES_PERMIS.fullmatch(valeur)
           for valeur in gardes.values()):
        return None
    return gardes


def metadonnees() -> dict[str, Any]:
    """The discovery document (OpenID Connect Discovery 1.0)."""
    def adresse(endpoint: str) -> str:
        return reglages.emetteur() + url_for(endpoint).removeprefix(reglages.PREFIXE)

    return {
        "issuer": reglages.emetteur(),
        "authorization_endpoint": adresse("fournisseur_fc.autoriser"),
        "token_endpoint": adresse("fournisseur_fc.jeton"),
        "userinfo_endpoint": adresse("fournisseur_fc.infos_utilisateur"),
        "jwks_uri": adresse("fournisseur_fc.cles"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": [ALGORITHME],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "code_challenge_methods_supported": ["S256", "plain"],
        "scopes_supported": list(identites.SCOPES),
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", "acr", "amr",
                             "auth_time", "at_hash", *identites.DONNEES],
        "acr_values_supported": [identites.ACR],
        "claims_parameter_supported": False,
        "request_parameter_supported": False,
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
    app.config.setdefault("OAUTH2_SCOPES_SUPPORTED", list(identites.SCOPES))
    instance = ServeurFranceConnect(query_client=client_par_id, save_token=enregistrer_jeton)
    instance.init_app(app)
    instance.register_grant(GrantCode, [CodeChallenge(required=False),
                                        OpenIDFranceConnect(require_nonce=True)])
    protecteur = ResourceProtector()
    protecteur.register_token_validator(ValidateurJeton())
    instance.register_endpoint(InfosUtilisateur(resource_protector=protecteur))
    app.extensions["franceconnect"] = instance
