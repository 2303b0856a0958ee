"""Which stored insured person an identity received from FranceConnect belongs to.

The mock FranceConnect sends the NIR of its users (they are the mock's insured persons): a
person with that number whose name and birth date agree is the one. Without a NIR, as with
the real FranceConnect, the birth name, birth date and sex must designate exactly one person;
several homonyms born the same day designate nobody, rather than the wrong one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_site import registre, store
from mock_site.rules.identite import noms_identiques

SEXES = {"male": "1", "female": "2"}


def _concorde(personne: Mapping[str, Any], identite: Mapping[str, Any]) -> bool:
    return (noms_identiques(str(personne["nom"]), str(identite.get("family_name", "")))
            and personne["date_naissance"] == identite.get("birthdate"))


def assure_de_l_identite(identite: Mapping[str, Any]) -> dict[str, Any] | None:
    """The insured person this FranceConnect identity designates, or None."""
    numero = identite.get("nir")
    if isinstance(numero, str) and numero:
        personne = registre.assure(numero)
        return personne if personne is not None and _concorde(personne, identite) else None
    naissance = identite.get("birthdate")
    sexe = SEXES.get(str(identite.get("gender")))
    if not isinstance(naissance, str) or sexe is None:
        return None
    rows = store.db().execute(
        "SELECT donnees FROM assures WHERE json_extract(donnees, '$.date_naissance') = ?",
        (naissance,),
    ).fetchall()
    candidates = [personne for personne in (store.from_json(row["donnees"]) for row in rows)
                  if personne.get("sexe") == sexe and _concorde(personne, identite)]
    return candidates[0] if len(candidates) == 1 else None
