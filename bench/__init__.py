"""Benchmarks of the suite and of the mock (`make bench`, `make stress`).

- `__main__`: `python -m bench` has hyperfine time the journey test against `bare_journey`, the
  suite serially and in parallel, ab measure the mock's throughput, and `profil` time a browser
  test's pieces; each writes its section of `bench/RESULTS.md`;
- `bare_journey`: the journey test's clicks as a bare Playwright script;
- `profil`: where a browser test's time goes, piece by piece, in one process;
- `stress`: `python -m bench.stress` reruns the suite in random orders to find flaky tests.
"""

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
