"""The demo persons of `make serve`: every start prints persons who can walk the whole journey."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from mock_site import create_app
from mock_site.demo import creer_personnes_demo
from mock_site.tests.libelles import CREATION
from mock_site.tests.parcours import creer_compte, jusqu_a_identite, poster

pytestmark = pytest.mark.unit


def _demarrer(base: Path) -> tuple[Flask, list[str]]:
    """Start the mock in demo mode on `base`, as `make serve` does, with two demo persons."""
    app = create_app({"MODE": "demo", "DATABASE": str(base), "SECRET_KEY": "demo"})
    return app, creer_personnes_demo(app, 2)


def _personne_imprimee(ligne: str) -> dict[str, Any]:
    """What a person reads on the printed line, as the journey helpers take it.

    The line is `NOM Prénoms · NIR · JJ/MM/AAAA · code postal · 7 of the IBAN · 11 of Vitale`;
    the name is the leading words in capitals.
    """
    identite, numero, naissance, code_postal, iban7, vitale11 = ligne.split(" · ")
    mots = identite.split()
    nom = " ".join(mot for mot in mots if mot.isupper())
    jour, mois, annee = naissance.split("/")
    return {
        "nom": nom,
        "nir": numero,
        "date_naissance": f"{annee}-{mois}-{jour}",
        "code_postal": code_postal,
        "iban": iban7,
        "numero_serie_vitale": vitale11,
    }


def test_imprime_les_memes_personnes_a_chaque_demarrage(tmp_path: Path) -> None:
    """Two starts print the same persons, with a line for each."""
    _, premieres = _demarrer(tmp_path / "demo.sqlite")
    _, secondes = _demarrer(tmp_path / "demo.sqlite")
    assert len(premieres) == 2
    assert premieres == secondes
    _, ailleurs = _demarrer(tmp_path / "autre.sqlite")
    assert ailleurs == premieres


def test_accepte_a_l_ecran_4_apres_redemarrage_une_personne_qui_a_cree_son_compte(
    tmp_path: Path,
) -> None:
    """After a restart, a demo person who created an account passes screen 4 again."""
    base = tmp_path / "demo.sqlite"
    app, lignes = _demarrer(base)
    personne = _personne_imprimee(lignes[0])
    creer_compte(app.test_client(), personne, "demo@exemple.fr")
    refus = poster(
        app.test_client(),
        "/compte/creation",
        {
            "nom": personne["nom"],
            "nir": personne["nir"],
            "code_postal": personne["code_postal"],
            "date_naissance": "/".join(reversed(personne["date_naissance"].split("-"))),
        },
    )
    assert refus.status_code == 422
    assert CREATION.compte_existant in refus.get_data(as_text=True)

    app, _ = _demarrer(base)
    client = app.test_client()
    jusqu_a_identite(client, personne)
    assert client.get("/_test/mails", query_string={"to": "demo@exemple.fr"}).get_json() == []


def test_accepte_a_l_ecran_5_apres_redemarrage_une_personne_bloquee_par_ses_essais(
    tmp_path: Path,
) -> None:
    """Three wrong identity entries lock the person; a restart gives their attempts back."""
    base = tmp_path / "demo.sqlite"
    app, lignes = _demarrer(base)
    personne = _personne_imprimee(lignes[1])
    client = app.test_client()
    jusqu_a_identite(client, personne)
    faux = {"iban7": "0000000", "vitale11": "00000000000", "action": "valider"}
    statuts = [poster(client, "/compte/identite", faux).status_code for _ in range(3)]
    assert statuts == [422, 422, 423]

    app, _ = _demarrer(base)
    client = app.test_client()
    jusqu_a_identite(client, personne)
    reponse = poster(
        client,
        "/compte/identite",
        {
            "iban7": personne["iban"],
            "vitale11": personne["numero_serie_vitale"],
            "action": "valider",
        },
    )
    assert reponse.status_code == 302
    assert reponse.headers["Location"].endswith("/compte/conditions")
