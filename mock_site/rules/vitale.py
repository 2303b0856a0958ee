"""Serial number of the Vitale card with photo, as screen 5 splits it.

The serial has 15 digits; the screen prints the first 4 and asks for the remaining 11.
"""

from __future__ import annotations

import re

LONGUEUR_SERIE = 15
LONGUEUR_PREFIXE = 4

_SERIE = re.compile(r"[0-9]{15}")
_SEPARATEURS = re.compile(r"\s+")


def _serie(serie: str) -> str:
    """The serial without spaces, or ValueError when it is not 15 digits."""
    valeur = _SEPARATEURS.sub("", serie)
    if not _SERIE.fullmatch(valeur):
        raise ValueError("Le numéro de série de la carte Vitale comporte 15 chiffres.")
    return valeur


def est_numero_serie_valide(serie: str) -> bool:
    """True for 15 digits (spaces between groups allowed)."""
    return _SERIE.fullmatch(_SEPARATEURS.sub("", serie)) is not None


def prefixe_vitale(serie: str) -> str:
    """The 4 first digits, printed on screen 5 before the input."""
    return _serie(serie)[:LONGUEUR_PREFIXE]


def onze_derniers(serie: str) -> str:
    """The 11 last digits, the ones the person types on screen 5."""
    return _serie(serie)[LONGUEUR_PREFIXE:]
