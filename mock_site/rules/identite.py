"""Identity fields of the creation form: birth date parsing and name comparison."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MESSAGE_DATE_IMPOSSIBLE = "La date de naissance doit être une date réelle au format JJ/MM/AAAA."
MESSAGE_DATE_FUTURE = "La date de naissance ne peut pas être dans le futur."
MESSAGE_DATE_TROP_ANCIENNE = "La date de naissance ne peut pas être antérieure à 1900."
ANNEE_MIN = 1900

_DATE_FR = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_DATE_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_ESPACES = re.compile(r"\s+")
# Names are written with or without their hyphens and apostrophes depending on the document
# (Vitale card, civil status, what the person types), so all count as one separator.
_SEPARATEURS_NOM = re.compile(r"[\s\-‐‑‒–—'’ʼ`´]+")
# Ligatures are letters of their own for Unicode and survive NFKD decomposition.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


class DateInvalide(ValueError):
    """A birth date that cannot be accepted; `message` is shown to the person as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def date_naissance_valide(saisie: str, aujourd_hui: date) -> date:
    """Read a birth date typed as JJ/MM/AAAA or sent by a date input as AAAA-MM-JJ."""
    texte = saisie.strip()
    if correspondance := _DATE_FR.fullmatch(texte):
        jour, mois, annee = (int(partie) for partie in correspondance.groups())
    elif correspondance := _DATE_ISO.fullmatch(texte):
        annee, mois, jour = (int(partie) for partie in correspondance.groups())
    else:
        raise DateInvalide(MESSAGE_DATE_IMPOSSIBLE)
    try:
        naissance = date(annee, mois, jour)
    except ValueError:
        raise DateInvalide(MESSAGE_DATE_IMPOSSIBLE) from None
    if naissance.year < ANNEE_MIN:
        raise DateInvalide(MESSAGE_DATE_TROP_ANCIENNE)
    if naissance > aujourd_hui:
        raise DateInvalide(MESSAGE_DATE_FUTURE)
    return naissance


def normaliser_nom(nom: str) -> str:
    """The name without surrounding spaces and with runs of spaces reduced to one."""
    return _ESPACES.sub(" ", nom).strip()


def forme_comparable(texte: str) -> str:
    """A form of `texte` that ignores case, accents and the choice of separator.

    'Le Bœuf-Dupré', "LE BOEUF DUPRE" and 'le boeuf dupré' all give 'le boeuf dupre'.
    """
    decompose = unicodedata.normalize("NFKD", texte.translate(_LIGATURES))
    sans_accents = "".join(c for c in decompose if not unicodedata.combining(c))
    return _SEPARATEURS_NOM.sub(" ", sans_accents).strip().casefold()


def noms_identiques(a: str, b: str) -> bool:
    """True when two spellings denote the same name (case, accents, separators ignored)."""
    return forme_comparable(a) == forme_comparable(b)
