"""The email validation link of step 9: its token and its 7-day lifetime."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

DUREE_VALIDITE = timedelta(days=7)


def lien_expire(envoye_le: datetime, maintenant: datetime) -> bool:
    """True once 7 full days have passed since the email was sent."""
    return maintenant >= envoye_le + DUREE_VALIDITE


def nouveau_jeton() -> str:
    """An unguessable token for the link (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)
