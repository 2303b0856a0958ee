"""Every wording the mock's own tests expect, once: headings, window titles, labels, buttons,
links, messages, the tutorial's sentences and the email, screen by screen.

The mock stands alone, so its tests keep their own wording rather than the test side's
(`pages/textes.py`, which the page objects and the browser tests read). When the site changes a
wording, the change is made in three places, on purpose: the template (or the rule module that
writes a message), `pages/textes.py`, and here. A test of the mock whose failure shows a text of
this module ends with one line naming this file (`libelle_en_cause`, used by `conftest.py`).

The source is the tutorial (`seed/tutoriel-creer-compte-ameli.txt`, Solidarité Numérique) and,
where it shows nothing, the SPEC and the mock's own screens as agreed with the test side. Each
screen is one frozen dataclass instance: `IDENTITE.titre`, `CREATION.nir`; fields that format
a value end in `_pour` and are methods. The mock's tests compare messages whole: a field holds
the whole sentence. No test module of the mock writes one of these texts again
(`test_libelles.py` checks it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Final

# Where a tester edits an expectation, as the failure messages of the mock's tests name it.
FICHIER: Final = "mock_site/tests/libelles.py"
SITE: Final = "ameli.fr"

# Shared by several screens: the same rule, the same message.
_CODE_POSTAL_5_CHIFFRES = "Le code postal doit comporter 5 chiffres."
_NIR = "Mon numéro de sécurité sociale"
_RETOUR = "Retour"
_CONTINUER = "Continuer"
_JE_ME_CONNECTE = "Je me connecte"
_TROP_LONG = "Cette valeur est trop longue."
_NIR_MANQUANT = "Saisissez votre numéro de sécurité sociale."
_NIR_MAL_FORME = (
    "Le numéro de sécurité sociale doit comporter 13 caractères : sexe, année, mois, "
    "département, commune et numéro d'ordre."
)
_DATE_IRREELLE = "La date de naissance doit être une date réelle au format JJ/MM/AAAA."
_CODE_TROP_SIMPLE = (
    "Ce code personnel est trop simple à deviner : évitez les suites de chiffres, les chiffres "
    "répétés et votre date de naissance."
)
_EMAIL_INVALIDE = "L'adresse email n'est pas valide (exemple : prenom.nom@exemple.fr)."
_PORTABLE_INVALIDE = (
    "Le numéro de téléphone portable doit être un numéro français commençant par 06 ou 07 "
    "(exemple : 06 12 34 56 78)."
)
_FIXE_INVALIDE = (
    "Le numéro de téléphone fixe doit être un numéro français commençant par 01 à 05 ou 09 "
    "(exemple : 01 23 45 67 89)."
)
_COMPTE_EXISTANT = "Un compte ameli existe déjà pour ce numéro de sécurité sociale."
_LIEN_CONNEXION = "Je me connecte à mon compte"
_REGIMES_PARTENAIRES = (
    "CAMIEG, CAVIMAC, CNMSS, CRPCEN, ENIM, INTÉRIALE, LA MUTUELLE GÉNÉRALE, MGP, MNH, "
    "SOLSANTIS, HARMONIE FONCTION PUBLIQUE, CANSSM et LMDE"
)
_VALIDER_EMAIL = "valider votre adresse email"
_SEPT_JOURS = f"Ne tardez pas : vous ne disposez que de 7 jours pour {_VALIDER_EMAIL}."
_AUTORISATION_TELEPHONE = (
    "J'autorise l'Assurance Maladie à me communiquer des informations promotionnelles sur ses "
    "services"
)
_SERVICE_FC = "ameli.fr"
_AIDE_FC = "Qu’est-ce que FranceConnect ?"


def fenetre(titre: str, site: str = SITE) -> str:
    """A window title: the page's name, then the site's (« … - ameli.fr »)."""
    return f"{titre} - {site}"


@dataclass(frozen=True)
class TextesEcran:
    """What every screen has: its heading, and its window's title when it says otherwise."""

    titre: str = ""
    titre_fenetre: str = ""

    def fenetre(self) -> str:
        """The window's title: « <the screen's> - ameli.fr »."""
        return fenetre(self.titre_fenetre or self.titre)


