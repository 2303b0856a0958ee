"""The settings that protect the mock: how a personal code is hashed, how big a request may be.

The expected work factors are Werkzeug's documented default for `scrypt` (N=2**15, r=8, p=1,
a 16-character salt), written here as a table: a weaker setting must fail a test, not only
make hashing faster.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.security import check_password_hash, generate_password_hash

from mock_site import create_app
from mock_site.rules.code_personnel import hacher_code
from mock_site.tests.parcours import creer_compte, creer_personne, instantane

SCRYPT_WERKZEUG = {"n": 2**15, "r": 8, "p": 1}
LONGUEUR_SEL = 16
CODE = "90531827"
CODE_FORT = "905318274663"


def _parametres(empreinte: str) -> tuple[str, dict[str, int], str]:
    """The method name, its work factors and the salt of a Werkzeug hash."""
    methode, sel, _ = empreinte.split("$")
    nom, *facteurs = methode.split(":")
    return nom, dict(zip(("n", "r", "p"), map(int, facteurs), strict=True)), sel


def test_hache_le_code_personnel_par_defaut_avec_le_scrypt_de_werkzeug() -> None:
    """The rule's own default: scrypt at Werkzeug's cost, salted, checkable."""
    empreinte = hacher_code(CODE)
    nom, facteurs, sel = _parametres(empreinte)
    assert nom == "scrypt"
    assert facteurs == SCRYPT_WERKZEUG
    assert len(sel) == LONGUEUR_SEL
    assert check_password_hash(empreinte, CODE)


@pytest.mark.parametrize("mode", ["production", "demo"])
def test_hache_le_code_personnel_avec_le_scrypt_de_werkzeug_hors_des_tests(
    tmp_path: Path, mode: str
) -> None:
    """Outside test mode, the stored hash costs at least what Werkzeug's default does."""
    app = create_app(
        {"MODE": mode, "DATABASE": str(tmp_path / "mock.sqlite"), "SECRET_KEY": "test"}
    )
    empreinte = generate_password_hash(CODE, method=app.config["CODE_PERSONNEL_HACHAGE"])
    nom, facteurs, sel = _parametres(empreinte)
    assert nom == "scrypt"
    assert facteurs["n"] >= SCRYPT_WERKZEUG["n"]
    assert facteurs["r"] >= SCRYPT_WERKZEUG["r"]
    assert facteurs["p"] >= SCRYPT_WERKZEUG["p"]
    assert len(sel) >= LONGUEUR_SEL


def test_hache_le_code_personnel_avec_la_methode_reglee(tmp_path: Path) -> None:
    """The stored hash is made with the configured method, whatever the rule's default."""
    methode = "scrypt:4096:8:1"
    base = str(tmp_path / "mock.sqlite")
    app = create_app(
        {
            "MODE": "test",
            "DATABASE": base,
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "CODE_PERSONNEL_HACHAGE": methode,
        }
    )
    client = app.test_client()
    creer_compte(client, creer_personne(client), "reglage@exemple.fr", CODE_FORT)
    empreintes = [ligne[1] for ligne in instantane(base)["comptes"]]
    assert len(empreintes) == 1
    assert empreintes[0].startswith(methode + "$")
    assert check_password_hash(empreintes[0], CODE_FORT)


def test_nomme_les_modes_possibles_quand_le_mode_est_inconnu(tmp_path: Path) -> None:
    """The three modes the documentation lists, named in the refusal of a mistyped one."""
    with pytest.raises(ValueError, match=r"\(attendu : production, demo, test\)$"):
        create_app({"MODE": "tset", "DATABASE": str(tmp_path / "mock.sqlite")})


# docs/security.md: requests are bounded to 64 KiB and 100 form fields.
LIMITE_OCTETS = 64 * 1024
LIMITE_CHAMPS = 100


@pytest.fixture
def client_borne(tmp_path: Path) -> FlaskClient:
    """A client of the mock as it runs for real, CSRF on: refusals come before any form logic."""
    return create_app(
        {"MODE": "test", "DATABASE": str(tmp_path / "mock.sqlite"), "SECRET_KEY": "test"}
    ).test_client()


def test_accepte_64_kio_de_formulaire_et_refuse_un_octet_de_plus(client_borne: FlaskClient) -> None:
    for taille, trop_gros in ((LIMITE_OCTETS, False), (LIMITE_OCTETS + 1, True)):
        corps = b"nir=" + b"1" * (taille - len(b"nir="))
        reponse = client_borne.post(
            "/compte/connexion", data=corps, content_type="application/x-www-form-urlencoded"
        )
        assert (reponse.status_code == 413) is trop_gros, (taille, reponse.status_code)


def test_accepte_100_champs_de_formulaire_et_refuse_un_de_plus(client_borne: FlaskClient) -> None:
    for champs, trop_nombreux in ((LIMITE_CHAMPS, False), (LIMITE_CHAMPS + 1, True)):
        envoi = MultiDict([("nom", "1") for _ in range(champs)])
        reponse = client_borne.post(
            "/compte/creation", data=envoi, content_type="multipart/form-data"
        )
        assert (reponse.status_code == 413) is trop_nombreux, (champs, reponse.status_code)
