"""Which caisse serves a postal code: postal code → département → caisse.

The table lives in ``mock_site/data/caisses.json``, one entry per département with the caisse
named as ameli.fr writes it. Where a département has several caisses (Nord, Pas-de-Calais,
Pyrénées-Atlantiques, Seine-Maritime) the entry names the one proposed by default and lists
the others under ``autres_caisses``.

Overseas, the régime général is run by a CGSS (Guadeloupe, Martinique, Guyane, La Réunion) or
the CSSM (Mayotte). Saint-Pierre-et-Miquelon (975) has its own Caisse de prévoyance sociale,
outside the régime général: its entry carries ``"regime_general": false`` so that it can be
proposed on the home page but is never used as the residence of a generated insured person.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

MESSAGE_FORMAT = "Le code postal doit comporter 5 chiffres."
MESSAGE_INCONNU = "Ce code postal ne correspond à aucune caisse d'assurance maladie."

_CODE_POSTAL = re.compile(r"[0-9]{5}")
_OUTRE_MER = ("971", "972", "973", "974", "975", "976")


class CodePostalInvalide(ValueError):
    """A postal code that is malformed or served by no caisse; `message` is shown as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DepartementInconnu(ValueError):
    """A département code absent from the caisses table."""


@dataclass(frozen=True)
class Caisse:
    """A caisse d'assurance maladie and the département it serves."""

    nom: str
    departement: str
    nom_departement: str
    regime_general: bool = True

    @property
    def libelle(self) -> str:
        """The caisse as the home-page dialog proposes it: 'CPAM de Paris (75)'."""
        return f"{self.nom} ({self.departement})"


@dataclass(frozen=True)
class _Entree:
    caisse: Caisse
    autres_caisses: tuple[str, ...]


@cache
def _table() -> dict[str, _Entree]:
    texte = resources.files("mock_site").joinpath("data/caisses.json").read_text("utf-8")
    table: dict[str, _Entree] = {}
    for ligne in json.loads(texte):
        caisse = Caisse(
            nom=ligne["caisse"],
            departement=ligne["departement"],
            nom_departement=ligne["nom_departement"],
            regime_general=ligne.get("regime_general", True),
        )
        table[caisse.departement] = _Entree(caisse, tuple(ligne.get("autres_caisses", ())))
    return table


def departements() -> list[str]:
    """Every département of the table, in the table's order (01 … 19, 2A, 2B, 21 … 976)."""
    return list(_table())


def departement_du_code_postal(code_postal: str) -> str:
    """The département of a 5-digit postal code, or CodePostalInvalide."""
    code = code_postal.strip()
    if not _CODE_POSTAL.fullmatch(code):
        raise CodePostalInvalide(MESSAGE_FORMAT)
    if code.startswith("20"):
        # Corsica kept the 20 prefix: 200xx-201xx is Corse-du-Sud, 202xx-206xx Haute-Corse.
        if code[2] in "01":
            return "2A"
        if code[2] in "23456":
            return "2B"
        raise CodePostalInvalide(MESSAGE_INCONNU)
    if code.startswith("97"):
        # 977/978 (Saint-Barthélemy, Saint-Martin) are not used as postal codes: both islands
        # use 971xx and belong to the CGSS de la Guadeloupe.
        if code[:3] in _OUTRE_MER:
            return code[:3]
        raise CodePostalInvalide(MESSAGE_INCONNU)
    departement = code[:2]
    if departement not in _table():
        raise CodePostalInvalide(MESSAGE_INCONNU)
    return departement


def caisse_du_departement(departement: str) -> Caisse:
    """The default caisse of a département ('75', '2A', '971'), or DepartementInconnu."""
    entree = _table().get(departement.strip().upper())
    if entree is None:
        raise DepartementInconnu(f"Département inconnu : {departement!r}")
    return entree.caisse


def caisses_du_departement(departement: str) -> list[Caisse]:
    """Every caisse of a département, the default one first."""
    principale = caisse_du_departement(departement)
    autres = _table()[principale.departement].autres_caisses
    return [principale, *(replace(principale, nom=nom) for nom in autres)]


def caisse_du_code_postal(code_postal: str) -> Caisse:
    """The caisse proposed for a postal code, or CodePostalInvalide."""
    return caisse_du_departement(departement_du_code_postal(code_postal))