@dataclass(frozen=True)
class _Commun(TextesEcran):
    """The frame of every page: skip link, header and footer, error summary."""

    aller_au_contenu: str = "Aller au contenu"
    liens_utiles: str = "Liens utiles"
    publics: str = "Publics"
    retour_accueil_compte: str = "Retour à l'accueil du compte"
    retour_accueil: str = "Retour à l'accueil"
    trop_long: str = _TROP_LONG
    # The account pages' header and the footer links of the tutorial's screen 6.
    entete_et_pied: tuple[str, ...] = (
        "Compte ameli",
        "Assurance Maladie",
        "Mentions légales et CGU",
        "Aide et Accessibilité",
        "Recommandations de sécurité",
        "Protection des données personnelles",
        "Site Ameli",
    )

    def resume_erreurs_pour(self, nombre: int) -> str:
        """The error summary's first words: « Le formulaire contient 2 erreurs : »."""
        return f"Le formulaire contient {nombre} erreur{'s' if nombre > 1 else ''} :"


@dataclass(frozen=True)
class _Accueil(TextesEcran):
    titre: str = "Bienvenue sur ameli, le site de l'Assurance Maladie"
    titre_fenetre: str = "Accueil"
    entete: tuple[str, ...] = (
        "Aller au contenu",
        "Assuré",
        "Professionnel de santé",
        "Entreprise",
    )
    public_courant: str = "Assuré"
    code_postal: str = "Code postal"
    indication_code_postal: str = (
        "Renseignez les 5 chiffres du code postal de votre lieu de résidence pour afficher les "
        "informations de votre caisse."
    )
    selectionner: str = "Sélectionner"
    accroche: str = "Rembourser, informer, prévenir"
    presentation: str = (
        "Retrouvez vos démarches, vos droits et vos remboursements, et créez votre compte ameli "
        "pour les suivre en ligne."
    )
    caisse_choisie: str = "Votre caisse :"
    code_postal_mal_forme: str = _CODE_POSTAL_5_CHIFFRES
    code_postal_inconnu: str = "Ce code postal ne correspond à aucune caisse d'assurance maladie."
    # Screen 2: the pink frame and its pictograms, each described on hover and focus.
    cadre_rose: str = "Mes services en ligne"
    compte_ameli: str = "Compte AMELI"
    description_compte_ameli: str = (
        "Votre espace personnel : remboursements, attestations, relevés, messagerie avec votre "
        "caisse."
    )
    amelipro: str = "amelipro"
    description_amelipro: str = "Le portail des professionnels de santé."
    net_entreprises: str = "Net-entreprises"
    description_net_entreprises: str = "Les déclarations des employeurs."
    mention_du_tutoriel: str = (
        "Ce site reproduit, à des fins de test, les écrans du tutoriel « Créer un compte Ameli "
        "depuis mon ordinateur » (Solidarité Numérique, Licence Ouverte 2.0)."
    )

    def caisse_choisie_pour(self, caisse: str) -> str:
        """The home once a caisse is confirmed: « Votre caisse : CPAM de Paris (75) »."""
        return f"{self.caisse_choisie} {caisse}"


@dataclass(frozen=True)
class _DialogueCaisse(TextesEcran):
    titre: str = "Votre caisse d'assurance maladie"
    confirmer: str = "Confirmer"
    pas_ma_caisse: str = "Ce n'est pas ma caisse"

    def proposition_pour(self, caisse: str) -> str:
        """The dialog's sentence: « La caisse de votre département est : CPAM de Paris (75) »."""
        return f"La caisse de votre département est : {caisse}"


@dataclass(frozen=True)
class _Portail(TextesEcran):
    titre: str = "Mon compte ameli"
    nir: str = _NIR
    code_personnel: str = "Mon code personnel"
    se_connecter: str = _JE_ME_CONNECTE
    pas_encore_de_compte: str = "Vous n'avez pas encore de compte ?"
    invitation: str = (
        "Suivez vos remboursements, téléchargez vos attestations et contactez votre caisse en "
        "ligne."
    )
    je_cree_mon_compte: str = "Je crée mon compte"
    connexion_refusee: str = "Le numéro de sécurité sociale ou le code personnel est incorrect."
    compte_non_active: str = (
        "Votre compte n'est pas encore activé. Cliquez sur le lien « valider votre adresse "
        "email » reçu par email pour l'activer."
    )
    nir_manquant: str = _NIR_MANQUANT
    code_manquant: str = "Saisissez votre code personnel."


@dataclass(frozen=True)
class _Espace(TextesEcran):
    # Followed by the person's first given name and name.
    titre: str = "Bienvenue"
    titre_fenetre: str = "Mon espace"
    rubriques: tuple[str, ...] = ("Mes paiements", "Mes démarches", "Mes attestations")
    messagerie: str = "Ma messagerie"
    coordonnees: str = "Mes coordonnées"
    preferences: str = "Mes préférences de contact"
    email: str = "Adresse email"
    portable: str = "Téléphone portable"
    fixe: str = "Téléphone fixe"
    consentement_email: str = "Informations promotionnelles par email"
    consentement_portable_telephone: str = "Par téléphone, sur le portable"
    consentement_portable_sms: str = "Par SMS, sur le portable"
    consentement_fixe_telephone: str = "Par téléphone, sur le fixe"
    oui: str = "Oui"
    non: str = "Non"
    se_deconnecter: str = "Me déconnecter"
    non_renseigne: str = "Non renseigné"

    def titre_pour(self, prenom_et_nom: str) -> str:
        """The heading: « Bienvenue Claire DURAND »."""
        return f"{self.titre} {prenom_et_nom}"


