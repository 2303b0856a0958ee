"""Visual regression of the tutorial's screenshots: fresh captures against the committed PNGs.

The PNGs of `docs/screenshots/` are the baselines; `make screenshots` is how an author accepts
a change. This test starts a mock of its own (empty database, clock stopped), whatever
`--base-url` says: the baselines are pictures of this tree's mock, and the demo person must be
new there. It runs with whatever Chromium build is at hand: the comparison forgives the
anti-aliasing by which builds differ and still catches a reworded word, a moved icon or a
changed colour (`screenshots/comparaison.py`, measured in `tests/test_screenshots.py`). The
build that made the baselines stays in their manifest, and is shown in the report.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import allure
import pytest
from playwright.sync_api import Browser

from e2e.tutoriel import EPIC
from screenshots.atelier import Reglages, capturer_parcours
from screenshots.catalogue import CAPTURES, VIEWPORTS
from screenshots.comparaison import (
    TOLERANCE_PAR_DEFAUT,
    VARIABLE_TOLERANCE,
    Ecart,
    comparer_dossiers,
)
from screenshots.documents import lire_manifeste
from screenshots.serveur import mock_a_horloge_fixe

pytestmark = pytest.mark.visuel


@pytest.fixture(scope="module")
def mock_des_captures() -> Iterator[str]:
    """A mock for the captures only, its clock stopped at the tutorial's date."""
    with mock_a_horloge_fixe() as url:
        yield url


def _joindre(ecart: Ecart) -> None:
    """Attach the baseline, the fresh capture and the diff of one changed screenshot."""
    for libelle, chemin in (
        ("attendue", ecart.attendue),
        ("obtenue", ecart.obtenue),
        ("différences", ecart.diff),
    ):
        if chemin is not None and chemin.exists():
            allure.attach.file(
                str(chemin),
                name=f"{ecart.nom} — {libelle}",
                attachment_type=allure.attachment_type.PNG,
            )


@allure.epic(EPIC)
@allure.feature("Captures d'écran du tutoriel")
@allure.story("Régression visuelle")
@allure.title("Les captures du tutoriel ({nom_viewport}) sont celles du dépôt")
@pytest.mark.parametrize("nom_viewport", sorted(VIEWPORTS))
def test_les_captures_du_tutoriel_n_ont_pas_change(
    browser: Browser,
    mock_des_captures: str,
    nom_viewport: str,
    pytestconfig: pytest.Config,
    tmp_path: Path,
) -> None:
    """Given the committed screenshots, when captured afresh, then no pixel changed."""
    viewport = VIEWPORTS[nom_viewport]
    references = viewport.dossier(pytestconfig.rootpath / "docs" / "screenshots")
    allure.dynamic.parameter("références faites avec", lire_manifeste(references)["navigateur"])
    allure.dynamic.parameter("capture faite avec", f"Chromium {browser.version}")
    # By default a folder of this run's own, so that runs sharing a work tree never overwrite
    # each other's PNGs; `make visual` keeps them in test-results/visual/ (VISUAL_RESULTS).
    resultats = Path(os.environ.get("VISUAL_RESULTS") or tmp_path) / viewport.nom
    shutil.rmtree(resultats, ignore_errors=True)  # no diff left over from an earlier run
    tolerance = float(os.environ.get(VARIABLE_TOLERANCE) or TOLERANCE_PAR_DEFAUT)

    with allure.step(
        f"Capturer le parcours en {viewport.nom} ({viewport.largeur}×{viewport.hauteur})"
    ):
        capturer_parcours(
            browser, mock_des_captures, Reglages(resultats / "actual", viewport), reinitialiser=True
        )
    with allure.step(f"Comparer aux captures du dépôt (tolérance {tolerance:g})"):
        ecarts = comparer_dossiers(
            [c.nom for c in CAPTURES], references, resultats / "actual", resultats / "diff"
        )
    changes = [e for e in ecarts if e.depasse(tolerance)]
    for ecart in changes:
        _joindre(ecart)

    assert not changes, (
        f"{len(changes)} capture(s) changée(s) :\n"
        + "\n".join(f"  {e.description()}" for e in changes)
        + f"\nDifférences dans {resultats / 'diff'} ; si le changement est voulu, "
        "acceptez-le avec `make screenshots`."
    )
