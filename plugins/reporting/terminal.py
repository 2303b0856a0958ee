"""Pytest plugin: after a failed browser test's error, where to look and how to replay it.

The failing phase's report gets a section that pytest prints right after the error: the
Playwright trace of each browser context with the command that opens it
(``playwright show-trace …``), the screenshot of each page, and the command that runs the test
again with its seeds, and what to add to it for a full trace (DOM snapshots and film strip).
The files are those ``plugins.reporting.artifacts`` keeps in ``test-results/<test>/``; the
section names only files that exist.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from plugins.reporting.artifacts import (
    ARTEFACTS,
    MIME_TRACE_PLAYWRIGHT,
    OPTION_TRACE_COMPLETE,
    ArtefactsDuTest,
)
from plugins.seed import commande_pour_rejouer

TITRE_SECTION = "Pour comprendre cet échec"
_SECTION_DONNEE = pytest.StashKey[bool]()


def _chemin_lisible(chemin: Path, depuis: Path) -> str:
    """A path relative to where pytest was started when it lies below, else absolute."""
    return str(chemin.relative_to(depuis)) if chemin.is_relative_to(depuis) else str(chemin)


def section_echec(item: pytest.Item, artefacts: ArtefactsDuTest | None) -> str:
    """The lines that tell where the failed test's trace and screenshots are, and how to
    replay it."""
    depuis = item.config.invocation_params.dir
    lignes: list[str] = []
    for piece in artefacts.pieces if artefacts is not None else []:
        if not piece.chemin.exists():
            continue
        chemin = _chemin_lisible(piece.chemin, depuis)
        if piece.mime == MIME_TRACE_PLAYWRIGHT:
            lignes += [
                f"{piece.nom} : {chemin}",
                f"  l'ouvrir : playwright show-trace {shlex.quote(chemin)}",
            ]
        elif piece.mime.startswith("image/"):
            lignes.append(f"{piece.nom} : {chemin}")
    lignes.append(f"Rejouer ce test : {commande_pour_rejouer(item)}")
    if artefacts is not None and artefacts.tracer:
        lignes.append("  avec la trace complète (DOM et film) : ajouter " + OPTION_TRACE_COMPLETE)
    return "\n".join(lignes)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """On a browser test's first failed phase, add the section (after `artifacts` kept the
    files: this wrapper is the outer one)."""
    issue = yield
    rapport: pytest.TestReport = issue.get_result()  # type: ignore[attr-defined]
    if not rapport.failed or item.stash.get(_SECTION_DONNEE, False):
        return
    artefacts = item.stash.get(ARTEFACTS, None)
    if artefacts is None:
        return  # not a browser test (or it failed before opening a browser context)
    item.stash[_SECTION_DONNEE] = True
    rapport.sections.append((TITRE_SECTION, section_echec(item, artefacts)))
