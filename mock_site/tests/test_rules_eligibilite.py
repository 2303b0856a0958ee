"""Unit tests of eligibility: régime général and partner régimes only, no temporary NIR."""

from __future__ import annotations

import pytest

from mock_site.rules.eligibilite import (
    REGIME_GENERAL,
    REGIMES_NON_ELIGIBLES_CONNUS,
    REGIMES_PARTENAIRES,
    Ineligibilite,
    est_regime_eligible,
    message_ineligibilite,
    motif_ineligibilite,
)
from mock_site.rules.nir import Nir, lire_nir

pytestmark = pytest.mark.unit

NIR_DEFINITIF = lire_nir("1850575123456")
NIR_PROVISOIRE = lire_nir("7850575123456")
# The tutorial's list, in its order and spelling.
PARTENAIRES_DU_TUTORIEL = (
    "CAMIEG, CAVIMAC, CNMSS, CRPCEN, ENIM, INTÉRIALE, LA MUTUELLE GÉNÉRALE, MGP, MNH, "
    "SOLSANTIS, HARMONIE FONCTION PUBLIQUE, CANSSM et LMDE"
)


def test_partner_regimes_should_be_the_tutorial_list() -> None:
    assert ", ".join(REGIMES_PARTENAIRES[:-1]) + " et LMDE" == PARTENAIRES_DU_TUTORIEL


@pytest.mark.parametrize("regime", [REGIME_GENERAL, *REGIMES_PARTENAIRES])
def test_should_accept_the_regime_general_and_partner_regimes(regime: str) -> None:
    assert est_regime_eligible(regime)
    assert motif_ineligibilite(regime, NIR_DEFINITIF) is None


@pytest.mark.parametrize(
    "regime",
    [
        "régime général",
        "REGIME GENERAL",
        "Intériale",
        "interiale",
        "la mutuelle generale",
        " lmde ",
    ],
)
def test_should_recognise_a_regime_whatever_its_case_and_accents(regime: str) -> None:
    assert est_regime_eligible(regime)


@pytest.mark.parametrize("regime", [*REGIMES_NON_ELIGIBLES_CONNUS, "mgen", "", "Régime agricole"])
def test_should_refuse_other_regimes(regime: str) -> None:
    assert not est_regime_eligible(regime)
    assert motif_ineligibilite(regime, NIR_DEFINITIF) is Ineligibilite.REGIME


def test_known_non_eligible_regimes_should_not_overlap_the_partners() -> None:
    assert not set(REGIMES_NON_ELIGIBLES_CONNUS) & {REGIME_GENERAL, *REGIMES_PARTENAIRES}


@pytest.mark.parametrize(
    ("regime", "nir", "motif"),
    [
        (REGIME_GENERAL, NIR_DEFINITIF, None),
        (REGIME_GENERAL, NIR_PROVISOIRE, Ineligibilite.NIR_TEMPORAIRE),
        ("CNMSS", lire_nir("8850575123456"), Ineligibilite.NIR_TEMPORAIRE),
        ("MSA", NIR_DEFINITIF, Ineligibilite.REGIME),
        ("MSA", NIR_PROVISOIRE, Ineligibilite.REGIME),
    ],
)
def test_should_give_the_motif_of_ineligibility(
    regime: str, nir: Nir, motif: Ineligibilite | None
) -> None:
    assert motif_ineligibilite(regime, nir) is motif


@pytest.mark.parametrize(
    ("motif", "regime", "message"),
    [
        (
            Ineligibilite.REGIME,
            "MGEN",
            "Le compte ameli est ouvert aux assurés du régime général (Caisse primaire) et des "
            f"régimes partenaires : {PARTENAIRES_DU_TUTORIEL}. "
            "Ce service n'est donc pas ouvert à votre régime (MGEN).",
        ),
        (
            Ineligibilite.NIR_TEMPORAIRE,
            REGIME_GENERAL,
            "Le compte ameli n'est pas accessible avec un numéro de sécurité sociale provisoire "
            "(commençant par 7 ou 8).",
        ),
    ],
)
def test_should_explain_the_ineligibility_in_french(
    motif: Ineligibilite, regime: str, message: str
) -> None:
    assert message_ineligibilite(motif, regime) == message
