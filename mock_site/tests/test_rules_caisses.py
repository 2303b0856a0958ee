"""Unit tests of postal code → département → caisse, and of the caisses table itself."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import pytest

from mock_site.rules.caisses import (
    Caisse,
    CodePostalInvalide,
    DepartementInconnu,
    caisse_du_code_postal,
    caisse_du_departement,
    caisses_du_departement,
    departement_du_code_postal,
    departements,
)
from mock_site.tests.libelles import ACCUEIL

pytestmark = pytest.mark.unit

FORMAT = ACCUEIL.code_postal_mal_forme
INCONNU = ACCUEIL.code_postal_inconnu
METROPOLE = [f"{n:02d}" for n in range(1, 20)] + ["2A", "2B"] + [f"{n}" for n in range(21, 96)]
OUTRE_MER = ["971", "972", "973", "974", "975", "976"]


def test_la_table_liste_chaque_departement_une_fois_dans_l_ordre() -> None:
    assert len(METROPOLE) == 96
    assert departements() == METROPOLE + OUTRE_MER


def test_les_entrees_de_la_table_ont_les_champs_documentes() -> None:
    texte = resources.files("mock_site").joinpath("data/caisses.json").read_text("utf-8")
    for entree in json.loads(texte):
        assert {"departement", "nom_departement", "caisse"} <= set(entree)
        assert set(entree) <= {
            "departement",
            "nom_departement",
            "caisse",
            "autres_caisses",
            "regime_general",
        }


@pytest.mark.parametrize("departement", METROPOLE)
def test_les_caisses_metropolitaines_sont_des_cpam_du_regime_general(departement: str) -> None:
    caisse = caisse_du_departement(departement)
    assert caisse.nom.startswith("CPAM ")
    assert caisse.regime_general


@pytest.mark.parametrize(
    ("code_postal", "libelle"),
    [
        ("01000", "CPAM de l'Ain (01)"),
        ("13001", "CPAM des Bouches-du-Rhône (13)"),
        ("31000", "CPAM de la Haute-Garonne (31)"),
        ("57000", "CPAM de Moselle (57)"),
        ("59000", "CPAM de Lille-Douai (59)"),
        ("62000", "CPAM de l'Artois (62)"),
        ("67000", "CPAM du Bas-Rhin (67)"),
        ("68100", "CPAM du Haut-Rhin (68)"),
        ("75011", "CPAM de Paris (75)"),
        ("95000", "CPAM du Val-d'Oise (95)"),
        ("20000", "CPAM de Corse-du-Sud (2A)"),
        ("20199", "CPAM de Corse-du-Sud (2A)"),
        ("20200", "CPAM de la Haute-Corse (2B)"),
        ("20690", "CPAM de la Haute-Corse (2B)"),
        ("97100", "CGSS de la Guadeloupe (971)"),
        ("97133", "CGSS de la Guadeloupe (971)"),
        ("97200", "CGSS de la Martinique (972)"),
        ("97300", "CGSS de la Guyane (973)"),
        ("97400", "CGSS de La Réunion (974)"),
        ("97500", "CPS de Saint-Pierre-et-Miquelon (975)"),
        ("97600", "CSSM de Mayotte (976)"),
        (" 75011 ", "CPAM de Paris (75)"),
    ],
)
def test_propose_la_caisse_du_code_postal(code_postal: str, libelle: str) -> None:
    assert caisse_du_code_postal(code_postal).libelle == libelle


@pytest.mark.parametrize(
    ("code_postal", "message"),
    [
        ("", FORMAT),
        ("7501", FORMAT),
        ("750111", FORMAT),
        ("75 011", FORMAT),
        ("ABCDE", FORMAT),
        ("7501A", FORMAT),
        ("７５０１１", FORMAT),
        ("00100", INCONNU),
        ("96000", INCONNU),
        ("20700", INCONNU),
        ("20900", INCONNU),
        ("97000", INCONNU),
        ("97700", INCONNU),
        ("97800", INCONNU),
        ("98000", INCONNU),
        ("98800", INCONNU),
        ("99000", INCONNU),
    ],
)
def test_refuse_un_code_postal_sans_caisse(code_postal: str, message: str) -> None:
    with pytest.raises(CodePostalInvalide) as erreur:
        caisse_du_code_postal(code_postal)
    assert erreur.value.message == message
    assert str(erreur.value) == message


@pytest.mark.parametrize("departement", [d for d in METROPOLE if d not in ("2A", "2B")])
def test_lit_le_departement_dans_les_deux_premiers_chiffres(departement: str) -> None:
    assert departement_du_code_postal(f"{departement}000") == departement
    assert departement_du_code_postal(f"{departement}999") == departement


def test_donne_la_caisse_d_un_departement_quelle_que_soit_la_casse() -> None:
    assert caisse_du_departement("2a") == Caisse("CPAM de Corse-du-Sud", "2A", "Corse-du-Sud")


@pytest.mark.parametrize("departement", ["20", "00", "96", "977", "98", ""])
def test_refuse_un_departement_inconnu(departement: str) -> None:
    with pytest.raises(DepartementInconnu):
        caisse_du_departement(departement)


def test_seul_saint_pierre_et_miquelon_est_hors_du_regime_general() -> None:
    hors = [d for d in departements() if not caisse_du_departement(d).regime_general]
    assert hors == ["975"]


@pytest.mark.parametrize(
    ("departement", "caisses"),
    [
        (
            "59",
            [
                "CPAM de Lille-Douai",
                "CPAM de Roubaix-Tourcoing",
                "CPAM du Hainaut",
                "CPAM des Flandres",
            ],
        ),
        ("62", ["CPAM de l'Artois", "CPAM de la Côte d'Opale"]),
        ("75", ["CPAM de Paris"]),
    ],
)
def test_liste_chaque_caisse_d_un_departement(departement: str, caisses: list[str]) -> None:
    trouvees = caisses_du_departement(departement)
    assert [caisse.nom for caisse in trouvees] == caisses
    assert {caisse.departement for caisse in trouvees} == {departement}


def test_nomme_le_departement_inconnu_dans_son_erreur() -> None:
    """The error says which département was asked for, for whoever reads a failing log."""
    with pytest.raises(DepartementInconnu, match="'00'"):
        caisse_du_departement("00")


def test_une_caisse_ne_se_modifie_pas() -> None:
    """The table is shared by every request: a caisse handed out cannot be changed in place."""
    caisse = caisse_du_departement("75")
    with pytest.raises(dataclasses.FrozenInstanceError):
        caisse.nom = "CPAM modifiée"  # type: ignore[misc]
    assert caisse_du_departement("75").nom == "CPAM de Paris"
