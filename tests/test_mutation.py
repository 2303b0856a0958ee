"""The mutation tool makes the faults it says it makes, one at a time, under stable names.

Small modules and templates written for the test, not the mock's: what is checked is the tool
(`mutation/`), whose campaign over the mock is `make mutate`.
"""

from __future__ import annotations

import ast
import difflib
from pathlib import Path

import pytest

# `mutation.mutants` and `mutation.templates` are imported by the tests that run them:
# libcst and mutmut take about 0.6 s to import, which every process collecting the suite
# (each pytest-xdist worker, each shard) would pay otherwise.

pytestmark = pytest.mark.unit

MODULE = '''"""A rule."""

from datetime import date

LIMITE = 12  # pragma: no mutate


def majeur(age: int) -> bool:
    """True from 18 on."""
    return age >= 18 and True


def message() -> str:
    return "Trop jeune."
'''

GABARIT = """{% set titre_page = "Je crée mon compte" %}
<h1 id="titre">Je crée mon compte ameli</h1>
<label for="nom">Mon nom</label>
<input id="nom" aria-describedby="aide-nom" aria-required="true">
<input type="radio" name="choix" value="non" checked>
"""


def _lignes_changees(avant: str, apres: str) -> list[str]:
    return [
        ligne
        for ligne in difflib.ndiff(avant.splitlines(), apres.splitlines())
        if ligne.startswith(("- ", "+ "))
    ]


def _mutants(tmp_path: Path, nom: str, texte: str) -> list[tuple[str, str]]:
    from mutation.mutants import mutants_python
    from mutation.templates import mutants_template

    fichier = tmp_path / nom
    fichier.write_text(texte, encoding="utf-8")
    if fichier.suffix == ".py":
        trouves = mutants_python(tmp_path, fichier)
    else:
        trouves = mutants_template(tmp_path, fichier)
    return [(m.description, m.source) for m in trouves]


def test_fait_les_fautes_d_une_regle_une_a_la_fois(tmp_path: Path) -> None:
    mutants = _mutants(tmp_path, "regle.py", MODULE)
    descriptions = [d for d, _ in mutants]
    assert "`>= 18` → `> 18`" in descriptions
    assert "`18` → `19`" in descriptions
    assert "`age >= 18 and True` → `age >= 18 or True`" in descriptions
    assert '`"Trop jeune."` → `"XXTrop jeune.XX"`' in descriptions
    for _, source in mutants:
        ast.parse(source)
        assert len(_lignes_changees(MODULE, source)) == 2  # one line out, one line in


def test_laisse_docstrings_imports_et_lignes_marquees(tmp_path: Path) -> None:
    for description, source in _mutants(tmp_path, "regle.py", MODULE):
        assert '"""True from 18 on."""' in source, description
        assert "from datetime import date" in source, description
        assert "LIMITE = 12  # pragma: no mutate" in source, description


def test_fait_les_fautes_d_un_gabarit(tmp_path: Path) -> None:
    descriptions = [d for d, _ in _mutants(tmp_path, "ecran.html", GABARIT)]
    assert "wording `…Je crée mon compte ameli`: last word dropped" in descriptions
    assert "wording `…Je crée mon compte`: last word dropped" in descriptions  # {% set %}
    assert "wording `…Mon nom`: last word dropped" in descriptions
    assert 'attribute `aria-describedby="aide-nom"` dropped' in descriptions
    assert 'attribute `aria-required="true"` dropped' in descriptions
    assert "default `checked` dropped" in descriptions
    assert '`for="nom"` → `for="nom-x"`' in descriptions
    assert '`id="nom"` → `id="nom-x"`' in descriptions


def test_ne_touche_pas_a_la_syntaxe_jinja(tmp_path: Path) -> None:
    for description, source in _mutants(tmp_path, "ecran.html", GABARIT):
        assert source.count("{%") == GABARIT.count("{%"), description
        assert source.count("%}") == GABARIT.count("%}"), description


def test_nomme_chaque_mutant_d_une_cle_unique_et_stable(tmp_path: Path) -> None:
    from mutation.mutants import mutants_python, numeroter

    fichier = tmp_path / "regle.py"
    fichier.write_text(
        MODULE + '\n\ndef autre() -> str:\n    return "Trop jeune."\n', encoding="utf-8"
    )
    cles = [m.key for m in numeroter(mutants_python(tmp_path, fichier))]
    assert len(cles) == len(set(cles))
    assert cles == [m.key for m in numeroter(mutants_python(tmp_path, fichier))]
