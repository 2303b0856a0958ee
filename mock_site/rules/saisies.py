"""What each screen's form accepts: one function per screen, from the typed values to the errors.

The values come stripped and bounded (`views.formulaires.champs`); each function answers the
errors by field name, empty when the screen accepts what was typed. The views only read the
form, call the screen's function and act on the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mock_site.rules import code_personnel, contact, identite, nir

# Longer than any field of the site accepts (an email address: 254 characters).
LONGUEUR_MAX = 254
MESSAGE_TROP_LONG = "Cette valeur est trop longue."

CONSENTEMENTS = (
    "consent_email",
    "consent_portable_tel",
    "consent_portable_sms",
    "consent_fixe_tel",
)

MESSAGES_CONNEXION = {
    "nir": "Saisissez votre numéro de sécurité sociale.",
    "code": "Saisissez votre code personnel.",
}
MESSAGES_CREATION = {
    "nom": "Saisissez votre nom.",
    "nir": "Saisissez votre numéro de sécurité sociale.",
    "date_naissance": "Saisissez votre date de naissance.",
    "code_postal": "Saisissez votre code postal.",
}
MESSAGE_CODE_POSTAL = "Le code postal doit comporter 5 chiffres."
MESSAGE_NIR_NAISSANCE = (
    "Le numéro de sécurité sociale ne correspond pas à la date de naissance saisie."
)
MESSAGE_IBAN_VIDE = "Saisissez les 7 derniers chiffres de votre IBAN."
MESSAGE_IBAN_FORMAT = "Saisissez exactement les 7 derniers caractères de votre IBAN."
MESSAGE_VITALE_VIDE = "Saisissez les 11 derniers chiffres du numéro de série de votre carte Vitale."
MESSAGE_VITALE_FORMAT = "Le numéro de série de la carte Vitale se termine par 11 chiffres."
MESSAGE_CONDITIONS = (
    "Vous devez indiquer si vous acceptez les conditions d'utilisation pour continuer."
)


def trop_longs(valeurs: dict[str, str]) -> dict[str, str]:
    """An error for each value longer than any field of the site accepts."""
    return {nom: MESSAGE_TROP_LONG for nom, valeur in valeurs.items() if len(valeur) > LONGUEUR_MAX}


def _chiffres_ascii(texte: str, longueur: int) -> bool:
    return len(texte) == longueur and texte.isascii() and texte.isdigit()


# Screen 3: the portal's login -------------------------------------------------------------------


def erreurs_connexion(valeurs: dict[str, str]) -> dict[str, str]:
    """The login form (`nir`, `code`): both required."""
    erreurs = trop_longs(valeurs)
    for champ, message in MESSAGES_CONNEXION.items():
        if not valeurs[champ]:
            erreurs[champ] = message
    return erreurs


# Screen 4: name, NIR, birth date, postal code ---------------------------------------------------


@dataclass(frozen=True)
class Creation:
    """Screen 4 read: its errors, and the NIR and birth date when they could be read."""

    erreurs: dict[str, str]
    numero: nir.Nir | None
    naissance: date | None


def lire_creation(valeurs: dict[str, str], aujourd_hui: date) -> Creation:
    """Screen 4's field-by-field checks: formats, dates, and the NIR against the birth date."""
    erreurs = trop_longs(valeurs)
    for champ, message in MESSAGES_CREATION.items():
        if not valeurs[champ]:
            erreurs.setdefault(champ, message)
    numero: nir.Nir | None = None
    naissance: date | None = None
    if "nir" not in erreurs:
        try:
            numero = nir.lire_nir(valeurs["nir"])
        except nir.NirInvalide as exc:
            erreurs["nir"] = exc.message
    if "date_naissance" not in erreurs:
        try:
            naissance = identite.date_naissance_valide(valeurs["date_naissance"], aujourd_hui)
        except identite.DateInvalide as exc:
            erreurs["date_naissance"] = exc.message
    if "code_postal" not in erreurs and not _chiffres_ascii(valeurs["code_postal"], 5):
        erreurs["code_postal"] = MESSAGE_CODE_POSTAL
    if numero and naissance and not nir.nir_correspond_naissance(numero, naissance):
        erreurs["nir"] = MESSAGE_NIR_NAISSANCE
    return Creation(erreurs, numero, naissance)


# Screen 5: the IBAN's and the Vitale serial's last digits ---------------------------------------


def normaliser_identite(valeurs: dict[str, str]) -> dict[str, str]:
    """The digits as compared: without spaces, letters in capitals."""
    return {nom: valeur.replace(" ", "").upper() for nom, valeur in valeurs.items()}


def erreurs_identite(valeurs: dict[str, str]) -> dict[str, str]:
    """Screen 5's formats: 7 letters or digits of the IBAN, 11 digits of the Vitale serial."""
    erreurs = trop_longs(valeurs)
    iban7, vitale11 = valeurs["iban7"], valeurs["vitale11"]
    if not iban7:
        erreurs["iban7"] = MESSAGE_IBAN_VIDE
    elif not (len(iban7) == 7 and iban7.isascii() and iban7.isalnum()):
        erreurs["iban7"] = MESSAGE_IBAN_FORMAT
    if not vitale11:
        erreurs["vitale11"] = MESSAGE_VITALE_VIDE
    elif not _chiffres_ascii(vitale11, 11):
        erreurs["vitale11"] = MESSAGE_VITALE_FORMAT
    return erreurs


def message_essais_restants(restants: int) -> str:
    """What screen 5 says after wrong digits, while attempts remain."""
    return (
        "Les informations saisies ne correspondent pas à celles de votre dossier. "
        f"Il vous reste {restants} essai{'s' if restants > 1 else ''}."
    )


# Screen 6: the terms of use ---------------------------------------------------------------------


def erreurs_conditions(valeurs: dict[str, str]) -> dict[str, str]:
    """Screen 6: "oui" or "non" must be chosen."""
    if valeurs["conditions"] in ("oui", "non"):
        return {}
    return {"conditions": MESSAGE_CONDITIONS}


# Screen 7: the personal code --------------------------------------------------------------------


def erreurs_code(valeurs: dict[str, str], naissance: date) -> dict[str, str]:
    """Screen 7 (`code`, `confirmation`): the personal code's rules, typed twice."""
    return trop_longs(valeurs) or code_personnel.erreurs_code_personnel(
        valeurs["code"], valeurs["confirmation"], naissance
    )


# Screen 8: email, phones, consents --------------------------------------------------------------


def normaliser_coordonnees(valeurs: dict[str, str]) -> dict[str, str]:
    """Every consent "oui" or "non": anything but "oui" (unsent, unexpected) counts as "non"."""
    return {
        nom: ("oui" if valeur == "oui" else "non") if nom in CONSENTEMENTS else valeur
        for nom, valeur in valeurs.items()
    }


def erreurs_coordonnees(valeurs: dict[str, str]) -> dict[str, str]:
    """Screen 8: the email typed twice, the optional French phones."""
    erreurs = trop_longs(valeurs)
    for champ, message in contact.erreurs_email(
        valeurs["email"], valeurs["email_confirmation"]
    ).items():
        erreurs["email" if champ == "email" else "email_confirmation"] = message
    for telephone in ("portable", "fixe"):
        if (message_tel := contact.erreur_telephone(valeurs[telephone], telephone)) is not None:
            erreurs[telephone] = message_tel
    return erreurs
