"""The mock's clock: real time plus an offset the test-data API can move forward.

The offset is kept in the database, so every server worker sees the same time, and may be
narrowed to one browser session so that a test ageing its own links does not age anyone
else's when tests share a server.

In test and demo modes, `MOCK_CLOCK_START` (config `CLOCK_START`) stops the clock at a fixed
moment instead of real time, so that screenshots never show a live date; the offset still
applies on top of it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app, has_request_context, session

from mock_site import store

CLE_SESSION = "horloge_decalage"
# Far beyond any expiry a test may want to reach, and far from year 9999 where dates end:
# without a bound, repeated moves would overflow and every page would fail.
DECALAGE_MAX_SECONDES = int(timedelta(days=100 * 365).total_seconds())


class DecalageTropGrand(ValueError):
    """A move that would take the clock more than `DECALAGE_MAX_SECONDES` ahead."""


def maintenant() -> datetime:
    """The current time as the mock sees it (timezone-aware, UTC)."""
    row = store.db().execute("SELECT decalage_secondes FROM horloge WHERE id = 1").fetchone()
    decalage = int(row["decalage_secondes"]) if row else 0
    if has_request_context():
        decalage += int(session.get(CLE_SESSION, 0))
    return _origine() + timedelta(seconds=decalage)


def _origine() -> datetime:
    """The fixed `CLOCK_START` when the test-data API is on and it is set, else real time."""
    debut: datetime | None = current_app.config.get("CLOCK_START")
    if debut is not None and current_app.config["TEST_DATA_API"]:
        return debut
    return datetime.now(UTC)


def avancer(jours: float, *, pour_la_session: bool) -> datetime:
    """Move the clock forward by some days, for the caller's session or for everyone.

    Raises DecalageTropGrand, and moves nothing, past `DECALAGE_MAX_SECONDES` in all.
    """
    secondes = int(timedelta(days=jours).total_seconds())
    if pour_la_session:
        decalage = int(session.get(CLE_SESSION, 0)) + secondes
        if decalage > DECALAGE_MAX_SECONDES:
            raise DecalageTropGrand(decalage)
        session[CLE_SESSION] = decalage
    else:
        with store.transaction() as connection:
            deplace = connection.execute(
                "UPDATE horloge SET decalage_secondes = decalage_secondes + ? "
                "WHERE id = 1 AND decalage_secondes + ? <= ?",
                (secondes, secondes, DECALAGE_MAX_SECONDES),
            ).rowcount
        if not deplace:
            raise DecalageTropGrand(secondes)
    return maintenant()


def iso(moment: datetime) -> str:
    """Store a moment as ISO-8601 text."""
    return moment.isoformat(timespec="seconds")


def depuis_iso(texte: str) -> datetime:
    """Read a moment stored by `iso`."""
    return datetime.fromisoformat(texte)
