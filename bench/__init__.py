"""Benchmarks of the suite and of the mock (`make bench`: `__main__`, `bare_journey`) and its
stress runs (`make stress`: `stress`); docs/benchmarks.md."""

from __future__ import annotations

import os
import platform
import re
from datetime import UTC, datetime
from pathlib import Path


def machine() -> str:
    """The machine, the date and the load average, for a report's section."""
    cpuinfo = Path("/proc/cpuinfo")
    trouve = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
    modele = trouve.group(1).strip() if trouve else "?"
    charge = ", ".join(f"{valeur:.2f}" for valeur in os.getloadavg())
    return (
        f"- machine: {os.cpu_count()} processors, {modele}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}\n"
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; load average before: {charge}\n"
    )


def remplacer_bloc(chemin: Path, debut: str, fin: str, corps: str, entete: str = "") -> None:
    """Write `corps` between the marker lines `debut` and `fin` of a file (added at its end the
    first time, to `entete` for a new file), keeping the rest."""
    texte = chemin.read_text(encoding="utf-8") if chemin.exists() else entete
    avant, trouve, reste = texte.partition(f"{debut}\n")
    apres = reste.partition(f"{fin}\n")[2] if trouve else ""
    chemin.write_text(f"{avant}{debut}\n{corps}{fin}\n{apres}", encoding="utf-8")
