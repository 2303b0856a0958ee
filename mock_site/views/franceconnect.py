"""FranceConnect, both sides: ameli's "S'identifier avec FranceConnect" and the mock provider.

`bp` is ameli's side (screen 4's button, the return from FranceConnect, "Qu'est-ce que
FranceConnect ?"). `fournisseur` is the mock FranceConnect: the provider choice, the provider's
login, the consent screen, and the OpenID Connect endpoints (token, userinfo, JWKS, discovery).
Both live under `/franceconnect`; ameli reaches the provider only through its URLs, so the
provider can as well run in another process (`FRANCECONNECT_URL`).
"""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode, urlsplit

from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import AccessDeniedError
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.blueprints import BlueprintSetupState
from werkzeug.wrappers import Response

from mock_site import parcours, registre, security
from mock_site.franceconnect import client, identites, provider, rapprochement
from mock_site.franceconnect.identites import Identite
from mock_site.rules import eligibilite, nir
from mock_site.views.formulaires import champs, trop_longs

Page = str | Response | tuple[str, int]

# ameli.fr ------------------------------------------------------------------------------------

bp = Blueprint("franceconnect", __name__, url_prefix="/franceconnect")

CATEGORIE_MESSAGE = "franceconnect"
CATEGORIE_COMPTE_EXISTANT = "compte_existant"
MESSAGE_IDENTITE_INCONNUE = (
    "L'identité transmise par FranceConnect ne correspond à aucun assuré de l'Assurance "
    "Maladie. Créez votre compte en remplissant le formulaire ci-dessous avec votre numéro de "
    "sécurité sociale."
)
MESSAGE_COMPTE_EXISTANT = "Un compte ameli existe déjà pour ce numéro de sécurité sociale."


def _origine(url: str) -> str:
    parties = urlsplit(url)
    return f"{parties.scheme}://{parties.netloc}"


def csp_formulaires_vers(url: str) -> str:
    """The site's CSP, with forms also allowed to lead to another site's origin.

    Browsers apply `form-action` to the redirections that follow a form, so a form whose
    answer redirects to FranceConnect (or back to ameli) elsewhere needs that origin listed.
    """
    origine = _origine(url)
    if origine == _origine(request.url_root):
        return security.CONTENT_SECURITY_POLICY
    return security.CONTENT_SECURITY_POLICY.replace("form-action 'self'",
                                                    f"form-action 'self' {origine}")


@bp.after_app_request
def _formulaires_vers_franceconnect(reponse: Response) -> Response:
    """Let ameli's forms lead to FranceConnect when it runs elsewhere (`FRANCECONNECT_URL`)."""
    ailleurs = current_app.config.get("FRANCECONNECT_URL")
    if ailleurs and reponse.mimetype == "text/html":
        reponse.headers.setdefault("Content-Security-Policy", csp_formulaires_vers(ailleurs))
    return reponse


def _vers_le_formulaire(message: str, categorie: str = CATEGORIE_MESSAGE) -> Response:
    """Back to screen 4, which shows the message in its error summary."""
    flash(message, categorie)
    return redirect(url_for("compte.creation"))


@bp.get("/qu-est-ce-que-franceconnect")
def explication() -> str:
    """"Qu'est-ce que FranceConnect ?": the explanation page."""
    return render_template("franceconnect/explication.html",
                           donnees=list(identites.DONNEES.values()),
                           fournisseurs=list(identites.FOURNISSEURS.values()))


@bp.post("/connexion")
def connexion() -> Response:
    """"S'identifier avec FranceConnect": off to FranceConnect's authorization endpoint."""
    try:
        adresse = client.commencer_connexion(url_for(".retour", _external=True))
    except client.EchecFranceConnect as echec:
        current_app.logger.warning("FranceConnect : %s", echec.detail)
        return _vers_le_formulaire(echec.message)
    return redirect(adresse)


