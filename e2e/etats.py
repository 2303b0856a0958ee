"""States the browser-test fixtures put the mock in, as values tests can read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CompteEnAttente:
    """An account created up to screen 9 whose email is not validated yet."""

    email: str
    code_personnel: str
