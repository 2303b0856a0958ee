"""French error pages for HTTP errors, without stack traces or internal detail."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: (
        "Requête invalide",
        "La demande envoyée n'a pas pu être comprise. Recommencez depuis la page d'accueil.",
    ),
    403: ("Accès refusé", "Vous n'avez pas accès à cette page."),
    404: ("Page introuvable", "La page demandée n'existe pas ou a été déplacée."),
    405: ("Action non autorisée", "Cette action n'est pas possible sur cette page."),
    413: ("Envoi trop volumineux", "Les informations envoyées sont trop volumineuses."),
    500: (
        "Service momentanément indisponible",
        "Une erreur est survenue. Veuillez réessayer plus tard.",
    ),
}


def _wants_json() -> bool:
    return request.path.startswith("/_test/") or request.accept_mimetypes.best == "application/json"


def _render(code: int, detail: str | None = None) -> ResponseReturnValue:
    titre, message = MESSAGES.get(code, MESSAGES[500])
    if _wants_json():
        return {"erreur": titre, "message": detail or message}, code
    return render_template(
        "erreurs/erreur.html", code=code, titre=titre, message=detail or message
    ), code


def init_app(app: Flask) -> None:
    """Register the French error pages."""

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> ResponseReturnValue:
        """A form sent without its security token (expired page or forged request)."""
        return _render(
            400,
            "Votre session a expiré ou le formulaire n'est plus valide. "
            "Rechargez la page et recommencez.",
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> ResponseReturnValue:
        """Any HTTP error as a French page."""
        return _render(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> ResponseReturnValue:
        """An unexpected error: logged, shown as a French 500 without detail."""
        if isinstance(error, HTTPException):
            return http_error(error)
        app.logger.exception("Erreur inattendue", exc_info=error)
        return _render(InternalServerError.code)