@dataclass(frozen=True)
class _Creation(TextesEcran):
    titre: str = "Je crée mon compte ameli"
    introduction: str = "Je crée mon compte en remplissant les éléments demandés"
    champ_obligatoire: str = "champ obligatoire"
    nom_de_famille: str = "Mon nom"
    nir: str = _NIR
    date_naissance: str = "Ma date de naissance"
    code_postal: str = "Mon code postal"
    aide_nom: str = "Aide : votre nom de naissance"
    texte_aide_nom: str = (
        "Saisissez votre nom de naissance, tel qu'il figure sur votre carte Vitale."
    )
    aide_nir: str = "Aide : où trouver votre numéro de sécurité sociale"
    texte_aide_nir: str = (
        "Les 13 premiers caractères du numéro inscrit sur votre carte Vitale, sans la clé (les 2 "
        "derniers chiffres)."
    )
    aide_date: str = "Aide : format de la date de naissance"
    texte_aide_date: str = "Au format JJ/MM/AAAA, par exemple 04/07/1985."
    aide_code_postal: str = "Aide : quel code postal"
    texte_aide_code_postal: str = "Le code postal de votre lieu de résidence, en 5 chiffres."
    retour: str = _RETOUR
    continuer: str = _CONTINUER
    ou: str = "OU"
    lien_connexion: str = _LIEN_CONNEXION
    nom_manquant: str = "Saisissez votre nom."
    nir_manquant: str = _NIR_MANQUANT
    nir_mal_forme: str = _NIR_MAL_FORME
    date_manquante: str = "Saisissez votre date de naissance."
    date_irreelle: str = _DATE_IRREELLE
    date_future: str = "La date de naissance ne peut pas être dans le futur."
    date_trop_ancienne: str = "La date de naissance ne peut pas être antérieure à 1900."
    code_postal_manquant: str = "Saisissez votre code postal."
    code_postal_mal_forme: str = _CODE_POSTAL_5_CHIFFRES
    nir_incoherent: str = (
        "Le numéro de sécurité sociale ne correspond pas à la date de naissance saisie."
    )
    identite_inconnue: str = (
        "Les informations saisies ne permettent pas de vous identifier. Vérifiez votre nom, "
        "votre numéro de sécurité sociale, votre date de naissance et votre code postal."
    )
    compte_existant: str = _COMPTE_EXISTANT
    compte_existant_et_lien: str = f"{_COMPTE_EXISTANT} {_LIEN_CONNEXION}"
    # The screen for a person the service is not open to (403).
    titre_non_eligible: str = "Ce service n'est pas disponible pour vous"
    titre_fenetre_non_eligible: str = "Service non disponible"
    nir_provisoire: str = (
        "Le compte ameli n'est pas accessible avec un numéro de sécurité sociale provisoire "
        "(commençant par 7 ou 8)."
    )
    # The tutorial's list of partner régimes, in its order and spelling.
    regimes_partenaires: str = _REGIMES_PARTENAIRES
    regimes_ouverts: str = (
        "Le compte ameli est ouvert aux assurés du régime général (Caisse primaire) et des "
        f"régimes partenaires : {_REGIMES_PARTENAIRES}."
    )
    # The FranceConnect way: the official button, whose two lines make one accessible name.
    via_franceconnect: str = "Je crée immédiatement mon compte via FranceConnect"
    bouton_franceconnect: str = "S'identifier avec FranceConnect"
    aide_franceconnect: str = "Qu'est-ce que FranceConnect ?"
    # ameli's messages on return from FranceConnect, in the error summary.
    franceconnect_annule: str = "Vous avez annulé la connexion avec FranceConnect."
    franceconnect_refuse: str = "Vous avez refusé la transmission de vos informations à ameli.fr"
    franceconnect_echec: str = "La connexion avec FranceConnect n'a pas abouti."
    franceconnect_expire: str = "Votre connexion avec FranceConnect a expiré ou n'est pas valide."
    franceconnect_indisponible: str = "FranceConnect est momentanément indisponible."
    franceconnect_identite_inconnue: str = (
        "L'identité transmise par FranceConnect ne correspond à aucun assuré de l'Assurance "
        "Maladie."
    )
    franceconnect_identite_ambigue: str = (
        "L'identité transmise par FranceConnect correspond à plusieurs assurés"
    )

    def regime_refuse_pour(self, regime: str) -> str:
        """The message of a régime the service is not open to."""
        return f"{self.regimes_ouverts} Ce service n'est donc pas ouvert à votre régime ({regime})."


