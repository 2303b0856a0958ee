"""Who may open an ameli account: the régime général, its partner régimes, no temporary NIR.

The list of partner régimes and their spelling are the tutorial's.
"""

from __future__ import annotations

from enum import Enum

from mock_site.rules.identite import forme_comparable
from mock_site.rules.nir import Nir

REGIME_GENERAL = "Régime général"
REGIMES_PARTENAIRES = (
    "CAMIEG",
    "CAVIMAC",
    "CNMSS",
    "CRPCEN",
    "ENIM",
    "INTÉRIALE",
    "LA MUTUELLE GÉNÉRALE",
    "MGP",
    "MNH",
    "SOLSANTIS",
    "HARMONIE FONCTION PUBLIQUE",
    "CANSSM",
    "LMDE",
)
REGIMES_ELIGIBLES = (REGIME_GENERAL, *REGIMES_PARTENAIRES)
# Examples for tests and demo data; any régime outside REGIMES_ELIGIBLES is refused.
REGIMES_NON_ELIGIBLES_CONNUS = ("MGEN", "MSA", "SNCF", "RATP", "Banque de France")

MESSAGE_NIR_TEMPORAIRE = (
    "Le compte ameli n'est pas accessible avec un numéro de sécurité sociale provisoire "
    "(commençant par 7 ou 8)."
)

_ELIGIBLES = frozenset(forme_comparable(regime) for regime in REGIMES_ELIGIBLES)


class Ineligibilite(Enum):
    """Why an insured person cannot open an account."""

    REGIME = "regime"
    NIR_TEMPORAIRE = "nir_temporaire"


def est_regime_eligible(regime: str) -> bool:
    """True for the régime général and the partner régimes (case and accents ignored)."""
    return forme_comparable(regime) in _ELIGIBLES


def motif_ineligibilite(regime: str, nir: Nir) -> Ineligibilite | None:
    """The reason this person cannot open an account, or None when they can.

    The régime is checked first: a person of another régime must go to that régime whatever
    their number, so that is the message that helps them.
    """
    if not est_regime_eligible(regime):
        return Ineligibilite.REGIME
    if nir.temporaire:
        return Ineligibilite.NIR_TEMPORAIRE
    return None


def _liste_en_francais(elements: tuple[str, ...]) -> str:
    return f"{', '.join(elements[:-1])} et {elements[-1]}"


def message_ineligibilite(motif: Ineligibilite, regime: str) -> str:
    """The French message shown for that motif."""
    if motif is Ineligibilite.NIR_TEMPORAIRE:
        return MESSAGE_NIR_TEMPORAIRE
    return (
        "Le compte ameli est ouvert aux assurés du régime général (Caisse primaire) et des "
        f"régimes partenaires : {_liste_en_francais(REGIMES_PARTENAIRES)}. "
        f"Ce service n'est donc pas ouvert à votre régime ({regime})."
    )
