"""Which stored insured person an identity received from FranceConnect belongs to.

FranceConnect sends no social security number: as the real service does, ameli matches the
identité pivot — birth name, first names, birth date, sex, and birthplace (the commune's
INSEE code, or for a person born abroad, no birthplace and the country's code). The NIR of a
stored person gives its birthplace and country. Exactly one person must match: several
people sharing an identité pivot designate nobody rather than the wrong one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mock_site import store
from mock_site.franceconnect.identites import identite_de_l_assure
from mock_site.rules.identite import noms_identiques
from mock_site.rules.nir import NirInvalide


@dataclass(frozen=True)
class Rapprochement:
    """The outcome: the person found, or why there is none (`inconnue` or `ambigue`)."""

    personne: dict[str, Any] | None
    motif: str = ""


def _concorde(personne: dict[str, Any], identite: Mapping[str, Any]) -> bool:
    try:
        connue = identite_de_l_assure(personne)
    except NirInvalide:
        return False
    return (
        noms_identiques(connue.family_name, str(identite.get("family_name", "")))
        and noms_identiques(connue.given_name, str(identite.get("given_name", "")))
        and connue.gender == identite.get("gender")
        and connue.birthplace == identite.get("birthplace")
        and connue.birthcountry == identite.get("birthcountry")
    )


def assure_de_l_identite(identite: Mapping[str, Any]) -> Rapprochement:
    """The insured person this FranceConnect identity designates, or why there is none."""
    naissance = identite.get("birthdate")
    if not isinstance(naissance, str):
        return Rapprochement(None, "inconnue")
    rows = (
        store.db()
        .execute(
            "SELECT donnees FROM assures WHERE json_extract(donnees, '$.date_naissance') = ?",
            (naissance,),
        )
        .fetchall()
    )
    candidates = [
        personne
        for personne in (store.from_json(row["donnees"]) for row in rows)
        if _concorde(personne, identite)
    ]
    if not candidates:
        return Rapprochement(None, "inconnue")
    if len(candidates) > 1:
        return Rapprochement(None, "ambigue")
    return Rapprochement(candidates[0])
