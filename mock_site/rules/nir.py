"""The NIR (numéro de sécurité sociale) as typed on the creation form: 13 characters, no key.

Layout of the 13 characters::

    S AA MM DD CCC OOO      S  sexe: 1 or 2, or 7 / 8 for a temporary number
                            AA year of birth (two digits)
                            MM month of birth
                            DD département of birth (01-95 except 20, 2A, 2B)
                            CCC commune of birth (INSEE code)
                            OOO order number in the birth register (001-999)

Overseas (97x / 98x) the département takes three characters and the commune two, so the
total length stays 13.

Months outside 01-12 exist in real numbers: 20 to 42 and 50 to 99 are what INSEE assigns when
the month of birth is unknown (civil registers that record only a year, people registered from
incomplete foreign records), so they are accepted here and match any birth month.

Births abroad are coded 99 followed by the three-digit INSEE country code in the commune slot;
many insured persons of the régime général have such a number, so 99 is accepted as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stdnum.fr import nir as stdnum_nir

MESSAGE_NIR_MAL_FORME = (
    "Le numéro de sécurité sociale doit comporter 13 caractères : sexe, année, mois, "
    "département, commune et numéro d'ordre."
)

SEXES = ("1", "2", "7", "8")
SEXES_TEMPORAIRES = ("7", "8")
DEPARTEMENT_NE_A_L_ETRANGER = "99"

# Characters removed from what the person typed: numbers are often copied grouped like the
# Vitale card prints them ("1 85 05 75 123 456").
_SEPARATEURS = re.compile(r"\s+")
_CHIFFRES = re.compile(r"[0-9]+")


class NirInvalide(ValueError):
    """A typed NIR that cannot be a real one; `message` is shown to the person as is."""

    def __init__(self, message: str = MESSAGE_NIR_MAL_FORME) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Nir:
    """A well-formed 13-character NIR split into its parts."""

    sexe: str
    annee: str
    mois: str
    departement: str
    commune: str
    ordre: str
    valeur: str

    @property
    def temporaire(self) -> bool:
        """True for a temporary number (sexe 7 or 8), which cannot open an ameli account."""
        return self.sexe in SEXES_TEMPORAIRES

    @property
    def cle(self) -> str:
        """The two-digit key printed after the 13 characters on the Vitale card."""
        return cle_nir(self.valeur)


def _chiffres(texte: str, longueur: int) -> bool:
    """True when `texte` is exactly `longueur` ASCII digits (str.isdigit accepts '²' or '٣')."""
    return len(texte) == longueur and _CHIFFRES.fullmatch(texte) is not None


def normaliser_nir(saisie: str) -> str:
    """The NIR without any spaces, in upper case (2a and 2A are the same département)."""
    return _SEPARATEURS.sub("", saisie).upper()


def _mois_valide(mois: str) -> bool:
    if not _chiffres(mois, 2):
        return False
    numero = int(mois)
    return 1 <= numero <= 12 or 20 <= numero <= 42 or 50 <= numero <= 99


def _departement_et_commune(lieu: str) -> tuple[str, str]:
    """Split the five birthplace characters, or raise NirInvalide."""
    if lieu[:2] in ("97", "98"):
        departement, commune = lieu[:3], lieu[3:]
        if _chiffres(departement, 3) and _chiffres(commune, 2):
            return departement, commune
        raise NirInvalide
    departement, commune = lieu[:2], lieu[2:]
    if not _chiffres(commune, 3):
        raise NirInvalide
    if departement in ("2A", "2B", DEPARTEMENT_NE_A_L_ETRANGER):
        return departement, commune
    # 20 disappeared when Corsica was split in 1976; 96 was never a département.
    if _chiffres(departement, 2) and 1 <= int(departement) <= 95 and departement != "20":
        return departement, commune
    raise NirInvalide


def lire_nir(saisie: str) -> Nir:
    """Parse a typed NIR (13 characters, without the key) or raise NirInvalide."""
    valeur = normaliser_nir(saisie)
    if len(valeur) != 13:
        raise NirInvalide
    sexe, annee, mois, lieu, ordre = valeur[0], valeur[1:3], valeur[3:5], valeur[5:10], valeur[10:]
    if sexe not in SEXES or not _chiffres(annee, 2) or not _mois_valide(mois):
        raise NirInvalide
    if not _chiffres(ordre, 3) or ordre == "000":
        raise NirInvalide
    departement, commune = _departement_et_commune(lieu)
    return Nir(
        sexe=sexe,
        annee=annee,
        mois=mois,
        departement=departement,
        commune=commune,
        ordre=ordre,
        valeur=valeur,
    )


def cle_nir(nir13: str) -> str:
    """The two-digit key of a 13-character NIR (97 - NIR mod 97, with 2A/2B substituted)."""
    valeur = normaliser_nir(nir13)
    if len(valeur) != 13:
        raise NirInvalide
    return stdnum_nir.calc_check_digits(valeur)


def nir_correspond_naissance(nir: Nir, date_naissance: date) -> bool:
    """True when the NIR's year and month agree with the birth date.

    A month above 12 means "month unknown" and therefore agrees with any birth month.
    """
    if nir.annee != f"{date_naissance.year % 100:02d}":
        return False
    mois = int(nir.mois)
    return mois > 12 or mois == date_naissance.month


def composer_nir(
    sexe: str, date_naissance: date, departement: str, commune: str, ordre: str
) -> str:
    """Build the 13-character NIR of a person born on `date_naissance` in that commune.

    The département has 2 characters and the commune 3, or 3 and 2 overseas; anything that
    would not read back as the same parts raises NirInvalide.
    """
    valeur = (
        f"{sexe}{date_naissance.year % 100:02d}{date_naissance.month:02d}"
        f"{departement.upper()}{commune}{ordre}"
    )
    nir = lire_nir(valeur)
    if (nir.departement, nir.commune) != (departement.upper(), commune):
        raise NirInvalide
    return nir.valeur
