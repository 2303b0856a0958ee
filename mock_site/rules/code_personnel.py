"""The personal code (step 7): 8 to 13 digits, not guessable, stored only as a salted hash."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from werkzeug.security import check_password_hash, generate_password_hash

LONGUEUR_MIN = 8
LONGUEUR_MAX = 13
LONGUEUR_FORTE = 12
# Werkzeug's scrypt parameters (N=32768, r=8, p=1): about 0.1 s per hash on purpose.
HACHAGE_PAR_DEFAUT = "scrypt"

MESSAGE_VIDE = "Saisissez un code personnel."
MESSAGE_CHIFFRES = "Le code personnel ne doit comporter que des chiffres."
MESSAGE_LONGUEUR = f"Le code personnel doit comporter de {LONGUEUR_MIN} à {LONGUEUR_MAX} chiffres."
MESSAGE_FAIBLE = (
    "Ce code personnel est trop simple à deviner : évitez les suites de chiffres, "
    "les chiffres répétés et votre date de naissance."
)
MESSAGE_CONFIRMATION_VIDE = "Confirmez le code personnel."
MESSAGE_CONFIRMATION_DIFFERENTE = "Les deux codes personnels saisis ne sont pas identiques."

_CHIFFRES = re.compile(r"[0-9]+")


def _suite(code: str) -> bool:
    """True for a run where each digit is one more (or one less) than the previous one.

    The step is taken modulo 10 because the top row of a keyboard reads 1234567890: a run
    that wraps from 9 to 0 is as easy to guess as one that does not.
    """
    pas = {(int(b) - int(a)) % 10 for a, b in pairwise(code)}
    return pas in ({1}, {9})


def _contient_date(code: str, date_naissance: date) -> bool:
    formes = (
        date_naissance.strftime("%d%m%Y"),
        date_naissance.strftime("%Y%m%d"),
        date_naissance.strftime("%d%m%y"),
    )
    return any(forme in code for forme in formes)


def est_code_faible(code: str, date_naissance: date | None = None) -> bool:
    """True for one repeated digit, a straight run, or a code containing the birth date."""
    if not _CHIFFRES.fullmatch(code):
        return False
    if len(set(code)) == 1 or _suite(code):
        return True
    return date_naissance is not None and _contient_date(code, date_naissance)


def _erreur_code(code: str, date_naissance: date | None) -> str | None:
    if not code:
        return MESSAGE_VIDE
    if not _CHIFFRES.fullmatch(code):
        return MESSAGE_CHIFFRES
    if not LONGUEUR_MIN <= len(code) <= LONGUEUR_MAX:
        return MESSAGE_LONGUEUR
    if est_code_faible(code, date_naissance):
        return MESSAGE_FAIBLE
    return None


def erreurs_code_personnel(
    code: str, confirmation: str, date_naissance: date | None
) -> dict[str, str]:
    """The errors of step 7 by field ('code', 'confirmation'); empty when the code is accepted."""
    erreurs: dict[str, str] = {}
    if (erreur := _erreur_code(code, date_naissance)) is not None:
        erreurs["code"] = erreur
    if not confirmation:
        erreurs["confirmation"] = MESSAGE_CONFIRMATION_VIDE
    elif confirmation != code:
        erreurs["confirmation"] = MESSAGE_CONFIRMATION_DIFFERENTE
    return erreurs


def est_code_fort(code: str) -> bool:
    """True for a code of 12 digits or more, the length the tutorial recommends."""
    return len(code) >= LONGUEUR_FORTE and _CHIFFRES.fullmatch(code) is not None


def hacher_code(code: str, methode: str = HACHAGE_PAR_DEFAUT) -> str:
    """A salted hash of the code, the only form in which it is stored.

    `methode` is Werkzeug's method string (`scrypt:N:r:p`, `pbkdf2:sha256:iterations`); the
    hash records it, so `verifier_code` checks any hash whatever the current setting.
    """
    return generate_password_hash(code, method=methode)


def verifier_code(code: str, empreinte: str) -> bool:
    """True when `code` is the one whose hash is `empreinte`."""
    return check_password_hash(empreinte, code)
