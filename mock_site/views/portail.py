"""ameli.fr home: postal code, caisse dialog and the pink "Compte AMELI" frame (screens 1-2)."""

from __future__ import annotations

from flask import Blueprint, make_response, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from mock_site.rules.caisses import (
    Caisse,
    CodePostalInvalide,
    caisse_du_code_postal,
    caisse_du_departement,
)

bp = Blueprint("portail", __name__)

COOKIE_CAISSE = "caisse"
UN_AN = 365 * 24 * 3600


def caisse_memorisee() -> Caisse | None:
    """The caisse the visitor confirmed on an earlier visit (cookie), if still valid."""
    departement = request.cookies.get(COOKIE_CAISSE, "")
    if not departement:
        return None
    try:
        return caisse_du_departement(departement[:3])
    except (KeyError, ValueError):
        return None


@bp.get("/")
def accueil() -> str:
    """Home page; with `code_postal` in the query, propose that department's caisse."""
    code_postal = request.args.get("code_postal", "").strip()[:20]
    proposee: Caisse | None = None
    erreur: str | None = None
    if "code_postal" in request.args:
        try:
            proposee = caisse_du_code_postal(code_postal)
        except CodePostalInvalide as exc:
            erreur = exc.message
    return render_template(
        "portail/accueil.html",
        code_postal=code_postal,
        proposee=proposee,
        erreurs={"code_postal": erreur} if erreur else {},
        caisse=caisse_memorisee(),
        autre=request.args.get("autre") == "1",
    )


@bp.post("/caisse")
def confirmer_caisse() -> Response:
    """ "Confirmer": remember the proposed caisse for the next visits."""
    code_postal = request.form.get("code_postal", "").strip()[:20]
    try:
        caisse = caisse_du_code_postal(code_postal)
    except CodePostalInvalide:
        return redirect(url_for("portail.accueil", code_postal=code_postal))
    response = make_response(redirect(url_for("portail.accueil")))
    response.set_cookie(
        COOKIE_CAISSE, caisse.departement, max_age=UN_AN, httponly=True, samesite="Lax"
    )
    return response