@dataclass(frozen=True)
class _FranceConnect(TextesEcran):
    """FranceConnect's own screens (another site than ameli.fr; the mock's client in its tests
    is « Service de test »): provider choice, login, consent, error page."""

    titre: str = "Je choisis un compte pour me connecter"
    fournisseurs: str = "Comptes proposés par FranceConnect"
    impots_gouv: str = "impots.gouv.fr"
    annuler_et_revenir: str = "Annuler et revenir sur"
    connexion_au_service: str = "Connexion au service"
    # The identity provider's login screen.
    titre_connexion: str = "Je me connecte avec"
    identifiants_de_test: str = "Identifiants de test"
    identifiant: str = "Identifiant"
    mot_de_passe: str = "Mot de passe"
    se_connecter: str = "Se connecter"
    identifiants_incorrects: str = "Identifiant ou mot de passe incorrect."
    identite_demo: str = "Angela Claire Louise DUBOIS"
    # The consent screen.
    titre_consentement: str = "Données transmises à"
    connecte_au_nom_de: str = "Vous êtes bien connecté(e) au nom de"
    continuer: str = "Continuer sur"
    refuser: str = "Refuser"
    annuler: str = "Annuler"
    # The error page: a code, a message, no way back.
    titre_erreur: str = "Une erreur est survenue"
    code_erreur: str = "Code d’erreur"
    erreur_technique: str = (
        "Une erreur technique est survenue, fermez l’onglet de votre navigateur et "
        "reconnectez-vous."
    )
    mention_simulation: str = (
        "FranceConnect simulé pour les tests du mock ameli.fr : aucun compte réel n'est utilisé "
        "et aucune donnée ne quitte cette machine."
    )

    def fenetre_pour(self, titre: str) -> str:
        """FranceConnect's window titles: « … - FranceConnect »."""
        return fenetre(titre, "FranceConnect")

    def titre_pour(self, service: str) -> str:
        """The provider choice's heading, naming the service the person comes from."""
        return f"{self.titre} sur {service}"

    def titre_connexion_pour(self, fournisseur: str) -> str:
        """The heading of an identity provider's login screen."""
        return f"{self.titre_connexion} {fournisseur}"

    def donnees_transmises_pour(self, service: str) -> str:
        """The consent screen's sentence before the identité pivot."""
        return f"Pour continuer sur {service}, les données suivantes vont être transmises :"

    def explication_identifiants_pour(self, mot_de_passe: str) -> str:
        """The login screen's note on the test credentials."""
        return (
            f"Ce fournisseur d'identité est simulé. {self.identifiant} : le numéro de sécurité "
            "sociale d'un assuré connu du mock (13 caractères, ou 15 avec la clé) ; "
            f"{self.mot_de_passe.lower()} : {mot_de_passe}."
        )

    def compte_demo_pour(self, mot_de_passe: str) -> str:
        """The login screen's note on FranceConnect's demo identity."""
        return (
            f"Le compte test, mot de passe {mot_de_passe}, est celui d'{self.identite_demo}, "
            "une identité qu'ameli ne connaît pas."
        )


@dataclass(frozen=True)
class _ExplicationFranceConnect(TextesEcran):
    """ameli's own page on FranceConnect."""

    titre: str = "Qu'est-ce que FranceConnect ?"
    textes: tuple[str, ...] = (
        "FranceConnect est la solution proposée par l'État pour sécuriser et simplifier la "
        "connexion à plus de 1 000 services en ligne.",
        "Comment créer mon compte ameli avec FranceConnect ?",
        "Sur la page « Je crée mon compte ameli », cliquez sur « S'identifier avec "
        "FranceConnect ».",
        "Choisissez le compte avec lequel vous identifier, puis connectez-vous avec les "
        "identifiants habituels de ce compte.",
        "FranceConnect vous indique les informations qu'il va transmettre à ameli.fr ; cliquez "
        "sur « Continuer sur ameli.fr » pour les transmettre.",
        "De retour sur ameli.fr, acceptez les conditions d'utilisation, choisissez votre code "
        "personnel et indiquez votre adresse email.",
        "Votre identité étant confirmée par FranceConnect, vous n'avez pas à saisir les derniers "
        "chiffres de votre IBAN ni le numéro de série de votre carte Vitale.",
        "Quelles informations sont transmises à ameli.fr ?",
        "Uniquement votre identité, et seulement si vous l'acceptez :",
        "Votre mot de passe n'est jamais transmis à ameli.fr. Vous pouvez refuser la "
        "transmission ou annuler à tout moment : vous revenez alors sur ameli.fr, où vous "
        "pouvez créer votre compte en remplissant le formulaire.",
        "Qui peut l'utiliser ?",
        "Le compte ameli est ouvert aux assurés du régime général et des régimes partenaires. "
        "Si vous dépendez d'un autre régime (MSA, MGEN…), adressez-vous à votre organisme.",
    )
    retour: str = "Retour à la création de compte"


