"""Screen 7: the personal code (Étape 2) — 8 to 13 digits, twice, not guessable."""

from __future__ import annotations

import allure
import pytest
from playwright.sync_api import Page, expect

from e2e.attentes import expect_erreur_de_champ
from e2e.avant_script import script_retenu
from e2e.tutoriel import etape
from fixtures.api import DonneesDeTest
from fixtures.assures import Assure
from pages.code_personnel import CodePersonnelPage
from pages.textes import CODE_PERSONNEL, COORDONNEES

pytestmark = pytest.mark.ecran


@etape(7, "Créer le code personnel", allure.severity_level.CRITICAL)
@allure.title(
    "Un code de 8 à 13 chiffres confirmé à l'identique mène aux informations personnelles"
)
def test_un_code_valide_mene_aux_informations_personnelles(
    code_personnel: CodePersonnelPage,
) -> None:
    """The two labels of the tutorial, the 12-digit advice, then screen 8."""
    expect(code_personnel.etape_courante).to_have_text(CODE_PERSONNEL.etape)
    expect(code_personnel.conseil).to_be_visible()
    code_personnel.choisir_code("40719326")
    coordonnees = code_personnel.continuer()
    expect(coordonnees.titre).to_have_text(COORDONNEES.titre)
    expect(coordonnees.etape_courante).to_have_text(COORDONNEES.etape)


@pytest.mark.branche
@etape(7, "Code personnel refusé")
@allure.title("Code personnel refusé : « {code} » / « {confirmation} »")
@pytest.mark.parametrize(
    ("code", "confirmation", "champ", "message"),
    [
        ("4071932", "4071932", "code", CODE_PERSONNEL.longueur),
        ("40719326", "40719327", "confirmation", CODE_PERSONNEL.codes_differents),
    ],
)
def test_un_code_invalide_est_refuse(
    code_personnel: CodePersonnelPage, code: str, confirmation: str, champ: str, message: str
) -> None:
    """Length, digits only, equal confirmation, not a trivial code.

    Two cases prove the wiring; every case: tests/test_regles_des_ecrans.py, over HTTP.
    """
    code_personnel.choisir_code(code, confirmation)
    code_personnel.continuer()
    expect(code_personnel.titre).to_have_text(CODE_PERSONNEL.titre)
    expect(code_personnel.resume_erreurs).to_contain_text(message)
    expect_erreur_de_champ(getattr(code_personnel, champ), message)


@pytest.mark.branche
@etape(7, "Code personnel refusé")
@allure.title("La date de naissance ne peut pas servir de code personnel")
def test_la_date_de_naissance_est_refusee(
    code_personnel: CodePersonnelPage, assure: Assure
) -> None:
    """DDMMYYYY of the person's own birth date is too easy to guess."""
    code = assure.date_naissance.strftime("%d%m%Y")
    code_personnel.choisir_code(code)
    code_personnel.continuer()
    expect_erreur_de_champ(code_personnel.code, CODE_PERSONNEL.trop_simple)


@pytest.mark.branche
@etape(7, "Force du code")
@allure.title("L'indication de force suit la longueur du code saisi")
@pytest.mark.parametrize(
    ("code", "indication"),
    [
        ("4071", CODE_PERSONNEL.force_trop_court),
        ("407193265", CODE_PERSONNEL.force_acceptable),
        ("407193265812", CODE_PERSONNEL.force_fort),
    ],
)
def test_l_indication_de_force_suit_la_saisie(
    code_personnel: CodePersonnelPage, code: str, indication: str
) -> None:
    """The live hint announces weak, acceptable and strong codes."""
    code_personnel.code.fill(code)
    expect(code_personnel.force).to_have_text(indication)


@pytest.mark.branche
@etape(7, "Force du code")
@allure.title("Un code tapé avant que la page soit prête a aussi son indication de force")
def test_la_force_compte_ce_qui_a_ete_tape_avant_le_script(
    page: Page, donnees: DonneesDeTest, assure: Assure
) -> None:
    """Digits typed while the page's script is still loading are not lost to the indicator."""
    donnees.placer_parcours(assure.nir, "code")
    code_personnel = CodePersonnelPage(page)
    with script_retenu(page, CodePersonnelPage.CHEMIN) as liberer:
        code_personnel.code.fill("407193265812")
        expect(code_personnel.force).to_have_text("")
        liberer()
        expect(code_personnel.force).to_have_text(CODE_PERSONNEL.force_fort)
