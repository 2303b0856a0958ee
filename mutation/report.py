"""The report of a campaign: bench/MUTATION.md, with the score of each part and every survivor.

Equivalent mutants (no test could tell them from the original, because they do not change what
the mock does) are listed in `mutation/equivalents.toml` with the reason; they are left out of
the score. Each run adds one row to the report's table of runs, so the file keeps the score
before and after a change to the tests.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from mutation.execution import Resultat
from mutation.mutants import Mutant

EQUIVALENTS = Path(__file__).with_name("equivalents.toml")
DEBUT_RUNS = "<!-- runs: one row per run, kept from one report to the next -->"
FIN_RUNS = "<!-- end of runs -->"


@dataclass
class Partie:
    """One part of the campaign and its outcome."""

    nom: str
    mutants: list[Mutant]
    resultats: dict[str, Resultat]  # by mutant key
    secondes: float

    def duree(self) -> float:
        """The seconds the mutants' test runs took, over every run that gave a verdict."""
        return sum(r.secondes for r in self.resultats.values())

    def compte(self, equivalents: Mapping[str, str]) -> dict[str, int]:
        """How many mutants ended each way (equivalent survivors apart)."""
        nombres = {
            "total": len(self.mutants),
            "killed": 0,
            "timeout": 0,
            "survived": 0,
            "equivalent": 0,
            "browser": 0,
            "not run": 0,
        }
        for mutant in self.mutants:
            resultat = self.resultats.get(mutant.key)
            if resultat is None:
                nombres["not run"] += 1
                continue
            if resultat.statut in ("survived", "no-tests"):
                cle = "equivalent" if mutant.key in equivalents else "survived"
                nombres[cle] += 1
            else:
                nombres[resultat.statut] += 1
                if resultat.par == "browser tests":
                    nombres["browser"] += 1
        return nombres


def score(nombres: Mapping[str, int]) -> str:
    """Killed (timeouts included) over the mutants run that are not equivalent."""
    utiles = nombres["total"] - nombres["equivalent"] - nombres["not run"]
    if nombres["not run"] == nombres["total"]:
        return "not run"
    tues = nombres["killed"] + nombres["timeout"]
    return f"{100.0 * tues / utiles:.1f} %" if utiles else "100.0 %"


def charger_equivalents(table: str = "equivalent") -> dict[str, str]:
    """mutant key → why it is equivalent (`table="unreached"`: why no test reaches it yet)."""
    donnees = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    return {e["key"]: e["reason"] for e in donnees.get(table, [])}


def _runs_precedents(rapport: Path) -> list[str]:
    if not rapport.exists():
        return []
    texte = rapport.read_text(encoding="utf-8")
    trouve = re.search(re.escape(DEBUT_RUNS) + r"\n(.*?)" + re.escape(FIN_RUNS), texte, re.DOTALL)
    if not trouve:
        return []
    return [ligne for ligne in trouve.group(1).splitlines() if ligne.startswith("| 20")]


def ecrire(
    rapport: Path,
    parties: Sequence[Partie],
    commande: str,
    quand: str,
    navigateur: bool,
    secondes: float = 0.0,
) -> None:
    """Write the report; the runs table gets this run's row."""
    equivalents = charger_equivalents()
    hors_de_portee = charger_equivalents("unreached")
    lignes = [
        "# Mutation testing of the mock",
        "",
        "Small faults put into `mock_site/` one at a time, the mock's tests run after each "
        "(`make mutate`; docs/mutation.md says how). A mutant is *killed* when a test fails, "
        "*survives* when every test passes; *equivalent* mutants change nothing a user or a "
        "test could observe and are left out of the score (reasons below and in "
        "`mutation/equivalents.toml`).",
        "",
        f"Last run: {quand}, `{commande}`"
        + (
            ", survivors then tried against the browser tests of their screen"
            if navigateur
            else ", the mock's own tests only (unit and Flask client)"
        )
        + ".",
        "",
        "| part | mutants | not run | killed | timeouts | survived | equivalent | score | "
        "time (mutant runs) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    resume: list[str] = []
    for partie in parties:
        n = partie.compte(equivalents)
        tues = f"{n['killed']}" + (f" ({n['browser']} by browser tests)" if n["browser"] else "")
        lignes.append(
            f"| {partie.nom} | {n['total']} | {n['not run']} | {tues} | {n['timeout']} | "
            f"{n['survived']} | "
            f"{n['equivalent']} | {score(n)} | {partie.duree() / 60:.1f} min |"
        )
        faits = n["total"] - n["not run"]
        resume.append(
            f"{partie.nom} {score(n)}"
            + (f" ({n['survived']} survivors of {faits} run)" if faits else "")
        )
    runs = [
        *_runs_precedents(rapport),
        f"| {quand} | `{commande}` | {secondes / 60:.1f} min | {'; '.join(resume)} |",
    ]
    lignes += [
        "",
        "## Runs",
        "",
        DEBUT_RUNS,
        "| when | command | wall time | score per part |",
        "| --- | --- | ---: | --- |",
        *runs,
        FIN_RUNS,
        "",
        "## Surviving mutants",
        "",
    ]
    survivants = [
        (p, m)
        for p in parties
        for m in p.mutants
        if m.key in p.resultats
        and p.resultats[m.key].statut in ("survived", "no-tests")
        and m.key not in equivalents
    ]
    if not survivants:
        lignes.append("None.")
    for _, mutant in survivants:
        pas_de_test = (
            " (no test executes this line)"
            if (mutant.kind == "python" and _partie_resultat(parties, mutant).statut == "no-tests")
            else ""
        )
        raison = f" — left: {hors_de_portee[mutant.key]}" if mutant.key in hors_de_portee else ""
        lignes.append(
            f"- `{mutant.path}:{mutant.line}` {mutant.description}{_apercu(mutant)}"
            f"{pas_de_test}{raison}"
        )
    lignes += ["", "## Equivalent mutants", ""]
    vus = [
        (m, equivalents[m.key])
        for p in parties
        for m in p.mutants
        if m.key in equivalents and m.key in p.resultats
    ]
    if not vus:
        lignes.append("None in the parts run.")
    for mutant, raison in vus:
        lignes.append(
            f"- `{mutant.path}:{mutant.line}` {mutant.description}{_apercu(mutant)} "
            f"— {raison} (key `{mutant.key}`)"
        )
    rapport.write_text("\n".join(lignes) + "\n", encoding="utf-8")


def _apercu(mutant: Mutant) -> str:
    """The mutated line as it reads in the mutant, when the description had to be cut short."""
    if "…" not in mutant.description:
        return ""
    racine = Path(__file__).resolve().parent.parent
    original = (racine / mutant.path).read_text(encoding="utf-8").splitlines()
    mute = mutant.source.splitlines()
    for avant, apres in zip(original, mute, strict=False):
        if avant != apres:
            ligne = " ".join(apres.split())
            return f" (now: `{ligne[:110]}`)"
    return ""


def _partie_resultat(parties: Sequence[Partie], mutant: Mutant) -> Resultat:
    for partie in parties:
        if mutant.key in partie.resultats:
            return partie.resultats[mutant.key]
    raise KeyError(mutant.key)