@dataclass(frozen=True)
class _DeconnexionFranceConnect(TextesEcran):
    """ameli's page after a logout that went through FranceConnect."""

    titre: str = "Vous êtes déconnecté"
    message: str = "Vous êtes déconnecté de votre compte ameli et de FranceConnect."
    session_non_confirmee: str = "FranceConnect n'a pas confirmé la fin de votre session"
    message_incertain: str = (
        "Vous êtes déconnecté de votre compte ameli. FranceConnect n'a pas confirmé la fin de "
        "votre session : fermez votre navigateur si vous utilisez un ordinateur partagé."
    )
    me_reconnecter: str = "Me reconnecter"


@dataclass(frozen=True)
class _Identite(TextesEcran):
    titre: str = "Accédez immédiatement à votre compte"
    iban: str = "Saisissez les 7 derniers chiffres de votre IBAN :"
    vitale: str = (
        "Saisissez les 11 derniers chiffres du numéro de série de votre carte Vitale avec photo :"
    )
    aide_iban: str = "Aide : où trouver votre IBAN"
    texte_aide_iban: str = (
        "Votre IBAN figure sur votre RIB (relevé d'identité bancaire) : saisissez ses 7 derniers "
        "caractères, clé RIB comprise."
    )
    aide_vitale: str = "Aide : où trouver le numéro de série de votre carte Vitale"
    texte_aide_vitale: str = (
        "Le numéro de série (15 chiffres) est inscrit au dos de votre carte Vitale avec photo, "
        "en bas à droite."
    )
    sans_numero_de_serie: str = "Je ne dispose pas du numéro de série de ma carte Vitale"
    retour: str = _RETOUR
    valider: str = "Valider"
    iban_manquant: str = "Saisissez les 7 derniers chiffres de votre IBAN."
    iban_mal_forme: str = "Saisissez exactement les 7 derniers caractères de votre IBAN."
    vitale_manquant: str = (
        "Saisissez les 11 derniers chiffres du numéro de série de votre carte Vitale."
    )
    vitale_mal_forme: str = "Le numéro de série de la carte Vitale se termine par 11 chiffres."
    ne_correspondent_pas: str = (
        "Les informations saisies ne correspondent pas à celles de votre dossier."
    )
    essais_restants: str = "Il vous reste"
    deux_essais: str = "Il vous reste 2 essais."
    un_essai: str = "Il vous reste 1 essai."
    bloque: str = (
        "Suite à 3 saisies erronées, la création de votre compte en ligne est bloquée. Pour "
        "obtenir votre code personnel, contactez votre caisse d'assurance maladie au 3646 ou "
        "demandez un code provisoire par courrier."
    )
    bloquee: str = "bloquée"

    def essais_restants_pour(self, restants: int) -> str:
        """The message of a wrong IBAN or Vitale serial, with the attempts left."""
        fin = self.deux_essais if restants == 2 else self.un_essai
        return f"{self.ne_correspondent_pas} {fin}"

    def debut_iban_pour(self, prefixe: str) -> str:
        """The shown start of the IBAN, e.g. « Début de votre IBAN : FR 66 2004 »."""
        return f"Début de votre IBAN : {prefixe}"

    def debut_vitale_pour(self, prefixe: str) -> str:
        """The shown start of the Vitale serial."""
        return f"Début du numéro de série : {prefixe}"


@dataclass(frozen=True)
class _CodeProvisoire(TextesEcran):
    titre: str = "Recevoir un code provisoire par courrier"
    explication: str = (
        "Sans le numéro de série de votre carte Vitale, votre caisse peut vous envoyer par "
        "courrier un code provisoire pour accéder à votre compte."
    )
    retour: str = _RETOUR
    recevoir: str = "Recevoir mon code provisoire par courrier"
    titre_demande: str = "Votre demande de code provisoire est enregistrée"
    envoye: str = (
        "Un code provisoire vous sera envoyé par courrier à votre adresse postale sous quelques "
        "jours. Il vous permettra de vous connecter à votre compte ameli et de choisir votre "
        "code personnel."
    )
    # The letter the mock records.
    objet_courrier: str = "Votre code provisoire pour le compte ameli"
    formule: str = "Madame, Monsieur,"
    demande: str = (
        "Vous avez demandé à créer votre compte ameli sans le numéro de série de votre carte "
        "Vitale."
    )
    voici_le_code: str = "Voici votre code provisoire : "
    mode_d_emploi: str = (
        "Connectez-vous à votre compte ameli avec votre numéro de sécurité sociale et ce code, "
        "puis choisissez votre code personnel."
    )


