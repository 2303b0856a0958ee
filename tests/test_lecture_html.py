"""Unit tests of the HTML reader the HTTP rule tests rely on (`fixtures/lecture_html.py`).

Each page here is written by hand, as a screen's error state is announced (SPEC, "Every
screen"), so that the reader is checked against what it must find, not against the mock.
"""

from __future__ import annotations

import pytest

from fixtures.lecture_html import lire_page

pytestmark = pytest.mark.unit

ECRAN_EN_ERREUR = """<!doctype html>
<html lang="fr"><body>
<h1>Je crée mon   compte
  ameli</h1>
<div role="alert"><p>Le formulaire contient 1 erreur :</p>
  <ul><li><a href="#nir">Saisissez votre numéro&nbsp;de sécurité sociale.</a></li></ul></div>
<label for="nom">Mon nom</label>
<input id="nom" name="nom" value="DUPONT">
<p id="erreur-nir"><span class="sr-only">Erreur : </span>Saisissez votre numéro de sécurité
  sociale.</p>
<input id="nir" name="nir" aria-describedby="aide-nir erreur-nir absent" aria-invalid="true">
<p id="aide-nir">13 caractères, sans la clé</p>
</body></html>"""


def test_le_titre_et_l_alerte_se_lisent_espaces_reduits() -> None:
    """The heading and the alert read as Playwright reads them: runs of white space as one."""
    page = lire_page(ECRAN_EN_ERREUR)
    assert page.titre == "Je crée mon compte ameli"
    assert page.alertes == [
        "Le formulaire contient 1 erreur : Saisissez votre numéro de sécurité sociale."
    ]


def test_un_champ_en_erreur_est_marque_et_decrit() -> None:
    """Only the invalid field is marked; its descriptions follow aria-describedby's order."""
    page = lire_page(ECRAN_EN_ERREUR)
    assert page.champs_invalides() == ["nir"]
    assert page.descriptions("nir") == [
        "13 caractères, sans la clé",
        "Erreur : Saisissez votre numéro de sécurité sociale.",
        "",
    ]
    assert page.descriptions("nom") == []


def test_un_champ_absent_est_signale() -> None:
    """Asking for a field the screen lacks fails with the screen's heading in the message."""
    with pytest.raises(AssertionError, match=r"code_postal.*Je crée mon compte ameli"):
        lire_page(ECRAN_EN_ERREUR).champ("code_postal")


@pytest.mark.parametrize(
    ("html", "attendus"),
    [
        ("<dialog open><h2>Votre caisse</h2><p>CPAM de Paris (75)</p></dialog>", 1),
        ('<div role="dialog"><p>CPAM de Paris (75)</p></div>', 1),
        ("<dialog><p>CPAM de Paris (75)</p></dialog>", 0),
        ("<p>CPAM de Paris (75)</p>", 0),
    ],
)
def test_seul_un_dialogue_ouvert_compte(html: str, attendus: int) -> None:
    """A closed <dialog> is not shown; an open one or a role="dialog" is."""
    assert len(lire_page(html).dialogues) == attendus
