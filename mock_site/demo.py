"""Demo persons for `make serve`: the same ones at every start, each able to walk the journey.

At every start each demo person is put back at the beginning of the journey (account, attempts,
links, mails and letters deleted), so that a person walked part of the way, or to the end,
can walk the whole tutorial again after a restart.
"""

from __future__ import annotations

from datetime import date

from flask import Flask

from mock_site import registre
from mock_site.personnes import fabriquer_assure, faker_fr
from mock_site.rules.iban import sept_derniers
from mock_site.rules.vitale import onze_derniers

GRAINE_DEMO = 2021
# Ages are counted from a fixed day, not from today: the persons (and their birth dates, which
# the NIR carries) stay the same from one day to the next, so documentation can show one.
JOUR_DEMO = date(2021, 3, 19)
EN_TETE = (
    "Personnes de démonstration (nom · n° de sécurité sociale · date de naissance · "
    "code postal · 7 derniers caractères de l'IBAN · 11 derniers chiffres Vitale) :"
)
REMISE_A_ZERO = (
    "Ces personnes repartent du début du parcours à chaque démarrage : leur compte, "
    "leurs essais, leurs mails et leurs courriers ont été effacés."
)


def creer_personnes_demo(app: Flask, nombre: int) -> list[str]:
    """Store `nombre` fixed demo persons at the start of the journey and describe them."""
    faker = faker_fr(GRAINE_DEMO)
    lignes = []
    with app.app_context():
        for _ in range(nombre):
            personne = fabriquer_assure(faker, aujourd_hui=JOUR_DEMO).to_json()
            registre.reprendre_assure(personne)
            naissance = "/".join(reversed(personne["date_naissance"].split("-")))
            lignes.append(
                f"{personne['nom']} {personne['prenoms']} · {personne['nir']} · {naissance} · "
                f"{personne['code_postal']} · {sept_derniers(personne['iban'])} · "
                f"{onze_derniers(personne['numero_serie_vitale'])}"
            )
    return lignes
