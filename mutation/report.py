"""The report of the campaigns: the score of each part and its survivors, in bench/MUTATION.md.

Read from the parts' cosmic-ray sessions through cosmic-ray's public `WorkDB` (every survivor
with its diff: `cr-report --show-diff --surviving-only .mutation/PART.sqlite`). Only the block
between the markers is written: the text around it is the report's own.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkItem, WorkResult

from bench import machine

DEBUT, FIN = "<!-- mutation: written by python -m mutation -->", "<!-- /mutation -->"
SURVIVANTS_MONTRES = 15


def _changement(item: WorkItem, resultat: WorkResult) -> str:
    """Where a mutant is and what it changed: the template edit, or the diff's changed line."""
    spec = item.mutations[0]
    lieu = f"`{spec.module_path}:{spec.start_pos[0]}` {spec.operator_name.split('/')[-1]}"
    if spec.definition_name and spec.operator_name.startswith("template/"):
        return f"{lieu}: {spec.definition_name}"
    lignes = (resultat.diff or "").splitlines()
    avant = [ligne[1:].strip() for ligne in lignes if ligne.startswith("-") and ligne[1:2] != "-"]
    apres = [ligne[1:].strip() for ligne in lignes if ligne.startswith("+") and ligne[1:2] != "+"]
    avant_, apres_ = " ".join(avant), " ".join(apres)
    # Around the first character that differs: a long line is cut where the change is.
    paires = enumerate(zip(avant_, apres_, strict=False))
    commun = next((i for i, (a, b) in paires if a != b), 0)
    debut = max(commun - 30, 0)
    return f"{lieu}: `{avant_[debut : debut + 70]}` → `{apres_[debut : debut + 70]}`"


def bilan(session: Path) -> tuple[Counter[str], list[str]]:
    """How a part's mutants ended, and its survivors."""
    compte: Counter[str] = Counter()
    survivants = []
    with use_db(str(session), mode=WorkDB.Mode.open) as db:
        compte["mutants"] = db.num_work_items
        for item, resultat in db.completed_work_items:
            if resultat.worker_outcome == WorkerOutcome.SKIPPED:
                compte["skipped"] += 1
            elif resultat.test_outcome == TestOutcome.SURVIVED:
                compte["survived"] += 1
                survivants.append(_changement(item, resultat))
            elif resultat.test_outcome == TestOutcome.KILLED:
                compte["killed"] += 1
                compte["timeouts"] += resultat.output == "timeout"
            else:
                compte["incompetent"] += 1
    return compte, sorted(survivants)


def bloc(sessions: dict[str, Path], commande: str) -> str:
    """The report's written block: the table of parts, then each part's survivors."""
    lignes = [
        DEBUT,
        f"`{commande}`",
        "",
        machine(),
        "| part | mutants | filtered out | run | killed (timeouts) | survived | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    details = []
    for partie, session in sessions.items():
        if not session.exists():
            lignes.append(f"| {partie} | not run here | | | | | |")
            continue
        n, survivants = bilan(session)
        run = n["killed"] + n["survived"]
        score = f"**{100 * n['killed'] / run:.1f} %**" if run else "—"
        lignes.append(
            f"| {partie} | {n['mutants']} | {n['skipped']} | {run} | "
            f"{n['killed']} ({n['timeouts']}) | {n['survived']} | {score} |"
        )
        if survivants:
            details += ["", f"Survivors of `{partie}` ({len(survivants)}):", ""]
            details += [f"- {s}" for s in survivants[:SURVIVANTS_MONTRES]]
            if len(survivants) > SURVIVANTS_MONTRES:
                details.append(
                    f"- … `cr-report --show-diff --surviving-only .mutation/{partie}.sqlite`"
                )
    return "\n".join([*lignes, *details, FIN]) + "\n"


def ecrire(rapport: Path, sessions: dict[str, Path], commande: str) -> None:
    """Replace the written block of the report (or add it at its end)."""
    texte = rapport.read_text(encoding="utf-8") if rapport.exists() else ""
    avant, trouve, reste = texte.partition(DEBUT)
    apres = reste.partition(FIN + "\n")[2] if trouve else ""
    rapport.write_text(avant + bloc(sessions, commande) + apres, encoding="utf-8")
