"""The address channel meant for programs: the base URL of a listening server, in a file.

`python -m mock_site --port-file PATH` and gunicorn (`mock_site/gunicorn_conf.py`) write it
once their socket is bound, so that a caller starting the mock on port 0 learns where it
listens without parsing a banner or a log made for people.
"""

from __future__ import annotations

import os
from pathlib import Path

VARIABLE = "MOCK_PORT_FILE"


def ecrire_adresse(chemin: Path, url: str) -> None:
    """Write `url` and a newline to `chemin` atomically (a temporary file, then a rename), so a
    reader that sees the file reads the whole URL."""
    chemin.parent.mkdir(parents=True, exist_ok=True)
    provisoire = chemin.with_name(f".{chemin.name}.{os.getpid()}")
    provisoire.write_text(url.rstrip("/") + "\n", encoding="utf-8")
    provisoire.replace(chemin)
