"""A mailbox where the mock's emails can be read as a person would (screen 9's email)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from mock_site import courrier

bp = Blueprint("messagerie", __name__, url_prefix="/messagerie")

# SQLite integers are 64-bit: a larger id in the URL would make the lookup itself fail.
ID_MAX = 2**63 - 1


@bp.get("")
def boite() -> str:
    """The list of messages received at an address (`?to=`)."""
    adresse = request.args.get("to", "").strip()[:254]
    return render_template(
        "messagerie/boite.html",
        adresse=adresse,
        mails=courrier.mails_pour(adresse) if adresse else [],
    )


@bp.get(f"/<int(max={ID_MAX}):identifiant>")
def message(identifiant: int) -> str:
    """One message, shown as its HTML version."""
    trouve = courrier.mail(identifiant)
    if trouve is None:
        abort(404)
    return render_template("messagerie/message.html", mail=trouve)
