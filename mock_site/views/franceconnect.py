"""FranceConnect: what it is, as linked from screen 4."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("franceconnect", __name__, url_prefix="/franceconnect")


@bp.get("/qu-est-ce-que-franceconnect")
def explication() -> str:
    """"Qu'est-ce que FranceConnect ?": the explanation page."""
    return render_template("franceconnect/explication.html")


@bp.post("/connexion")
def connexion() -> str:
    """"S'identifier avec FranceConnect" (the OpenID Connect exchange comes with the branches)."""
    return render_template("franceconnect/explication.html")