@bp.get("/retour")
def retour() -> Page:
    """The return from FranceConnect: identity checked, then straight to the terms (screen 6)."""
    try:
        identite = client.terminer_connexion(request.args)
    except client.EchecFranceConnect as echec:
        current_app.logger.warning("FranceConnect : %s", echec.detail)
        return _vers_le_formulaire(echec.message)
    personne = rapprochement.assure_de_l_identite(identite)
    try:
        numero = nir.lire_nir(personne["nir"]) if personne is not None else None
    except nir.NirInvalide:
        numero = None
    if personne is None or numero is None:
        return _vers_le_formulaire(MESSAGE_IDENTITE_INCONNUE)
    # The same rules as screen 4. An identity established by FranceConnect needs no IBAN or
    # Vitale check, so screen 5 (and its lock after three failures) is skipped.
    if (motif := eligibilite.motif_ineligibilite(personne["regime"], numero)) is not None:
        message = eligibilite.message_ineligibilite(motif, personne["regime"])
        return render_template("compte/ineligible.html", message=message), 403
    if registre.compte(numero.valeur) is not None:
        return _vers_le_formulaire(MESSAGE_COMPTE_EXISTANT, CATEGORIE_COMPTE_EXISTANT)
    suivi = parcours.courant_ou_nouveau()
    if suivi.nir != numero.valeur:
        suivi.donnees = {}
    suivi.nir = numero.valeur
    suivi.garder("creation", {
        "nom": personne["nom"],
        "nir": numero.valeur,
        "date_naissance": "/".join(reversed(personne["date_naissance"].split("-"))),
        "code_postal": personne["code_postal"],
    })
    suivi.garder("franceconnect", {"sub": str(identite.get("sub", ""))})
    suivi.atteindre("conditions")
    parcours.enregistrer(suivi)
    return redirect(url_for("compte.conditions"))


# The mock FranceConnect ----------------------------------------------------------------------

fournisseur = Blueprint("fournisseur_fc", __name__, url_prefix="/franceconnect")


@fournisseur.record_once
def _initialiser(etat: BlueprintSetupState) -> None:
    """Give the application its authorization server when the blueprint is registered."""
    provider.init_app(cast(Flask, etat.app))


CLE_DEMANDE = "fc_demande"
CLE_UTILISATEUR = "fc_utilisateur"
CLE_FOURNISSEUR = "fc_fournisseur"
AUCUNE_DEMANDE = (
    "Aucune demande de connexion n'est en cours. Retournez sur le site du service et cliquez "
    "à nouveau sur « S'identifier avec FranceConnect »."
)
DEMANDE_INVALIDE = (
    "La demande de connexion envoyée par le service est invalide : FranceConnect ne peut pas "
    "y donner suite."
)
IDENTIFIANTS_INCORRECTS = "Identifiant ou mot de passe incorrect."


def _erreur_fc(message: str, statut: int = 400) -> tuple[str, int]:
    return render_template("franceconnect/erreur.html", message=message), statut


def _oublier_demande() -> None:
    for cle in (CLE_DEMANDE, CLE_UTILISATEUR, CLE_FOURNISSEUR):
        session.pop(cle, None)


def _reponse_erreur(erreur: OAuth2Error) -> Page:
    """An error the service must hear of (sent to its redirect URI), else an error page."""
    _oublier_demande()
    if erreur.redirect_uri:
        reponse: Response = provider.serveur().handle_error_response(None, erreur)
        return reponse
    current_app.logger.warning("FranceConnect : demande refusée (%s)", erreur.error)
    return _erreur_fc(DEMANDE_INVALIDE)


def _demande_en_cours() -> dict[str, str] | None:
    parametres = session.get(CLE_DEMANDE)
    return parametres if isinstance(parametres, dict) else None


def _utilisateur_connecte() -> Identite | None:
    identifiant = session.get(CLE_UTILISATEUR)
    return identites.identite(identifiant) if isinstance(identifiant, str) else None


def _contexte() -> dict[str, Any]:
    return {"service": provider.client_ameli().nom}


@fournisseur.get("/authorize")
def autoriser() -> Page:
    """The authorization endpoint: checks the request, then lets the person choose a provider."""
    parametres = provider.parametres_a_garder(request.args.to_dict())
    if parametres is None:
        return _erreur_fc(DEMANDE_INVALIDE)
    try:
        provider.serveur().get_consent_grant(end_user=None)
    except OAuth2Error as erreur:
        return _reponse_erreur(erreur)
    _oublier_demande()
    session[CLE_DEMANDE] = parametres
    return render_template("franceconnect/choix.html", fournisseurs=identites.FOURNISSEURS,
                           **_contexte())


