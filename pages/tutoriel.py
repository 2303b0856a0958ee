"""The tutorial's step catalogue: its source, its nine steps, their titles and links, and the
tutorial's sentences that say what to do at each step (`CONSIGNES`).

The browser tests label themselves with these steps (`e2e/tutoriel.py`) and the screenshot tool
titles its captures and its Markdown tutorial with them (`screenshots/`). The catalogue lives
in `pages/`, next to the screens' wording (`pages/textes.py`), because both sides may import
`pages/`: the tool already drives the screens through these page objects, while it must not
import the tests (`e2e/`), nor the tests a tool's internals for a fact that is the tutorial's.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Final
from urllib.parse import quote

from pages import textes

URL_TUTORIEL: Final = (
    "https://solidarite-numerique.fr/tutoriels/creer-un-compte-ameli-depuis-mon-ordinateur/"
)
SOURCE: Final[dict[str, str]] = {
    "tutoriel": "Créer un compte Ameli depuis mon ordinateur",
    "auteur": "Solidarité Numérique",
    "licence": "Licence Ouverte 2.0",
    "url": URL_TUTORIEL,
}


@dataclass(frozen=True)
class Etape:
    """One step of the tutorial, with its heading as the tutorial writes it."""

    numero: int
    intitule: str

    @property
    def titre(self) -> str:
        """The heading word for word, as in the tutorial: « Etape 5 : Confirmer son identité »."""
        return f"Etape {self.numero} : {self.intitule}"

    @property
    def libelle(self) -> str:
        """The heading spelt with its accent (« Étape 5 : … »), as the report shows it."""
        return f"Étape {self.numero} : {self.intitule}"

    @property
    def lien(self) -> str:
        """The tutorial's URL, scrolled to this step's heading by a text fragment."""
        # A text fragment reserves "-", "&" and ","; quote() leaves only "-" as it is.
        texte = quote(self.titre, safe="").replace("-", "%2D")
        return f"{URL_TUTORIEL}#:~:text={texte}"


# The headings after "Etape N : ", word for word from the tutorial (Licence Ouverte 2.0).
ETAPES: Final[dict[int, Etape]] = {
    etape.numero: etape
    for etape in (
        Etape(1, "Se rendre sur le site Ameli.fr de son département"),
        Etape(2, "Se rendre sur la rubrique « COMPTE AMELI »"),
        Etape(3, "Commencer la création d'un compte"),
        Etape(4, "Renseigner le formulaire de création du compte"),
        Etape(5, "Confirmer son identité"),
        Etape(6, "Accepter les conditions d'utilisation"),
        Etape(7, "Créer un mot de passe"),
        Etape(8, "Saisir les données personnelles"),
        Etape(9, "Finaliser la création du compte personnel"),
    )
}


def etape(numero: int) -> Etape:
    """The step of that number, or a French error naming the steps there are."""
    if numero not in ETAPES:
        raise ValueError(f"le tutoriel a les étapes 1 à {len(ETAPES)}, pas {numero}")
    return ETAPES[numero]


@dataclass(frozen=True)
class Consigne:
    """A sentence of the tutorial that says what to do at a step, word for word.

    `modele` is Markdown (the tutorial's own `**bold**`); a `{ECRAN.champ}` field is a wording of
    `pages/textes.py` (`{ACCUEIL.selectionner}`), read when the sentence is. `imprimee` is false
    for the two the Markdown tutorial does not print, which the films need: the validation
    email's own sentence (the tutorial shows it in the email's picture) and the first login
    (past the tutorial's end).
    """

    etape: int
    modele: str
    imprimee: bool = True

    @property
    def texte(self) -> str:
        """The sentence, with today's wordings of the screens it quotes."""
        ecrans = {
            nom: valeur
            for nom, valeur in vars(textes).items()
            if isinstance(valeur, textes.TextesEcran)
        }
        return self.modele.format_map(ecrans)

    def __str__(self) -> str:
        return self.texte


@dataclass(frozen=True)
class _Consignes:
    """The sentences, step by step, as the tutorial (Licence Ouverte 2.0) writes them."""

    accueil: Consigne = Consigne(
        1, "Rendez vous sur la page d'accueil du site de l'assurance maladie"
    )
    case_code_postal: Consigne = Consigne(
        1, 'cliquez à l\'intérieur de la case "{ACCUEIL.code_postal}"'
    )
    cinq_chiffres: Consigne = Consigne(1, "renseignez les 5 chiffres de votre code postal")
    selectionner: Consigne = Consigne(1, 'cliquez sur "{ACCUEIL.selectionner}"')
    confirmer_caisse: Consigne = Consigne(
        1,
        'si le département proposé est le bon, cliquez sur "{DIALOGUE_CAISSE.confirmer}" pour '
        "avancer",
    )
    pas_ma_caisse: Consigne = Consigne(
        1,
        "si le département proposé n'est pas le bon, cliquez sur "
        '"{DIALOGUE_CAISSE.pas_ma_caisse}" pour modifier votre code postal',
    )
    compte_ameli: Consigne = Consigne(
        2,
        'Cliquez sur "{ACCUEIL.compte_ameli}" situé à droite de l\'affichage du site Internet, '
        "dans le cadre rose.",
    )
    description_pictogrammes: Consigne = Consigne(
        2,
        "La description des icônes apparaît lorsque vous approchez votre souris des pictogrammes.",
    )
    nouvel_onglet: Consigne = Consigne(
        3, "L'interface dédiée aux assurés s'ouvre alors dans un nouvel onglet."
    )
    je_cree_mon_compte: Consigne = Consigne(
        3,
        'Cliquez sur **"{PORTAIL.je_cree_mon_compte}"** pour commencer la procédure '
        "d'ouverture du compte.",
    )
    case_correspondante: Consigne = Consigne(
        4, "Pour cela, cliquez dans la case correspondante et renseignez l'information demandée"
    )
    nom_de_naissance: Consigne = Consigne(4, "votre nom de naissance")
    nir: Consigne = Consigne(4, "votre numéro de sécurité sociale à 13 chiffres (sans la clé)")
    date_de_naissance: Consigne = Consigne(4, "votre date de naissance")
    code_postal: Consigne = Consigne(4, "le code postal de votre lieu de résidence")
    continuer_formulaire: Consigne = Consigne(
        4, 'Vérifiez les informations renseignées puis cliquez sur **"{CREATION.continuer}"**.'
    )
    franceconnect: Consigne = Consigne(
        4,
        "si vous disposez d'un compte France Connect et que vous savez l'utiliser, vous pouvez "
        "simplifier cette étape en cliquant sur le lien en bas de la fenêtre.",
    )
    franceconnect_connexion: Consigne = Consigne(
        4,
        "Il vous sera demandé de vous connecter à votre compte France Connect et d'accepter le "
        "transfert de vos informations personnelles demandées vers le site ameli.fr.",
    )
    carte_vitale: Consigne = Consigne(
        5, "Vous devez ensuite confirmer votre identité à l'aide de votre carte Vitale."
    )
    iban: Consigne = Consigne(
        5, "les 7 derniers chiffres de votre IBAN, information présente sur votre RIB"
    )
    numero_de_serie: Consigne = Consigne(5, "le numéro de série de votre carte Vitale")
    valider: Consigne = Consigne(
        5, 'Vérifiez les informations renseignées puis cliquez sur "{IDENTITE.valider}".'
    )
    accepter_conditions: Consigne = Consigne(
        6,
        "Vous devez accepter les conditions d'utilisation pour avancer dans la création de "
        "votre espace personnel.",
    )
    oui_j_accepte: Consigne = Consigne(
        6,
        'cliquez dans le petit rond situé à gauche de "{CONDITIONS.oui}" : un point noir '
        "apparaît à l'intérieur",
    )
    continuer_conditions: Consigne = Consigne(
        6, 'cliquez sur "{CONDITIONS.continuer}" pour avancer'
    )
    mot_de_passe: Consigne = Consigne(
        7,
        "Vous devez créer un mot de passe qui sécurisera l'accès à votre compte personnel. Il "
        "doit être composé de 8 à 13 chiffres.",
    )
    douze_chiffres: Consigne = Consigne(
        7, "Il est recommandé d'utiliser au moins 12 chiffres pour créer un mot de passe fort."
    )
    code_personnel: Consigne = Consigne(
        7,
        "Pour cela, cliquez dans la case « **{CODE_PERSONNEL.code}** » et renseignez les "
        "chiffres que vous avez choisis.",
    )
    confirmer_code: Consigne = Consigne(
        7,
        "Puis cliquez dans la case « **{CODE_PERSONNEL.confirmation}** » et renseignez "
        "exactement les mêmes chiffres.",
    )
    continuer_code: Consigne = Consigne(
        7, "Cliquez sur « **{CODE_PERSONNEL.continuer}** » pour avancer."
    )
    adresse_email: Consigne = Consigne(
        8,
        "Vous devez saisir sur adresse e-mail qui servira de moyen de communication entre "
        "l'Assurance maladie et vous.",
    )
    email: Consigne = Consigne(
        8,
        "Pour cela, cliquez dans la case « **{COORDONNEES.email}** » et renseignez l'adresse "
        "email de votre choix.",
    )
    # The tutorial's prose says « Confirmez votre adresse email »; its screenshot, and so the
    # screen, « Je confirme mon adresse email »: the screen's label is quoted.
    confirmer_email: Consigne = Consigne(
        8,
        "Puis cliquez dans la case « **{COORDONNEES.email_confirmation}** » et renseignez "
        "exactement la même adresse.",
    )
    choix_par_defaut: Consigne = Consigne(
        8, 'Le choix par défaut est toujours "{COORDONNEES.non}".'
    )
    continuer_coordonnees: Consigne = Consigne(
        8,
        "Vérifiez les informations renseignées et cliquez sur « **{COORDONNEES.continuer}** » "
        "pour avancer.",
    )
    email_recu: Consigne = Consigne(
        9,
        "Vous avez reçu un email de la part de l'Assurance Maladie, contenant un lien "
        "permettant de finaliser la création de votre compte.",
    )
    # The email's own sentence, as the tutorial's picture of it shows.
    valider_adresse: Consigne = Consigne(
        9,
        "Vous devez encore {MESSAGERIE.lien_validation} pour profiter de tous les services de "
        "votre compte ameli.",
        imprimee=False,
    )
    premiere_connexion: Consigne = Consigne(
        9,
        "Votre adresse email validée, connectez-vous avec votre numéro de sécurité sociale et "
        "votre code personnel.",
        imprimee=False,
    )

    def toutes(self) -> tuple[Consigne, ...]:
        """Every sentence, in the tutorial's order."""
        return tuple(getattr(self, champ.name) for champ in fields(self))


CONSIGNES: Final = _Consignes()
