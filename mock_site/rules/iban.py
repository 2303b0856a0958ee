"""French IBAN and RIB rules: the RIB key, the IBAN check digits and what screen 5 shows.

A French IBAN is ``FR`` + 2 check digits + the 23-character BBAN, which is the RIB itself:
bank code (5 digits), branch code (5 digits), account number (11 letters or digits) and the
2-digit RIB key. Two independent checks therefore apply: the ISO 13616 mod-97 check digits of
the IBAN, and the RIB key of the BBAN. python-stdnum verifies the former but has no French
RIB module, so the RIB key is computed here.
"""

from __future__ import annotations

import re

from stdnum import iban as stdnum_iban

# Letters in a French account number count as the digits of this table (the "RIB" convention
# inherited from punched cards: A-I, J-R and S-Z each restart at 1, S at 2).
_LETTRES_RIB = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "12345678912345678923456789",
)
_CODE = re.compile(r"[0-9]{5}")
_COMPTE = re.compile(r"[0-9A-Z]{11}")
_IBAN_FR = re.compile(r"FR[0-9]{2}[0-9]{10}[0-9A-Z]{11}[0-9]{2}")


def _compact(iban: str) -> str:
    return stdnum_iban.compact(iban)


def cle_rib(code_banque: str, code_guichet: str, numero_compte: str) -> str:
    """The two-digit RIB key: 97 - ((89 × banque + 15 × guichet + 3 × compte) mod 97)."""
    compte = numero_compte.upper()
    if not (_CODE.fullmatch(code_banque) and _CODE.fullmatch(code_guichet)):
        raise ValueError("Les codes banque et guichet comportent 5 chiffres.")
    if not _COMPTE.fullmatch(compte):
        raise ValueError("Le numéro de compte comporte 11 chiffres ou lettres.")
    somme = 89 * int(code_banque) + 15 * int(code_guichet) + 3 * int(compte.translate(_LETTRES_RIB))
    return f"{97 - somme % 97:02d}"


def composer_iban_fr(code_banque: str, code_guichet: str, numero_compte: str) -> str:
    """The French IBAN of that account, without spaces, both check values right."""
    bban = f"{code_banque}{code_guichet}{numero_compte.upper()}"
    bban += cle_rib(code_banque, code_guichet, numero_compte)
    return f"FR{stdnum_iban.calc_check_digits('FR00' + bban)}{bban}"


def est_iban_fr_valide(iban: str) -> bool:
    """True for a French IBAN (spaces allowed) whose check digits and RIB key are both right."""
    valeur = _compact(iban)
    if not _IBAN_FR.fullmatch(valeur) or not stdnum_iban.is_valid(valeur):
        return False
    return cle_rib(valeur[4:9], valeur[9:14], valeur[14:25]) == valeur[25:]


def sept_derniers(iban: str) -> str:
    """The 7 characters screen 5 asks for: end of the account number and the RIB key."""
    return _compact(iban)[-7:]


def prefixe_affiche(iban: str) -> str:
    """The start of the IBAN that screen 5 shows, grouped as in the tutorial: 'FR 66 2004'."""
    valeur = _compact(iban)
    return f"{valeur[:2]} {valeur[2:4]} {valeur[4:8]}"
