"""The settings that protect the mock: how a personal code is hashed, how big a request may be.

The expected work factors are Werkzeug's documented default for `scrypt` (N=2**15, r=8, p=1,
a 16-character salt), written here as a table: a weaker setting must fail a test, not only
make hashing faster.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.security import check_password_hash, generate_password_hash

from mock_site import create_app
from mock_site.config import TestConfig, secret_key, settings_from_env
from mock_site.rules.code_personnel import hacher_code
from mock_site.tests.parcours import creer_compte, creer_personne, instantane
from mock_site.views import compte

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


def _app_hachant_avec(methode: str, base: str) -> Flask:
    """The mock in test mode on `base`, hashing personal codes with `methode`."""
    return create_app(
        {
            "MODE": "test",
            "DATABASE": base,
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "CODE_PERSONNEL_HACHAGE": methode,
        }
    )


def test_hache_le_code_personnel_avec_la_methode_reglee(tmp_path: Path) -> None:
    """The stored hash is made with the configured method, whatever the rule's default."""
    methode = "scrypt:4096:8:1"
    base = str(tmp_path / "mock.sqlite")
    client = _app_hachant_avec(methode, base).test_client()
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


# The three modes (SPEC « Test-data API »): the test-data API only in demo and test, and the
# mode's name as `python -m mock_site` prints it at start-up.
MODES = [
    (None, "production", False),
    ("production", "production", False),
    (" Demo ", "demo", True),
    ("test", "test", True),
]


@pytest.mark.parametrize(("demande", "mode", "api"), MODES)
def test_regle_chaque_mode_et_son_api_de_test(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demande: str | None, mode: str, api: bool
) -> None:
    monkeypatch.delenv("MOCK_MODE", raising=False)
    reglages = {"DATABASE": str(tmp_path / "mock.sqlite"), "SECRET_KEY": "test"}
    app = create_app({**reglages, "MODE": demande} if demande else reglages)
    assert app.config["MODE"] == mode
    assert app.config["TEST_DATA_API"] is api
    statut = app.test_client().post("/_test/assures", json={}).status_code
    assert statut == (201 if api else 404)


def test_hache_plus_vite_mais_toujours_en_scrypt_sale_dans_les_tests() -> None:
    """Test mode: Werkzeug's scrypt with N 16 times smaller (config.py says why), same r, p."""
    methode = TestConfig.CODE_PERSONNEL_HACHAGE
    nom, facteurs, sel = _parametres(generate_password_hash(CODE, methode))
    assert nom == "scrypt"
    assert facteurs == {**SCRYPT_WERKZEUG, "n": SCRYPT_WERKZEUG["n"] // 16}
    assert len(sel) == LONGUEUR_SEL


def test_garde_la_cle_de_signature_dans_le_dossier_d_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `SECRET_KEY`, a random 256-bit key is written once in the instance folder
    (created if needed) and read again by every later start, so sessions survive restarts."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    for dossier in (tmp_path, tmp_path / "pas" / "encore" / "la"):
        cle = secret_key(dossier)
        assert re.fullmatch(r"[0-9a-f]{64}", cle), cle
        assert (dossier / "secret.key").read_text(encoding="ascii") == cle
        assert secret_key(dossier) == cle
    assert secret_key(tmp_path) != secret_key(tmp_path / "pas" / "encore" / "la")


def test_prend_la_cle_de_signature_de_l_environnement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECRET_KEY", "cle-de-l-environnement")
    assert secret_key(tmp_path) == "cle-de-l-environnement"
    assert not (tmp_path / "secret.key").exists()


def test_lit_les_reglages_de_l_environnement(monkeypatch: pytest.MonkeyPatch) -> None:
    """`MOCK_DATABASE`, `FRANCECONNECT_URL`, `MOCK_CLOCK_START` (an ISO moment, UTC if bare)."""
    monkeypatch.setenv("MOCK_DATABASE", "/tmp/base.sqlite")
    monkeypatch.setenv("FRANCECONNECT_URL", "http://fc.exemple.test")
    monkeypatch.setenv("MOCK_CLOCK_START", " 2021-03-19T10:00:00+01:00 ")
    assert settings_from_env() == {
        "DATABASE": "/tmp/base.sqlite",
        "FRANCECONNECT_URL": "http://fc.exemple.test",
        "CLOCK_START": datetime(2021, 3, 19, 9, 0, tzinfo=UTC),
    }
    # A moment without offset is UTC, whatever the machine's time zone; every moment is kept
    # in UTC (its text says +00:00).
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        monkeypatch.setenv("MOCK_CLOCK_START", "2021-03-19T10:00:00")
        assert str(settings_from_env()["CLOCK_START"]) == "2021-03-19 10:00:00+00:00"
        monkeypatch.setenv("MOCK_CLOCK_START", "2021-03-19T10:00:00+01:00")
        assert str(settings_from_env()["CLOCK_START"]) == "2021-03-19 09:00:00+00:00"
    finally:
        monkeypatch.undo()
        time.tzset()
    for nom in ("MOCK_DATABASE", "FRANCECONNECT_URL", "MOCK_CLOCK_START"):
        monkeypatch.delenv(nom, raising=False)
    assert settings_from_env() == {}


def test_refuse_un_instant_de_depart_illisible_en_francais(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCK_CLOCK_START", "demain")
    with pytest.raises(ValueError, match=r"^MOCK_CLOCK_START invalide") as refus:
        settings_from_env()
    assert str(refus.value) == (
        "MOCK_CLOCK_START invalide : 'demain' (attendu : un instant ISO-8601, par exemple "
        "2021-03-19T10:00:00+01:00)"
    )


@pytest.mark.parametrize("methode", [TestConfig.CODE_PERSONNEL_HACHAGE, "pbkdf2:sha256:1000"])
def test_hache_le_leurre_d_un_numero_inconnu_avec_la_methode_reglee(
    app: Flask, methode: str
) -> None:
    """An unknown NIR is answered after checking a decoy hash made with the mode's own method,
    so that it costs what a wrong code costs (docs/security.md: comparable time)."""
    with app.app_context():
        leurre = compte._empreinte_leurre(methode)
    assert leurre.startswith(f"{methode}$")


def test_hache_avec_la_methode_reglee_le_code_d_un_parcours_place(tmp_path: Path) -> None:
    """`/_test/parcours` past screen 7 keeps the code's hash made like screen 7's."""
    methode = "scrypt:4096:8:1"
    base = str(tmp_path / "mock.sqlite")
    client = _app_hachant_avec(methode, base).test_client()
    personne = creer_personne(client)
    reponse = client.post("/_test/parcours", json={"nir": personne["nir"], "etape": "coordonnees"})
    code = reponse.get_json()["code_personnel"]
    email = "place@exemple.fr"
    client.post("/compte/coordonnees", data={"email": email, "email_confirmation": email})
    empreintes = [ligne[1] for ligne in instantane(base)["comptes"]]
    assert len(empreintes) == 1
    assert empreintes[0].startswith(methode + "$")
    assert check_password_hash(empreintes[0], code)