@dataclass(frozen=True)
class _Etapes(TextesEcran):
    """The stepper of screens 6 to 8."""

    titre: str = "Étapes de la création du compte"
    etapes: tuple[str, ...] = ("Étape 1", "Étape 2", "Étape 3")


@dataclass(frozen=True)
class _Conditions(TextesEcran):
    titre: str = "J'accepte les conditions d'utilisation"
    etape: str = "Étape 1"
    acces: str = (
        "Pour accéder aux services de votre compte, vous devez d'abord accepter les conditions "
        "d'utilisation :"
    )
    releves: str = (
        "En adhérant au compte ameli, vous acceptez de ne plus recevoir vos relevés de "
        "prestations par courrier postal au profit d'une consultation en ligne."
    )
    email_obligatoire: str = (
        "La saisie d'une adresse email est obligatoire pour bénéficier des services du compte. "
        "En renseignant et confirmant votre email, vous acceptez de recevoir dans la messagerie "
        "du compte, tout ou partie des courriers et messages de l'Assurance Maladie."
    )
    plus_d_informations: str = (
        "Pour plus d'informations, consultez les conditions d'utilisation détaillées"
    )
    conditions_detaillees: str = "les conditions d'utilisation détaillées"
    oui: str = "Oui, j'accepte"
    non: str = "Non, je refuse"
    annuler: str = "Annuler"
    continuer: str = _CONTINUER
    choix_manquant: str = (
        "Vous devez indiquer si vous acceptez les conditions d'utilisation pour continuer."
    )
    # The detailed terms.
    titre_conditions_detaillees: str = "Conditions d'utilisation du compte ameli"
    textes_conditions_detaillees: tuple[str, ...] = (
        "Le compte ameli est un service gratuit de l'Assurance Maladie réservé aux assurés du "
        "régime général et des régimes partenaires.",
        # The tutorial's « Important » of step 6, in the site's words.
        "En adhérant au compte ameli, vous acceptez de ne plus recevoir vos relevés de "
        "prestations par courrier postal. Les 5 derniers relevés de prestations restent "
        "disponibles dans votre espace personnel, pour être téléchargés, imprimés et archivés.",
        "Votre adresse email sert à vous informer de l'arrivée de nouveaux messages et documents "
        "dans votre compte.",
    )
    # The refusal.
    titre_refus: str = "Création de compte interrompue"
    refus: str = (
        "Vous avez refusé les conditions d'utilisation : votre compte ameli n'a pas été créé. "
        "L'acceptation des conditions d'utilisation est nécessaire pour accéder aux services du "
        "compte."
    )
    recommencer: str = "Vous pourrez créer votre compte à tout moment en recommençant la démarche."


@dataclass(frozen=True)
class _CodePersonnel(TextesEcran):
    titre: str = "Je crée mon code personnel"
    etape: str = "Étape 2"
    regle: str = "Il doit être composé de 8 à 13 chiffres."
    conseil: str = "Il est recommandé d'utiliser au moins 12 chiffres pour créer un"
    code: str = "Saisissez un code personnel"
    confirmation: str = "Confirmer le code personnel"
    retour: str = _RETOUR
    continuer: str = _CONTINUER
    code_manquant: str = "Saisissez un code personnel."
    longueur: str = "Le code personnel doit comporter de 8 à 13 chiffres."
    chiffres_seuls: str = "Le code personnel ne doit comporter que des chiffres."
    confirmation_manquante: str = "Confirmez le code personnel."
    codes_differents: str = "Les deux codes personnels saisis ne sont pas identiques."
    trop_simple: str = _CODE_TROP_SIMPLE


