"""Demo persons for `make serve`: created once, printed so a person can try the journey."""

from __future__ import annotations

from flask import Flask

from fixtures.assures import fabriquer_assure, faker_fr
from mock_site import registre
from mock_site.rules.iban import sept_derniers
from mock_site.rules.vitale import onze_derniers

GRAINE_DEMO = 2021


def creer_personnes_demo(app: Flask, nombre: int) -> list[str]:
    """Store `nombre` fixed demo persons (same ones every time) and describe them."""
    faker = faker_fr(GRAINE_DEMO)
    lignes = []
    with app.app_context():
        for _ in range(nombre):
            personne = fabriquer_assure(faker).to_json()
            registre.enregistrer_assure(personne)
            naissance = "/".join(reversed(personne["date_naissance"].split("-")))
            lignes.append(
                f"{personne['nom']} {personne['prenoms']} · {personne['nir']} · {naissance} · "
                f"{personne['code_postal']} · {sept_derniers(personne['iban'])} · "
                f"{onze_derniers(personne['numero_serie_vitale'])}"
            )
    return lignes
