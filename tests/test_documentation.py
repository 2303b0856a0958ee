"""The README tells the truth: its demo person is what `make serve` prints, its links lead
somewhere, and it stays a page a newcomer reads in a few minutes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plugins.serveur_mock import RACINE, ServeurMock

pytestmark = pytest.mark.unit

README = RACINE / "README.md"
# The README's promise to a newcomer: a page, the rest in docs/.
TAILLE_MAX_README = 12 * 1024
MARQUE_DEMO = "<!-- demo-persons:"


def _exemple_du_readme() -> list[str]:
    """The lines of the code block that follows the demo-persons marker."""
    texte = README.read_text(encoding="utf-8")
    apres = texte[texte.index(MARQUE_DEMO) :]
    bloc = re.search(r"```\n(.*?)```", apres, re.S)
    assert bloc is not None, "pas de bloc de code après le marqueur des personnes de démonstration"
    return [ligne.strip() for ligne in bloc.group(1).splitlines() if ligne.strip()]


def test_l_exemple_du_readme_est_ce_que_make_serve_affiche(tmp_path: Path) -> None:
    """Given the mock started as `make serve` starts it, then it prints the README's persons."""
    with ServeurMock(tmp_path, mode="demo", personnes_demo=3) as serveur:
        sortie = serveur.journal.read_text(encoding="utf-8")
    lignes = [ligne.strip() for ligne in sortie.splitlines()]
    exemple = _exemple_du_readme()
    assert len(exemple) >= 2, exemple
    manquantes = [ligne for ligne in exemple if ligne not in lignes]
    assert manquantes == [], f"absent de la sortie de make serve :\n{sortie}"


def test_les_liens_du_readme_menent_a_un_fichier() -> None:
    """Every relative link of the README names a file of the tree."""
    texte = README.read_text(encoding="utf-8")
    liens = [
        lien.split("#")[0]
        for lien in re.findall(r"\]\(([^)]+)\)", texte)
        if not re.match(r"[a-z]+:", lien) and not lien.startswith("#")
    ]
    assert liens, "le README ne renvoie vers aucun fichier"
    assert [lien for lien in liens if not (RACINE / lien).exists()] == []


def test_les_liens_de_docs_menent_a_un_fichier() -> None:
    """Every relative link of docs/*.md and CONTRIBUTING.md names a file of the tree."""
    absents = []
    for page in [*sorted((RACINE / "docs").glob("*.md")), RACINE / "CONTRIBUTING.md"]:
        for lien in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            chemin = lien.split("#")[0]
            if chemin and not re.match(r"[a-z]+:", chemin) and not (page.parent / chemin).exists():
                absents.append(f"{page.relative_to(RACINE)} → {lien}")
    assert absents == []


def test_le_readme_tient_en_une_page() -> None:
    """The README stays short; the rest lives in docs/."""
    assert README.stat().st_size <= TAILLE_MAX_README
