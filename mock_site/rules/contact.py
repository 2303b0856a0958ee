"""Contact details of step 8: the email address (required, typed twice) and French phones."""

from __future__ import annotations

import re
from typing import Literal

LONGUEUR_MAX_EMAIL = 254
LONGUEUR_MAX_PARTIE_LOCALE = 64

MESSAGE_EMAIL_VIDE = "Saisissez votre adresse email."
MESSAGE_EMAIL_FORMAT = "L'adresse email n'est pas valide (exemple : prenom.nom@exemple.fr)."
MESSAGE_CONFIRMATION_VIDE = "Confirmez votre adresse email."
MESSAGE_CONFIRMATION_DIFFERENTE = "Les deux adresses email saisies ne sont pas identiques."
MESSAGES_TELEPHONE = {
    "portable": (
        "Le numéro de téléphone portable doit être un numéro français commençant par 06 ou 07 "
        "(exemple : 06 12 34 56 78)."
    ),
    "fixe": (
        "Le numéro de téléphone fixe doit être un numéro français commençant par 01 à 05 ou 09 "
        "(exemple : 01 23 45 67 89)."
    ),
}
PREFIXES_TELEPHONE = {
    "portable": ("06", "07"),
    "fixe": ("01", "02", "03", "04", "05", "09"),
}

# The usual subset of RFC 5322 that mail providers hand out: dot-separated atoms before the @,
# a domain of at least two DNS labels after it. Quoted local parts and IP literals are legal
# but nobody types them into a public form, and accepting them would only let junk through.
_ATOME = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(
    rf"(?P<locale>{_ATOME}(?:\.{_ATOME})*)@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}"
)
_SEPARATEURS_TELEPHONE = re.compile(r"[\s.\-]+")
_TELEPHONE = re.compile(r"0[1-9][0-9]{8}")


def normaliser_email(saisie: str) -> str:
    """The address without the spaces a copy-paste leaves around it."""
    return saisie.strip()


def email_valide(email: str) -> bool:
    """True for an address of the usual form, at most 254 characters long."""
    if len(email) > LONGUEUR_MAX_EMAIL:
        return False
    correspondance = _EMAIL.fullmatch(email)
    return (
        correspondance is not None and len(correspondance["locale"]) <= LONGUEUR_MAX_PARTIE_LOCALE
    )


def erreurs_email(email: str, confirmation: str) -> dict[str, str]:
    """The errors of the email fields by name ('email', 'confirmation'); empty when accepted."""
    email, confirmation = normaliser_email(email), normaliser_email(confirmation)
    erreurs: dict[str, str] = {}
    if not email:
        erreurs["email"] = MESSAGE_EMAIL_VIDE
    elif not email_valide(email):
        erreurs["email"] = MESSAGE_EMAIL_FORMAT
    if not confirmation:
        erreurs["confirmation"] = MESSAGE_CONFIRMATION_VIDE
    elif confirmation != email:
        erreurs["confirmation"] = MESSAGE_CONFIRMATION_DIFFERENTE
    return erreurs


def normaliser_telephone(saisie: str) -> str:
    """The number as 10 digits starting with 0 when it is written in a French format.

    Spaces, dots and dashes are dropped and the international prefix (+33 or 0033) becomes
    the leading 0; anything else is returned as it is, for erreur_telephone to refuse.
    """
    numero = _SEPARATEURS_TELEPHONE.sub("", saisie)
    for indicatif in ("+33", "0033"):
        if numero.startswith(indicatif):
            return "0" + numero[len(indicatif) :]
    return numero


def erreur_telephone(saisie: str, type: Literal["portable", "fixe"]) -> str | None:
    """The error of an optional phone field, or None when it is empty or acceptable."""
    if not saisie.strip():
        return None
    numero = normaliser_telephone(saisie)
    if _TELEPHONE.fullmatch(numero) and numero.startswith(PREFIXES_TELEPHONE[type]):
        return None
    return MESSAGES_TELEPHONE[type]
