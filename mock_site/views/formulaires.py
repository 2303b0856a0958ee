"""Reading submitted forms safely: bounded, stripped strings, never a missing-key error.

What each screen then accepts is in `mock_site.rules.saisies`, one function per screen.
"""

from __future__ import annotations

import unicodedata

from flask import request

from mock_site.rules.saisies import LONGUEUR_MAX, trop_longs

__all__ = ["LONGUEUR_MAX", "action", "champs", "trop_longs"]


def _propre(valeur: str) -> str:
    # Control characters never belong in a form field; removing them keeps messages readable.
    sans_controle = "".join(c for c in valeur if unicodedata.category(c) != "Cc")
    return sans_controle.strip()[: LONGUEUR_MAX + 1]


def champs(*noms: str) -> dict[str, str]:
    """The named fields of the submitted form, stripped, bounded, '' when absent."""
    return {nom: _propre(request.form.get(nom, "")) for nom in noms}


def action() -> str:
    """Which submit button was pressed ("continuer" unless another one is named)."""
    valeur = request.form.get("action", "continuer")
    return valeur if valeur in {"continuer", "retour", "valider", "annuler"} else "continuer"
