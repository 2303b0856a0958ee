"""The test-data API's clock: it says what it moves, and refuses a move that reaches no one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient

pytestmark = pytest.mark.unit

# Real time passes while a test runs: a move is checked to this precision.
MARGE = timedelta(minutes=5)


def _instant(reponse_json: dict[str, str]) -> datetime:
    return datetime.fromisoformat(reponse_json["now"])


def _proche(instant: datetime, attendu: datetime) -> bool:
    return abs(instant - attendu) < MARGE


def test_refuse_d_avancer_l_horloge_de_session_sans_cookie_de_session(
    client: FlaskClient,
) -> None:
    """Without the browser's cookies (curl, requests) a session move is a 400 saying why."""
    reponse = client.post("/_test/clock", json={"days": 8})
    assert reponse.status_code == 400
    message = reponse.get_json()["erreur"]
    assert "cookies" in message
    assert '"global": true' in message
    # Nothing moved, not even for everyone.
    controle = client.post("/_test/clock", json={"days": 0, "global": True}).get_json()
    assert _proche(_instant(controle), datetime.now(UTC))


def test_accepte_d_avancer_l_horloge_de_la_session_du_navigateur(client: FlaskClient) -> None:
    """With a browser session the move is the session's, and the answer says so."""
    client.get("/compte")
    reponse = client.post("/_test/clock", json={"days": 8})
    assert reponse.status_code == 200
    assert reponse.get_json()["portee"] == "session"
    assert _proche(_instant(reponse.get_json()), datetime.now(UTC) + timedelta(days=8))
    autre = client.application.test_client()
    controle = autre.post("/_test/clock", json={"days": 0, "global": True}).get_json()
    assert _proche(_instant(controle), datetime.now(UTC))


def test_accepte_d_avancer_l_horloge_de_tout_le_monde_sans_session(
    client: FlaskClient,
) -> None:
    """`"global": true` needs no session; the answer says it acts for everyone."""
    reponse = client.post("/_test/clock", json={"days": 8, "global": True})
    assert reponse.status_code == 200
    assert reponse.get_json()["portee"] == "globale"
    autre = client.application.test_client()
    controle = autre.post("/_test/clock", json={"days": 0, "global": True}).get_json()
    assert _proche(_instant(controle), datetime.now(UTC) + timedelta(days=8))
