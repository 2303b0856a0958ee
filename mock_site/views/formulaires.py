"""Reading submitted forms safely: bounded, stripped strings, never a missing-key error."""

from __future__ import annotations

import unicodedata

from flask import request

LONGUEUR_MAX = 254


def _propre(valeur: str) -> str:
    # Control characters never belong in a form field; removing them keeps messages readable.
    sans_controle = "".join(c for c in valeur if unicodedata.category(c) != "Cc")
    return sans_controle.strip()[: LONGUEUR_MAX + 1]


def champs(*noms: str) -> dict[str, str]:
    """The named fields of the submitted form, stripped, bounded, '' when absent."""
    return {nom: _propre(request.form.get(nom, "")) for nom in noms}


def trop_longs(valeurs: dict[str, str]) -> dict[str, str]:
    """An error for each value longer than any field of the site accepts."""
    return {nom: "Cette valeur est trop longue." for nom, valeur in valeurs.items()
            if len(valeur) > LONGUEUR_MAX}


def action() -> str:
    """Which submit button was pressed ("continuer" unless another one is named)."""
    valeur = request.form.get("action", "continuer")
    return valeur if valeur in {"continuer", "retour", "valider", "annuler"} else "continuer"
