"""Unit tests of step 8 and 9 rules: email fields, French phone numbers, the validation link."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Literal

import pytest

from mock_site.rules.contact import erreur_telephone, erreurs_email, normaliser_telephone
from mock_site.rules.validation_email import lien_expire, nouveau_jeton
from mock_site.tests.libelles import COORDONNEES

pytestmark = pytest.mark.unit

EMAIL_VIDE = COORDONNEES.email_manquant
EMAIL_FORMAT = COORDONNEES.email_invalide
CONFIRMATION_VIDE = COORDONNEES.email_confirmation_manquante
CONFIRMATION_DIFFERENTE = COORDONNEES.emails_differents
PORTABLE = COORDONNEES.portable_invalide
FIXE = COORDONNEES.fixe_invalide
# 64 + 1 + 189 = 254 characters, the longest address allowed.
EMAIL_254 = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 58 + ".fr"


@pytest.mark.parametrize(
    "email",
    [
        "prenom.nom@exemple.fr",
        "Prenom.Nom+ameli@sous-domaine.exemple.com",
        "o'neil@exemple.fr",
        "x_1@e-x.co",
        " prenom.nom@exemple.fr ",
        EMAIL_254,
    ],
)
def test_accepte_un_email_saisi_deux_fois(email: str) -> None:
    assert erreurs_email(email, email) == {}


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", EMAIL_VIDE),
        ("   ", EMAIL_VIDE),
        ("prenom.nom", EMAIL_FORMAT),
        ("prenom.nom@", EMAIL_FORMAT),
        ("@exemple.fr", EMAIL_FORMAT),
        ("prenom.nom@exemple", EMAIL_FORMAT),
        ("prenom nom@exemple.fr", EMAIL_FORMAT),
        ("prenom..nom@exemple.fr", EMAIL_FORMAT),
        (".prenom@exemple.fr", EMAIL_FORMAT),
        ("prenom.@exemple.fr", EMAIL_FORMAT),
        ("prenom@@exemple.fr", EMAIL_FORMAT),
        ("prenom@exemple..fr", EMAIL_FORMAT),
        ("prenom@-exemple.fr", EMAIL_FORMAT),
        ("prenom@exemple.f", EMAIL_FORMAT),
        ("prenom@exemple.fr\nautre@exemple.fr", EMAIL_FORMAT),
        ("<script>@exemple.fr", EMAIL_FORMAT),
        ("prénom@exemple.fr", EMAIL_FORMAT),
        ("a" * 65 + "@exemple.fr", EMAIL_FORMAT),
        (EMAIL_254[:-3] + "d.fr", EMAIL_FORMAT),  # 255 characters
    ],
)
def test_refuse_un_email_malforme(email: str, message: str) -> None:
    assert erreurs_email(email, email)["email"] == message


@pytest.mark.parametrize(
    ("confirmation", "message"),
    [
        ("", CONFIRMATION_VIDE),
        ("prenom.nom@exemple.com", CONFIRMATION_DIFFERENTE),
        ("Prenom.Nom@exemple.fr", CONFIRMATION_DIFFERENTE),
    ],
)
def test_exige_deux_fois_le_meme_email(confirmation: str, message: str) -> None:
    assert erreurs_email("prenom.nom@exemple.fr", confirmation) == {"confirmation": message}


@pytest.mark.parametrize(
    ("saisie", "normalise"),
    [
        ("0612345678", "0612345678"),
        ("06 12 34 56 78", "0612345678"),
        ("06.12.34.56.78", "0612345678"),
        ("06-12-34-56-78", "0612345678"),
        ("+33 6 12 34 56 78", "0612345678"),
        ("+33612345678", "0612345678"),
        ("0033612345678", "0612345678"),
        (" 01 23 45 67 89 ", "0123456789"),
        ("+44 7911 123456", "+447911123456"),
    ],
)
def test_normalise_les_formats_de_telephone_francais(saisie: str, normalise: str) -> None:
    assert normaliser_telephone(saisie) == normalise


@pytest.mark.parametrize(
    ("saisie", "type_ligne"),
    [
        ("", "portable"),
        ("   ", "fixe"),
        ("0612345678", "portable"),
        ("07 12 34 56 78", "portable"),
        ("+33 7 12 34 56 78", "portable"),
        ("0033612345678", "portable"),
        ("06.12.34.56.78", "portable"),
        ("06-12-34-56-78", "portable"),
        ("01 23 45 67 89", "fixe"),
        ("02.23.45.67.89", "fixe"),
        ("0523456789", "fixe"),
        ("+33 9 23 45 67 89", "fixe"),
    ],
)
def test_accepte_un_telephone_vide_ou_francais(
    saisie: str, type_ligne: Literal["portable", "fixe"]
) -> None:
    assert erreur_telephone(saisie, type_ligne) is None


# ARCEP's numbering plan: the five geographic zones (01 Île-de-France, 02 Nord-Ouest,
# 03 Nord-Est, 04 Sud-Est, 05 Sud-Ouest) and 09 (non-geographic) are landlines; 06 and 07 mobiles;
# 08 special-rate services.
ZONES_FIXES = ["01", "02", "03", "04", "05", "09"]


@pytest.mark.parametrize("prefixe", ZONES_FIXES)
def test_accepte_un_fixe_de_chaque_zone_du_plan_de_numerotation(prefixe: str) -> None:
    assert erreur_telephone(f"{prefixe}23456789", "fixe") is None
    assert erreur_telephone(f"{prefixe}23456789", "portable") == PORTABLE


@pytest.mark.parametrize("prefixe", ["06", "07"])
def test_accepte_un_portable_de_chaque_prefixe_mobile(prefixe: str) -> None:
    assert erreur_telephone(f"{prefixe}12345678", "portable") is None
    assert erreur_telephone(f"{prefixe}12345678", "fixe") == FIXE


@pytest.mark.parametrize(
    ("saisie", "type_ligne", "message"),
    [
        ("0123456789", "portable", PORTABLE),
        ("0812345678", "portable", PORTABLE),
        ("061234567", "portable", PORTABLE),
        ("06123456789", "portable", PORTABLE),
        ("06 12 34 56 7a", "portable", PORTABLE),
        ("+44 7911 123456", "portable", PORTABLE),
        ("+33 06 12 34 56 78", "portable", PORTABLE),
        ("6 12 34 56 78", "portable", PORTABLE),
        ("０６12345678", "portable", PORTABLE),
        ("0612345678", "fixe", FIXE),
        ("0812345678", "fixe", FIXE),
        ("0023456789", "fixe", FIXE),
        ("01 23 45 67", "fixe", FIXE),
    ],
)
def test_refuse_un_telephone_non_francais_ou_d_un_autre_type(
    saisie: str, type_ligne: Literal["portable", "fixe"], message: str
) -> None:
    assert erreur_telephone(saisie, type_ligne) == message


ENVOI = datetime(2025, 1, 15, 10, 30)


@pytest.mark.parametrize(
    ("maintenant", "expire"),
    [
        (ENVOI, False),
        (ENVOI + timedelta(days=6, hours=23, minutes=59), False),
        (ENVOI + timedelta(days=7), True),
        (ENVOI + timedelta(days=30), True),
    ],
)
def test_le_lien_de_validation_expire_apres_7_jours(maintenant: datetime, expire: bool) -> None:
    assert lien_expire(ENVOI, maintenant) is expire


def test_les_jetons_de_validation_sont_surs_en_url_et_imprevisibles() -> None:
    jetons = {nouveau_jeton() for _ in range(100)}
    assert len(jetons) == 100
    for jeton in jetons:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", jeton)
