"""Values the browser tests type: wrong answers of the right form."""

from __future__ import annotations


def autres_chiffres(chiffres: str) -> str:
    """The same number of digits, each one different (a wrong answer of the right form)."""
    return "".join(str((int(c) + 1) % 10) if c.isdigit() else "0" for c in chiffres)