@fournisseur.route("/fournisseur/<code>", methods=["GET", "POST"])
def connexion_fournisseur(code: str) -> Page:
    """An identity provider's login screen (test credentials shown on it)."""
    nom = identites.FOURNISSEURS.get(code)
    if nom is None:
        abort(404)
    if _demande_en_cours() is None:
        return _erreur_fc(AUCUNE_DEMANDE)
    contexte = {"fournisseur": nom, "code": code, **_contexte()}
    if request.method == "GET":
        return render_template("franceconnect/connexion.html", erreurs={}, valeurs={},
                               **contexte)
    valeurs = champs("identifiant", "mot_de_passe")
    erreurs = trop_longs(valeurs)
    if not valeurs["identifiant"]:
        erreurs.setdefault("identifiant", "Saisissez votre identifiant.")
    if not valeurs["mot_de_passe"]:
        erreurs.setdefault("mot_de_passe", "Saisissez votre mot de passe.")
    identite = None if erreurs else identites.authentifier(valeurs["identifiant"],
                                                           valeurs["mot_de_passe"])
    if identite is None:
        if not erreurs:
            erreurs["formulaire"] = IDENTIFIANTS_INCORRECTS
        return render_template("franceconnect/connexion.html", erreurs=erreurs,
                               valeurs={"identifiant": valeurs["identifiant"]}, **contexte), 422
    session[CLE_UTILISATEUR] = identite.identifiant
    session[CLE_FOURNISSEUR] = code
    return redirect(url_for(".consentement"))


@fournisseur.route("/consentement", methods=["GET", "POST"])
def consentement() -> Page:
    """The data sent to the service; "Continuer" issues the code, "Refuser" says no."""
    parametres = _demande_en_cours()
    if parametres is None:
        return _erreur_fc(AUCUNE_DEMANDE)
    identite = _utilisateur_connecte()
    if identite is None:
        return redirect(f"{url_for('.autoriser')}?{urlencode(parametres)}")
    serveur = provider.serveur()
    demande = provider.demande_enregistree(parametres, request.url)
    try:
        grant = serveur.get_consent_grant(request=demande, end_user=identite)
    except OAuth2Error as erreur:
        return _reponse_erreur(erreur)
    if request.method == "GET":
        code_fournisseur = str(session.get(CLE_FOURNISSEUR, ""))
        page = render_template(
            "franceconnect/consentement.html", identite=identite,
            donnees=identite.donnees_affichees(demande.scope),
            fournisseur=identites.FOURNISSEURS.get(code_fournisseur, ""), **_contexte(),
        )
        # The consent form's answer redirects to the service, wherever it runs.
        return Response(page, mimetype="text/html", headers={
            "Content-Security-Policy": csp_formulaires_vers(grant.redirect_uri)})
    accepte = request.form.get("decision") == "continuer"
    reponse: Response = serveur.create_authorization_response(
        request=demande, grant_user=identite if accepte else None, grant=grant)
    _oublier_demande()
    return reponse


@fournisseur.get("/annuler")
def annuler() -> Page:
    """"Annuler": back to the service, which hears that the person left."""
    parametres = _demande_en_cours()
    if parametres is None:
        return _erreur_fc(AUCUNE_DEMANDE)
    demande = provider.demande_enregistree(parametres, request.url)
    try:
        grant = provider.serveur().get_consent_grant(request=demande)
    except OAuth2Error as erreur:
        return _reponse_erreur(erreur)
    return _reponse_erreur(AccessDeniedError(description=client.DESCRIPTION_ANNULATION,
                                             redirect_uri=grant.redirect_uri,
                                             state=parametres.get("state")))


@fournisseur.post("/token")
def jeton() -> Response:
    """The token endpoint (back channel): a code for an access token and an id_token."""
    reponse: Response = provider.serveur().create_token_response()
    return reponse


@fournisseur.route("/userinfo", methods=["GET", "POST"])
def infos_utilisateur() -> Response:
    """The userinfo endpoint (back channel): the identity, for a valid access token."""
    reponse: Response = provider.serveur().create_endpoint_response("userinfo")
    return reponse


@fournisseur.get("/jwks")
def cles() -> Response:
    """The public keys that verify the id_tokens."""
    return jsonify(provider.jwks())


@fournisseur.get("/.well-known/openid-configuration")
def decouverte() -> Response:
    """The discovery document."""
    return jsonify(provider.metadonnees())