@dataclass(frozen=True)
class _Coordonnees(TextesEcran):
    titre: str = "Informations personnelles"
    etape: str = "Étape 3"
    rubrique_email: str = "Je saisis mon adresse email (champ obligatoire)"
    rubrique_telephones: str = "Je saisis mes coordonnées téléphoniques"
    email: str = "Saisissez votre adresse email"
    email_confirmation: str = "Je confirme mon adresse email"
    portable: str = "Saisissez votre n° de téléphone portable"
    fixe: str = "Saisissez votre n° de téléphone fixe"
    consentement_email: str = (
        "J'autorise l'Assurance Maladie à m'envoyer par email des informations promotionnelles "
        "sur ses services :"
    )
    autorisation_telephone: str = _AUTORISATION_TELEPHONE
    autorisation_portable: str = f"{_AUTORISATION_TELEPHONE} (téléphone portable) :"
    autorisation_fixe: str = f"{_AUTORISATION_TELEPHONE} (téléphone fixe) :"
    par_telephone: str = "Par Téléphone :"
    par_sms: str = "Par SMS :"
    oui: str = "Oui"
    non: str = "Non"
    retour: str = _RETOUR
    continuer: str = _CONTINUER
    email_manquant: str = "Saisissez votre adresse email."
    email_invalide: str = _EMAIL_INVALIDE
    email_confirmation_manquante: str = "Confirmez votre adresse email."
    emails_differents: str = "Les deux adresses email saisies ne sont pas identiques."
    portable_invalide: str = _PORTABLE_INVALIDE
    fixe_invalide: str = _FIXE_INVALIDE


@dataclass(frozen=True)
class _Confirmation(TextesEcran):
    titre: str = "Votre compte ameli est créé"
    titre_fenetre: str = "Votre compte est créé"
    lien_envoye: str = "un lien permettant de finaliser la création de votre compte."
    sept_jours: str = _SEPT_JOURS
    spam: str = (
        "Si vous n'avez pas reçu ce mail, attendez un peu et pensez à vérifier le dossier "
        "spam/courrier indésirable de votre boîte mail"
    )

    def envoye_pour(self, email: str) -> str:
        """The status message naming the address the email went to."""
        return (
            f"Un email vient de vous être envoyé à l'adresse {email}. Il contient "
            f"{self.lien_envoye}"
        )

    def adresse_pour(self, email: str) -> str:
        """The end of the sentence that names the address."""
        return f"envoyé à l'adresse {email}."


@dataclass(frozen=True)
class _Validation(TextesEcran):
    """The page the email's link opens; its heading says what became of the link."""

    titre: str = "Votre adresse email est validée"
    active: str = (
        "Votre compte ameli est activé. Vous pouvez dès maintenant vous connecter avec votre "
        "numéro de sécurité sociale et votre code personnel."
    )
    titre_deja_utilise: str = "Ce lien a déjà été utilisé"
    deja_utilise: str = (
        "Votre adresse email a déjà été validée avec ce lien. Connectez-vous à votre compte."
    )
    titre_expire: str = "Ce lien a expiré"
    expire: str = (
        "Le lien de validation n'est valable que 7 jours. Demandez un nouveau lien : il vous "
        "sera envoyé par email."
    )
    titre_nouveau_lien: str = "Un nouveau lien vous a été envoyé"
    titre_inconnu: str = "Ce lien n'est pas valide"
    inconnu: str = (
        "Ce lien de validation n'existe pas. Vérifiez que vous avez copié le lien complet reçu "
        "par email."
    )
    je_me_connecte: str = _JE_ME_CONNECTE
    nouveau_lien: str = "Recevoir un nouveau lien"

    def nouveau_lien_envoye_pour(self, email: str) -> str:
        """The status message of a new link sent."""
        return (
            f"Un nouvel email de validation a été envoyé à l'adresse {email}. Le lien est "
            "valable 7 jours."
        )


