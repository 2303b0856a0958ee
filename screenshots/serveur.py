"""A mock of its own for a capture run: fresh database, test mode, clock stopped at a fixed
moment. Started by `plugins.server.ServeurMock`, as the browser suite starts its own."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from unittest import mock

from plugins.server import ServeurMock
from screenshots.parcours import HORLOGE_DEMO

VARIABLE_HORLOGE = "MOCK_CLOCK_START"


@contextmanager
def mock_a_horloge_fixe(horloge: datetime = HORLOGE_DEMO) -> Iterator[str]:
    """Start the mock with its clock stopped at `horloge`; yield its base URL."""
    with tempfile.TemporaryDirectory(prefix="captures-mock-") as dossier:
        serveur = ServeurMock(Path(dossier))
        # ServeurMock hands its own environment down to the server: the clock is set there
        # for the time of the start only.
        with mock.patch.dict(os.environ, {VARIABLE_HORLOGE: horloge.isoformat()}):
            url = serveur.demarrer()
        try:
            yield url
        finally:
            serveur.arreter()
