"""FranceConnect v2's checks of an authorization request, and the answer to each failure.

Read from `france-connect/sources`: the request DTO of `core-fcp`
(`back/apps/core-fcp/src/dto/authorize-params.dto.ts`), the fcp-low `oidc-provider`
configuration (`allowedPrompt`: login, consent) and the scenarios of
`quality/fcp/cypress/integration/api/api-authorize.feature`. In FranceConnect's order:

1. the DTO: `client_id` (not empty), `acr_values`, `nonce` (22 characters or more), `state`,
   `redirect_uri` (a URL), `response_type`, `scope` present, `prompt` made of `login` and
   `consent` only → error page `Y030007`, HTTP 400;
2. an unknown client → error page `Y030106` (`invalid_client`), HTTP 500;
3. a redirect URI the client did not register (compared exactly) → error page `Y030118`
   (`invalid_redirect_uri`), HTTP 500 — never a redirection to that URI;
4. then the errors the service hears of at its (registered) redirect URI, HTTP 303: an empty
   or unknown `response_type`, a scope without `openid`.

No error page links back to the service: it may not be who it claims to be.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

LONGUEUR_MIN_NONCE = 22
PROMPTS_PERMIS = frozenset({"login", "consent"})
PARAMETRES_REQUIS = (
    "acr_values",
    "client_id",
    "nonce",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
)

MESSAGE_TECHNIQUE = (
    "Une erreur technique est survenue, fermez l’onglet de votre navigateur et reconnectez-vous."
)


@dataclass(frozen=True)
class PageErreur:
    """FranceConnect's technical error page: its code, message and HTTP status."""

    code: str
    message: str
    statut: int


@dataclass(frozen=True)
class RedirectionErreur:
    """An error sent back to the service's registered redirect URI."""

    error: str
    description: str
    fragment: bool = False


ERREUR_PARAMETRES = PageErreur("Y030007", MESSAGE_TECHNIQUE, 400)
CLIENT_INCONNU = PageErreur("Y030106", "invalid_client", 500)
REDIRECT_URI_INCONNUE = PageErreur("Y030118", "invalid_redirect_uri", 500)
# FranceConnect's END_SESSION_ERROR (oidc-provider's error code 13).
ERREUR_DECONNEXION = PageErreur("Y030013", MESSAGE_TECHNIQUE, 400)


def _est_une_url(valeur: str) -> bool:
    parties = urlsplit(valeur)
    return parties.scheme in ("http", "https") and bool(parties.netloc)


def erreur_de_parametres(arguments: Mapping[str, str]) -> bool:
    """True when the request fails FranceConnect's DTO (error Y030007)."""
    if any(nom not in arguments for nom in PARAMETRES_REQUIS):
        return True
    if not arguments["client_id"] or not arguments["acr_values"].strip():
        return True
    if len(arguments["nonce"]) < LONGUEUR_MIN_NONCE:
        return True
    if not _est_une_url(arguments["redirect_uri"]):
        return True
    if "prompt" in arguments:
        prompts = arguments["prompt"].split()
        if not prompts or not set(prompts) <= PROMPTS_PERMIS:
            return True
    return False


def erreur_de_redirection(arguments: Mapping[str, str]) -> RedirectionErreur | None:
    """The error the service hears of at its redirect URI, if any."""
    types = arguments["response_type"].split()
    if not types:
        return RedirectionErreur("invalid_request", "missing required parameter 'response_type'")
    if types != ["code"]:
        # A response type with a token is answered in the fragment (OAuth 2.0 Multiple
        # Response Types, section 5), as FranceConnect does.
        return RedirectionErreur(
            "unsupported_response_type",
            "unsupported response_type requested",
            fragment=any(t in ("token", "id_token") for t in types),
        )
    if "openid" not in arguments["scope"].split():
        return RedirectionErreur(
            "invalid_request", "openid scope must be requested when using the acr_values parameter"
        )
    return None


def controler_autorisation(
    arguments: Mapping[str, str],
    redirect_uris_du_client: Callable[[str], tuple[str, ...] | None],
) -> PageErreur | RedirectionErreur | None:
    """What FranceConnect answers to this authorization request, or None if it goes on.

    `redirect_uris_du_client` gives a client's registered redirect URIs, None if unknown.
    """
    if erreur_de_parametres(arguments):
        return ERREUR_PARAMETRES
    enregistrees = redirect_uris_du_client(arguments["client_id"])
    if enregistrees is None:
        return CLIENT_INCONNU
    if arguments["redirect_uri"] not in enregistrees:
        return REDIRECT_URI_INCONNUE
    return erreur_de_redirection(arguments)
