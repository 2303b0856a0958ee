"""Every wording the test side expects on the mock's screens, once: headings, labels, buttons,
links and messages, screen by screen.

The source is the tutorial (`seed/tutoriel-creer-compte-ameli.txt`, Solidarité Numérique) and,
where it shows nothing, the SPEC; the mock's templates are what these texts test. When the site
changes a wording, the change is made in three places on purpose: the template (the mock), here
(the browser tests' expectation) and `mock_site/tests/libelles.py` (the mock's own tests, which
stand apart from this side). The page objects, the browser tests and the screenshot tool import
from this module only; `Ecran.verifier_titre` names this file when a screen's heading no longer
matches, and a browser test whose failure waited for one of these texts ends with one line
naming it (`texte_en_cause`, used by `e2e/conftest.py`).

Each screen is one frozen dataclass instance: `IDENTITE.titre`, `CREATION.nir`. Fields that
format a value end in `_pour` and are methods, so a test reads `CREATION.regime_refuse_pour(…)`.

FranceConnect, screen 4's other way: its official button and help link (DSFR `fr-connect`,
typographic apostrophes) and the messages ameli shows on return are on `CREATION`, since screen 4
shows them; FranceConnect's own screens (provider choice, login, consent, error page) are
`FRANCECONNECT`, whose source is FranceConnect's documentation and integration platform;
ameli's explanation page and its logout page after a FranceConnect login are
`EXPLICATION_FRANCECONNECT` and `DECONNEXION_FRANCECONNECT`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Final

# Where a tester edits an expectation, as error messages name it.
FICHIER: Final = Path("pages") / Path(__file__).name

# Shared by screens 1 and 4: the same rule, the same message.
_CODE_POSTAL_5_CHIFFRES = "Le code postal doit comporter 5 chiffres."
_NIR = "Mon numéro de sécurité sociale"
_RETOUR = "Retour"
_CONTINUER = "Continuer"
# The service FranceConnect names on its screens, and its official help link (DSFR).
_SERVICE_FC = "ameli.fr"
_AIDE_FC = "Qu’est-ce que FranceConnect ?"


@dataclass(frozen=True)
class TextesEcran:
    """What every screen has: its number in the tutorial, a name for messages, its heading."""

    numero: int = 0
    nom: str = ""
    titre: str = ""

    def designation(self) -> str:
        """How a message names the screen: « écran 5 (confirmation d'identité) »."""
        return f"écran {self.numero} ({self.nom})"


@dataclass(frozen=True)
class _Accueil(TextesEcran):
    numero: int = 1
    nom: str = "accueil ameli.fr"
    titre: str = "Bienvenue sur ameli, le site de l'Assurance Maladie"
    code_postal: str = "Code postal"
    selectionner: str = "Sélectionner"
    caisse_choisie: str = "Votre caisse :"
    code_postal_mal_forme: str = _CODE_POSTAL_5_CHIFFRES
    code_postal_inconnu: str = "Ce code postal ne correspond à aucune caisse d'assurance maladie."
    # Screen 2: the pink frame and its pictogram.
    cadre_rose: str = "Mes services en ligne"
    compte_ameli: str = "Compte AMELI"
    infobulle_compte_ameli: str = "Votre espace personnel"
    description_compte_ameli: str = (
        "Votre espace personnel : remboursements, attestations, relevés, messagerie avec votre "
        "caisse."
    )


@dataclass(frozen=True)
class _DialogueCaisse(TextesEcran):
    numero: int = 1
    nom: str = "fenêtre de la caisse"
    titre: str = "Votre caisse d'assurance maladie"
    confirmer: str = "Confirmer"
    pas_ma_caisse: str = "Ce n'est pas ma caisse"


@dataclass(frozen=True)
class _Portail(TextesEcran):
    numero: int = 3
    nom: str = "espace assuré"
    titre: str = "Mon compte ameli"
    nir: str = _NIR
    code_personnel: str = "Mon code personnel"
    se_connecter: str = "Je me connecte"
    je_cree_mon_compte: str = "Je crée mon compte"
    connexion_refusee: str = "Le numéro de sécurité sociale ou le code personnel est incorrect."
    compte_non_active: str = "Votre compte n'est pas encore activé."


@dataclass(frozen=True)
class _Espace(TextesEcran):
    numero: int = 3
    nom: str = "espace connecté"
    # Followed by the person's first given name and name.
    titre: str = "Bienvenue"
    se_deconnecter: str = "Me déconnecter"
    non_renseigne: str = "Non renseigné"


@dataclass(frozen=True)
class _Creation(TextesEcran):
    numero: int = 4
    nom: str = "formulaire de création"
    titre: str = "Je crée mon compte ameli"
    introduction: str = "Je crée mon compte en remplissant les éléments demandés"
    champ_obligatoire: str = "champ obligatoire"
    nom_de_famille: str = "Mon nom"
    nir: str = _NIR
    date_naissance: str = "Ma date de naissance"
    code_postal: str = "Mon code postal"
    aide_nir: str = "Aide : où trouver votre numéro de sécurité sociale"
    texte_aide_nir: str = "sans la clé (les 2 derniers chiffres)"
    retour: str = _RETOUR
    continuer: str = _CONTINUER
    ou: str = "OU"
    lien_connexion: str = "Je me connecte à mon compte"
    nom_manquant: str = "Saisissez votre nom."
    nir_manquant: str = "Saisissez votre numéro de sécurité sociale."
    nir_mal_forme: str = "Le numéro de sécurité sociale doit comporter 13 caractères"
    date_manquante: str = "Saisissez votre date de naissance."
    date_irreelle: str = "La date de naissance doit être une date réelle"
    date_future: str = "La date de naissance ne peut pas être dans le futur."
    code_postal_manquant: str = "Saisissez votre code postal."
    code_postal_mal_forme: str = _CODE_POSTAL_5_CHIFFRES
    nir_incoherent: str = "ne correspond pas à la date de naissance saisie"
    identite_inconnue: str = "Les informations saisies ne permettent pas de vous identifier."
    compte_existant: str = "Un compte ameli existe déjà pour ce numéro de sécurité sociale."
    titre_non_eligible: str = "Ce service n'est pas disponible pour vous"
    nir_provisoire: str = "n'est pas accessible avec un numéro de sécurité sociale provisoire"
    # The FranceConnect way: the official button, whose two lines make one accessible name.
    via_franceconnect: str = "Je crée immédiatement mon compte via FranceConnect"
    bouton_franceconnect: str = "S’identifier avec FranceConnect"
    aide_franceconnect: str = _AIDE_FC
    infobulle_aide_franceconnect: str = f"{_AIDE_FC} - nouvelle fenêtre"
    site_franceconnect: str = "https://franceconnect.gouv.fr/"
    # ameli's messages on return from FranceConnect, in the error summary.
    franceconnect_annule: str = "Vous avez annulé la connexion avec FranceConnect."
    franceconnect_refuse: str = "Vous avez refusé la transmission de vos informations à ameli.fr"
    franceconnect_echec: str = "La connexion avec FranceConnect n'a pas abouti."
    franceconnect_expire: str = "Votre connexion avec FranceConnect a expiré ou n'est pas valide."
    franceconnect_indisponible: str = "FranceConnect est momentanément indisponible."
    franceconnect_identite_inconnue: str = (
        "L'identité transmise par FranceConnect ne correspond à aucun assuré"
    )
    franceconnect_identite_ambigue: str = (
        "L'identité transmise par FranceConnect correspond à plusieurs assurés"
    )

    def regime_refuse_pour(self, regime: str) -> str:
        """The message of a régime the service is not open to."""
        return f"Ce service n'est donc pas ouvert à votre régime ({regime})."


@dataclass(frozen=True)
class _FranceConnect(TextesEcran):
    """FranceConnect's own screens: provider choice (the heading), login, consent, error page.

    Another site than ameli.fr; its wording is FranceConnect's. The test credentials are those
    of FranceConnect's integration platform, shown on the login screen: a password for every
    identity and a demo identity ameli does not know.
    """

    numero: int = 4
    nom: str = "FranceConnect"
    titre: str = f"Je choisis un compte pour me connecter sur {_SERVICE_FC}"
    fournisseurs: str = "Comptes proposés par FranceConnect"
    impots_gouv: str = "impots.gouv.fr"
    annuler_et_revenir: str = f"Annuler et revenir sur {_SERVICE_FC}"
    # The identity provider's login screen.
    identifiants_de_test: str = "Identifiants de test"
    identifiant: str = "Identifiant"
    mot_de_passe: str = "Mot de passe"
    se_connecter: str = "Se connecter"
    identifiants_incorrects: str = "Identifiant ou mot de passe incorrect."
    mot_de_passe_test: str = "123"
    identifiant_demo: str = "test"
    identite_demo: str = "Angela Claire Louise DUBOIS"
    naissance_demo: str = "24/08/1962"
    # The consent screen: the identité pivot's labels, then the three ways out.
    donnees_transmises: str = (
        f"Pour continuer sur {_SERVICE_FC}, les données suivantes vont être transmises"
    )
    libelles_identite_pivot: tuple[str, ...] = (
        "Nom de naissance",
        "Prénoms",
        "Date de naissance",
        "Sexe",
        "Lieu de naissance",
    )
    continuer: str = f"Continuer sur {_SERVICE_FC}"
    refuser: str = "Refuser"
    annuler: str = "Annuler"
    # The error page: a code, a message, no way back.
    titre_erreur: str = "Une erreur est survenue"
    code_erreur: str = "Code d’erreur"
    demande_invalide: str = "Y030007"
    erreur_technique: str = (
        "Une erreur technique est survenue, fermez l’onglet de votre navigateur et "
        "reconnectez-vous."
    )

    def titre_connexion_pour(self, fournisseur: str) -> str:
        """The heading of an identity provider's login screen."""
        return f"Je me connecte avec {fournisseur}"

    def titre_consentement_pour(self, prenoms_et_nom: str) -> str:
        """The heading of the consent screen, with the identity the provider sent."""
        return f"Vous êtes bien connecté(e) au nom de {prenoms_et_nom}"


@dataclass(frozen=True)
class _ExplicationFranceConnect(TextesEcran):
    """ameli's own page on FranceConnect (straight apostrophe, unlike the DSFR link)."""

    numero: int = 4
    nom: str = "explication de FranceConnect"
    titre: str = "Qu'est-ce que FranceConnect ?"
    solution_de_l_etat: str = "la solution proposée par l'État"
    donnees_transmises: str = f"Quelles informations sont transmises à {_SERVICE_FC} ?"
    mot_de_passe_non_transmis: str = f"Votre mot de passe n'est jamais transmis à {_SERVICE_FC}"
    retour: str = "Retour à la création de compte"


@dataclass(frozen=True)
class _DeconnexionFranceConnect(TextesEcran):
    """ameli's page after a logout that went through FranceConnect."""

    numero: int = 3
    nom: str = "déconnexion FranceConnect"
    titre: str = "Vous êtes déconnecté"
    message: str = "Vous êtes déconnecté de votre compte ameli et de FranceConnect."
    message_incertain: str = "FranceConnect n'a pas confirmé la fin de votre session"
    me_reconnecter: str = "Me reconnecter"


@dataclass(frozen=True)
class _Identite(TextesEcran):
    numero: int = 5
    nom: str = "confirmation d'identité"
    titre: str = "Accédez immédiatement à votre compte"
    iban: str = "Saisissez les 7 derniers chiffres de votre IBAN"
    vitale: str = (
        "Saisissez les 11 derniers chiffres du numéro de série de votre carte Vitale avec photo"
    )
    aide_iban: str = "Aide : où trouver votre IBAN"
    texte_aide_iban: str = "Votre IBAN figure sur votre RIB"
    aide_vitale: str = "Aide : où trouver le numéro de série de votre carte Vitale"
    sans_numero_de_serie: str = "Je ne dispose pas du numéro de série de ma carte Vitale"
    retour: str = _RETOUR
    valider: str = "Valider"
    iban_manquant: str = "Saisissez les 7 derniers chiffres de votre IBAN."
    iban_mal_forme: str = "Saisissez exactement les 7 derniers caractères"
    vitale_manquant: str = "Saisissez les 11 derniers chiffres du numéro de série"
    vitale_mal_forme: str = "se termine par 11 chiffres"
    essais_restants: str = "Il vous reste"
    deux_essais: str = "Il vous reste 2 essais."
    un_essai: str = "Il vous reste 1 essai."
    bloque: str = "Suite à 3 saisies erronées"
    bloquee: str = "bloquée"

    def debut_iban_pour(self, prefixe: str) -> str:
        """The shown start of the IBAN, e.g. « Début de votre IBAN : FR 66 2004 »."""
        return f"Début de votre IBAN : {prefixe}"

    def debut_vitale_pour(self, prefixe: str) -> str:
        """The shown start of the Vitale serial."""
        return f"Début du numéro de série : {prefixe}"


@dataclass(frozen=True)
class _CodeProvisoire(TextesEcran):
    numero: int = 5
    nom: str = "code provisoire"
    titre: str = "Recevoir un code provisoire par courrier"
    recevoir: str = "Recevoir mon code provisoire par courrier"
    envoye: str = "Un code provisoire vous sera envoyé par courrier"
    par_courrier: str = "par courrier"
    objet_courrier: str = "Votre code provisoire pour le compte ameli"


@dataclass(frozen=True)
class _Etapes(TextesEcran):
    """The stepper of screens 6 to 8."""

    numero: int = 6
    nom: str = "étapes de la création"
    # The list's name; its items are each screen's `etape`.
    titre: str = "Étapes de la création du compte"


@dataclass(frozen=True)
class _Conditions(TextesEcran):
    numero: int = 6
    nom: str = "conditions d'utilisation"
    titre: str = "J'accepte les conditions d'utilisation"
    etape: str = "Étape 1"
    texte: str = "vous acceptez de ne plus recevoir vos relevés de prestations par courrier postal"
    conditions_detaillees: str = "les conditions d'utilisation détaillées"
    titre_conditions_detaillees: str = "Conditions d'utilisation du compte ameli"
    oui: str = "Oui, j'accepte"
    non: str = "Non, je refuse"
    annuler: str = "Annuler"
    continuer: str = _CONTINUER
    choix_manquant: str = (
        "Vous devez indiquer si vous acceptez les conditions d'utilisation pour continuer."
    )
    debut_choix_manquant: str = "Vous devez indiquer"
    titre_refus: str = "Création de compte interrompue"
    refus: str = "votre compte ameli n'a pas été créé"
    liens_pied_de_page: tuple[str, ...] = (
        "Mentions légales et CGU",
        "Aide et Accessibilité",
        "Recommandations de sécurité",
        "Protection des données personnelles",
        "Site Ameli",
    )


@dataclass(frozen=True)
class _CodePersonnel(TextesEcran):
    numero: int = 7
    nom: str = "code personnel"
    titre: str = "Je crée mon code personnel"
    etape: str = "Étape 2"
    code: str = "Saisissez un code personnel"
    confirmation: str = "Confirmer le code personnel"
    conseil: str = "Il est recommandé d'utiliser au moins 12 chiffres"
    retour: str = _RETOUR
    continuer: str = _CONTINUER
    code_manquant: str = "Saisissez un code personnel."
    longueur: str = "Le code personnel doit comporter de 8 à 13 chiffres."
    chiffres_seuls: str = "Le code personnel ne doit comporter que des chiffres."
    confirmation_manquante: str = "Confirmez le code personnel."
    codes_differents: str = "Les deux codes personnels saisis ne sont pas identiques."
    trop_simple: str = "Ce code personnel est trop simple à deviner"
    force_trop_court: str = "Code trop court : 8 chiffres au minimum."
    force_acceptable: str = "Code acceptable : 12 chiffres ou plus le rendraient fort."
    force_fort: str = "Code fort."


@dataclass(frozen=True)
class _Coordonnees(TextesEcran):
    numero: int = 8
    nom: str = "informations personnelles"
    titre: str = "Informations personnelles"
    etape: str = "Étape 3"
    rubrique_email: str = "Je saisis mon adresse email (champ obligatoire)"
    rubrique_telephones: str = "Je saisis mes coordonnées téléphoniques"
    email: str = "Saisissez votre adresse email"
    email_confirmation: str = "Je confirme mon adresse email"
    portable: str = "Saisissez votre n° de téléphone portable"
    fixe: str = "Saisissez votre n° de téléphone fixe"
    consentement_email: str = (
        "J'autorise l'Assurance Maladie à m'envoyer par email des informations promotionnelles"
    )
    consentement_portable_telephone: str = "(téléphone portable) : Par Téléphone"
    consentement_portable_sms: str = "(téléphone portable) : Par SMS"
    consentement_fixe_telephone: str = "(téléphone fixe) : Par Téléphone"
    oui: str = "Oui"
    non: str = "Non"
    retour: str = _RETOUR
    continuer: str = _CONTINUER
    email_manquant: str = "Saisissez votre adresse email."
    email_invalide: str = "L'adresse email n'est pas valide"
    email_confirmation_manquante: str = "Confirmez votre adresse email."
    emails_differents: str = "Les deux adresses email saisies ne sont pas identiques."
    portable_invalide: str = "Le numéro de téléphone portable doit être un numéro français"
    fixe_invalide: str = "Le numéro de téléphone fixe doit être un numéro français"


@dataclass(frozen=True)
class _Confirmation(TextesEcran):
    numero: int = 9
    nom: str = "confirmation"
    titre: str = "Votre compte ameli est créé"


@dataclass(frozen=True)
class _Validation(TextesEcran):
    """The page the email's link opens; its heading says what became of the link."""

    numero: int = 9
    nom: str = "validation de l'adresse"
    titre: str = "Votre adresse email est validée"
    titre_deja_utilise: str = "Ce lien a déjà été utilisé"
    titre_expire: str = "Ce lien a expiré"
    expire: str = "n'est valable que 7 jours"
    titre_nouveau_lien: str = "Un nouveau lien vous a été envoyé"
    titre_inconnu: str = "Ce lien n'est pas valide"
    je_me_connecte: str = "Je me connecte"
    nouveau_lien: str = "Recevoir un nouveau lien"


@dataclass(frozen=True)
class _Messagerie(TextesEcran):
    """The mailbox page and the validation email, whose text is the tutorial's."""

    numero: int = 9
    nom: str = "messagerie"
    titre: str = "Boîte de réception"
    sujet_validation: str = "Compte ameli : validez votre adresse email"
    lien_validation: str = "valider votre adresse email"
    boite_vide: str = "Aucun message"
    sept_jours: str = "vous ne disposez que de 7 jours"
    texte_email: tuple[str, ...] = (
        "MON COMPTE AMELI",
        "Cher(e) assuré(e),",
        "vous ne disposez que de 7 jours pour",
        "Si vous n'êtes pas à l'origine de cette demande",
        "Attention, ce message est généré par un automate.",
        "Merci de votre confiance.",
        "Votre Caisse d'Assurance Maladie",
    )


@dataclass(frozen=True)
class _Erreurs(TextesEcran):
    numero: int = 0
    nom: str = "page d'erreur"
    titre: str = "Page introuvable"


ACCUEIL: Final = _Accueil()
DIALOGUE_CAISSE: Final = _DialogueCaisse()
PORTAIL: Final = _Portail()
ESPACE: Final = _Espace()
CREATION: Final = _Creation()
FRANCECONNECT: Final = _FranceConnect()
EXPLICATION_FRANCECONNECT: Final = _ExplicationFranceConnect()
DECONNEXION_FRANCECONNECT: Final = _DeconnexionFranceConnect()
IDENTITE: Final = _Identite()
CODE_PROVISOIRE: Final = _CodeProvisoire()
ETAPES: Final = _Etapes()
CONDITIONS: Final = _Conditions()
CODE_PERSONNEL: Final = _CodePersonnel()
COORDONNEES: Final = _Coordonnees()
CONFIRMATION: Final = _Confirmation()
VALIDATION: Final = _Validation()
MESSAGERIE: Final = _Messagerie()
PAGE_INTROUVABLE: Final = _Erreurs()


def ou_est(texte: str) -> list[tuple[str, TextesEcran, str]]:
    """Where this module writes `texte`: (constant, screen, field), for error messages."""
    ecrans = [(nom, valeur) for nom, valeur in globals().items() if isinstance(valeur, TextesEcran)]
    return [
        (nom, ecran, champ.name)
        for nom, ecran in ecrans
        for champ in fields(ecran)
        if champ.name not in ("numero", "nom") and getattr(ecran, champ.name) == texte
    ]


# The quoted strings of Playwright's error: the expected text (`expected to have text '…'`)
# and the locator waited for (`get_by_role("button", name="Valider")`).
_CITATION = re.compile(r"'((?:[^'\\]|\\.)*)'" + r'|"((?:[^"\\]|\\.)*)"')


def texte_en_cause(message: str) -> str | None:
    """One line for a browser test's failure that expected or waited for a text of this module.

    Only what the test asked for is read: Playwright's expectation and the locators of its call
    log, not the page's actual value nor its accessibility snapshot."""
    demande = message.split("\nAria snapshot", 1)[0]
    lignes = [
        ligne
        for ligne in demande.splitlines()
        if not ligne.lstrip().startswith(("Actual value", "- unexpected value"))
        and "locator resolved to" not in ligne
    ]
    for simple, double in _CITATION.findall("\n".join(lignes)):
        cite = (simple or double).replace("\\'", "'").replace('\\"', '"')
        trouves = ou_est(cite)
        if trouves:
            constante, ecran, champ = trouves[0]
            return (
                f"{ecran.designation()} : {constante}.{champ} « {cite} » attendu ; si le site a "
                f"changé ce texte, reportez-le dans {FICHIER}, sinon corrigez le gabarit du mock"
            )
    return None
