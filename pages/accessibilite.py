"""Accessibility scan of the current page with axe-core, through axe-playwright-python.

The package ships axe-core's script (`axe.min.js`) and injects it with Playwright's `evaluate`,
so the scan needs no network and is not blocked by the mock's Content-Security-Policy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import allure
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from pages.base import action

IMPACTS = ("critical", "serious", "moderate", "minor")
IMPACTS_BLOQUANTS = ("critical", "serious")
_AXE = Axe()


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on the page, with the elements that break it."""

    regle: str
    impact: str
    description: str
    aide: str
    elements: tuple[str, ...]

    @property
    def bloquante(self) -> bool:
        """Serious and critical violations fail the suite."""
        return self.impact in IMPACTS_BLOQUANTS

    def __str__(self) -> str:
        cibles = "\n".join(f"    - {element}" for element in self.elements)
        return f"[{self.impact}] {self.regle} : {self.description}\n  {self.aide}\n{cibles}"


def _violation(brute: dict[str, Any]) -> Violation:
    def _element(noeud: dict[str, Any]) -> str:
        cible = " ".join(map(str, noeud.get("target", [])))
        return f"{cible} : {noeud.get('failureSummary', '')}".replace("\n", " ")

    elements = tuple(_element(noeud) for noeud in brute.get("nodes", []))
    return Violation(
        regle=brute["id"],
        impact=brute.get("impact") or "minor",
        description=brute.get("description", ""),
        aide=brute.get("helpUrl", ""),
        elements=elements,
    )


@action("Analyser l'accessibilité de la page avec axe-core")
def analyser_accessibilite(page: Page) -> list[Violation]:
    """Every axe violation of the page as it is now, most severe first (attached to Allure)."""
    resultats = _AXE.run(page)
    violations = sorted(
        (_violation(brute) for brute in resultats.response["violations"]),
        key=lambda violation: IMPACTS.index(violation.impact),
    )
    allure.attach(
        json.dumps(resultats.response["violations"], ensure_ascii=False, indent=2),
        name="Violations axe-core",
        attachment_type=allure.attachment_type.JSON,
    )
    return violations


def rapport(violations: list[Violation]) -> str:
    """A readable list of violations for an assertion message."""
    if not violations:
        return "aucune violation"
    return f"{len(violations)} violation(s) d'accessibilité :\n" + "\n".join(map(str, violations))


def par_impact(violations: list[Violation]) -> dict[str, int]:
    """How many rules are broken at each impact level."""
    return {impact: sum(v.impact == impact for v in violations) for impact in IMPACTS}
