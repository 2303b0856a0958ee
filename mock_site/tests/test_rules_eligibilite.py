"""Unit tests of eligibility: régime général and partner régimes only, no temporary NIR."""

from __future__ import annotations

import pytest

from mock_site.rules.eligibilite import (
    REGIMES_NON_ELIGIBLES_CONNUS,
    REGIMES_PARTENAIRES,
    Ineligibilite,
    est_regime_eligible,
    message_ineligibilite,
    motif_ineligibilite,
)
from mock_site.rules.nir import Nir, lire_nir
from mock_site.tests.libelles import CREATION

pytestmark = pytest.mark.unit

NIR_DEFINITIF = lire_nir("1850575123456")
NIR_PROVISOIRE = lire_nir("7850575123456")
# The tutorial's list, in its order and spelling.
PARTENAIRES_DU_TUTORIEL = CREATION.regimes_partenaires
REGIME_GENERAL = "Régime général"
ELIGIBLES_DU_TUTORIEL = (
    REGIME_GENERAL,
    *PARTENAIRES_DU_TUTORIEL.replace(" et ", ", ").split(", "),
)
# Régimes the tutorial's list leaves out.
NON_ELIGIBLES = ("MGEN", "MSA", "SNCF", "RATP", "Banque de France")


def test_les_regimes_partenaires_sont_la_liste_du_tutoriel() -> None:
    assert ", ".join(REGIMES_PARTENAIRES[:-1]) + " et LMDE" == PARTENAIRES_DU_TUTORIEL


@pytest.mark.parametrize("regime", ELIGIBLES_DU_TUTORIEL)
def test_accepte_le_regime_general_et_les_regimes_partenaires(regime: str) -> None:
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
def test_reconnait_un_regime_quels_que_soient_casse_et_accents(regime: str) -> None:
    assert est_regime_eligible(regime)


@pytest.mark.parametrize("regime", [*NON_ELIGIBLES, "mgen", "", "Régime agricole"])
def test_refuse_les_autres_regimes(regime: str) -> None:
    assert not est_regime_eligible(regime)
    assert motif_ineligibilite(regime, NIR_DEFINITIF) is Ineligibilite.REGIME


def test_les_regimes_non_eligibles_connus_ne_recoupent_pas_les_partenaires() -> None:
    assert not set(REGIMES_NON_ELIGIBLES_CONNUS) & set(ELIGIBLES_DU_TUTORIEL)


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
def test_donne_le_motif_d_ineligibilite(regime: str, nir: Nir, motif: Ineligibilite | None) -> None:
    assert motif_ineligibilite(regime, nir) is motif


@pytest.mark.parametrize(
    ("motif", "regime", "message"),
    [
        (
            Ineligibilite.REGIME,
            "MGEN",
            CREATION.regime_refuse_pour("MGEN"),
        ),
        (
            Ineligibilite.NIR_TEMPORAIRE,
            REGIME_GENERAL,
            CREATION.nir_provisoire,
        ),
    ],
)
def test_explique_l_ineligibilite_en_francais(
    motif: Ineligibilite, regime: str, message: str
) -> None:
    assert message_ineligibilite(motif, regime) == message