@dataclass(frozen=True)
class _Messagerie(TextesEcran):
    """The mailbox page and the validation email, whose text is the tutorial's."""

    titre: str = "Boîte de réception"
    adresse: str = "Adresse email"
    afficher: str = "Afficher"
    retour: str = "Retour à la boîte de réception"
    sujet_validation: str = "Compte ameli : validez votre adresse email"
    expediteur: str = "De : Assurance Maladie <ne-pas-repondre@assurance-maladie.fr> · À : "
    lien_validation: str = _VALIDER_EMAIL
    # The tutorial's email of step 9, piece by piece.
    entete: tuple[str, ...] = ("l'Assurance Maladie", "MON COMPTE AMELI", "Cher(e) assuré(e),")
    deja_ouvert: str = (
        "Vous avez déjà ouvert votre compte sur ameli.fr ou sur l'application ameli (disponible "
        "sur l'App Store et Google Play)."
    )
    profiter: str = "pour profiter de tous les services de votre compte ameli"
    sept_jours: str = _SEPT_JOURS
    origine: str = (
        "Si vous n'êtes pas à l'origine de cette demande, veuillez en informer rapidement votre "
        "caisse et modifier votre code d'accès au compte ameli."
    )
    automate: str = "Attention, ce message est généré par un automate."
    repondre: str = 'Ne pas utiliser la fonctionnalité "répondre à".'
    merci: str = "Merci de votre confiance."
    signature: str = "Votre Caisse d'Assurance Maladie"
    besoin: str = "Besoin d'accéder à vos remboursements où que vous soyez ?"
    appli: str = "Téléchargez gratuitement l'appli ameli depuis l'App Store ou Google Play"

    def boite_vide_pour(self, email: str) -> str:
        """The empty mailbox's status message."""
        return f"Aucun message pour {email}."

    def phrases(self) -> tuple[str, ...]:
        """The email's sentences, as both its forms contain them."""
        return (
            *self.entete,
            self.deja_ouvert,
            self.profiter,
            self.sept_jours,
            self.origine,
            self.automate,
            self.repondre,
            self.merci,
            self.signature,
            self.besoin,
            self.appli,
        )

    def email_html(self) -> tuple[str, ...]:
        """The email's HTML form, block by block."""
        return (
            *self.entete,
            self.deja_ouvert,
            f"Vous devez encore {_VALIDER_EMAIL} {self.profiter}.",
            _VALIDER_EMAIL,
            self.sept_jours,
            _VALIDER_EMAIL,
            self.origine,
            f"{self.automate} {self.repondre}",
            self.merci,
            self.signature,
            f"{self.besoin} {self.appli}",
        )

    def email_texte_pour(self, lien: str) -> tuple[str, ...]:
        """The email's text form, line by line: the link on a line of its own after the
        sentence that leads to it."""
        return (
            *self.entete,
            self.deja_ouvert,
            f"Vous devez encore {_VALIDER_EMAIL} {self.profiter} :",
            lien,
            self.sept_jours,
            self.origine,
            self.automate,
            self.repondre,
            self.merci,
            self.signature,
            self.besoin,
            self.appli,
        )


@dataclass(frozen=True)
class _Erreurs(TextesEcran):
    """The error pages: one heading per HTTP status the mock answers with a page."""

    titre: str = "Page introuvable"
    erreur_404: str = "Erreur 404"
    introuvable: str = "La page demandée n'existe pas ou a été déplacée."
    requete_invalide: str = "Requête invalide"
    acces_refuse: str = "Accès refusé"
    action_non_autorisee: str = "Action non autorisée"
    trop_volumineux: str = "Envoi trop volumineux"
    indisponible: str = "Service momentanément indisponible"
    session_expiree: str = "Votre session a expiré ou le formulaire n'est plus valide"


COMMUN: Final = _Commun()
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
ERREURS: Final = _Erreurs()

# Texts too short or too common to be told apart in a failure's message.
_TROP_COURTS = 6
# A text this long is a sentence: found inside a longer line, it is the wording, not chance.
LONGUEUR_D_UNE_PHRASE = 20


def libelles() -> dict[str, str]:
    """Every text of this module, by where it is written (« IDENTITE.titre »)."""
    ecrans = {nom: v for nom, v in globals().items() if isinstance(v, TextesEcran)}
    textes: dict[str, str] = {}
    for nom, ecran in ecrans.items():
        for champ in fields(ecran):
            valeur = getattr(ecran, champ.name)
            valeurs = valeur if isinstance(valeur, tuple) else (valeur,)
            for texte in valeurs:
                textes.setdefault(texte, f"{nom}.{champ.name}")
    return {ou: texte for texte, ou in textes.items() if len(texte) >= _TROP_COURTS}


def libelle_en_cause(message: str, gabarits: Sequence[str] = ()) -> str | None:
    """One line for a failure whose message shows a text of this module, or None.

    A text counts when it is quoted whole in the message (`'…'` or `"…"`), as pytest shows the
    operands of a failed comparison (the expected text, or an element of a compared list), or,
    for a sentence, when a line of the diff pytest shows of two texts (`- …`, `+ …`) holds it.
    The one shown first, the expected operand, is named. `gabarits`: the template the test's
    page came from, named as the other file to look at."""
    lignes_du_diff = [ligne for ligne in message.splitlines() if re.match(r"\s*[-+] ", ligne)]
    positions = {}
    for ou, texte in libelles().items():
        cite = re.search(rf"""(['"]){re.escape(texte)}\1""", message)
        if cite:
            positions[ou, texte] = cite.start()
        elif len(texte) >= LONGUEUR_D_UNE_PHRASE and any(
            texte in ligne for ligne in lignes_du_diff
        ):
            positions[ou, texte] = len(message)
    if not positions:
        return None
    ou, texte = min(positions, key=positions.__getitem__)
    mock = f"le gabarit ({', '.join(gabarits)})" if gabarits else "le gabarit ou la règle du mock"
    return (
        f"{ou} « {texte} » attendu ; si le site a changé ce texte, reportez-le dans {FICHIER}, "
        f"sinon corrigez {mock}"
    )
