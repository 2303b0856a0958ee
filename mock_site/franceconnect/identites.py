"""Who can log in at the mock's identity providers, and the claims FranceConnect sends for them.

The mock's identity providers know every insured person stored in the mock: the login is
the person's NIR (13 characters, with or without its key and spaces; the provider's login,
never a claim) and the password is the one of FranceConnect's integration platform, `123`.
A few more accounts are identities of FranceConnect's own test data (its fcp-low identity
provider mock, `docker/volumes/fcp-low/mocks/idp/databases/citizen/base.csv` in
`france-connect/sources`), unknown to ameli:

- `test`: the documented demo identity, Angela Claire Louise DUBOIS, with her email;
- `naissance_Algérie`: a person born abroad (birthcountry 99352, no birthplace);
- `étranger_présumé_né_jour_et_mois`: a birth date whose day and month are unknown
  (`idp_birthdate` 1992-00-00; `birthdate` completed with 01 as FranceConnect does);
- `genre_indéfini`: `gender` neither male nor female (`unspecified`, which FranceConnect's
  genders allow).

Scopes and claims follow FranceConnect v2's fcp-low table (`back/libs/scopes/src/data/fcp-low`).
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from mock_site import registre
from mock_site.rules import nir as regles_nir

MOT_DE_PASSE_TEST = "123"
IDENTIFIANT_DEMO = "test"
PAYS_FRANCE = "99100"
ACR = "eidas1"

# The mock's identity providers, in the order FranceConnect shows them.
FOURNISSEURS = {
    "impots": "impots.gouv.fr",
    "ameli": "ameli.fr",
    "laposte": "L'Identité Numérique La Poste",
    "msa": "MSA",
    "france-identite": "France Identité",
}

# FranceConnect v2 (fcp-low): each scope and the claims it gives.
SCOPES: dict[str, tuple[str, ...]] = {
    "openid": ("sub",),
    "profile": (
        "given_name",
        "given_name_array",
        "family_name",
        "birthdate",
        "gender",
        "preferred_username",
    ),
    "birth": ("birthplace", "birthcountry"),
    "identite_pivot": (
        "given_name",
        "given_name_array",
        "family_name",
        "birthdate",
        "gender",
        "birthplace",
        "birthcountry",
    ),
    "gender": ("gender",),
    "birthdate": ("birthdate",),
    "birthcountry": ("birthcountry",),
    "birthplace": ("birthplace",),
    "given_name": ("given_name", "given_name_array"),
    "family_name": ("family_name",),
    "email": ("email",),
    "preferred_username": ("preferred_username",),
    "idp_birthdate": ("idp_birthdate",),
    "amr": ("amr",),
}
# The identity claims, each with its label on the consent screen ("" = not listed there).
DONNEES = {
    "family_name": "Nom de naissance",
    "given_name": "Prénoms",
    "given_name_array": "",
    "preferred_username": "Nom d'usage",
    "birthdate": "Date de naissance",
    "idp_birthdate": "Date de naissance déclarée",
    "gender": "Sexe",
    "birthplace": "Lieu de naissance",
    "birthcountry": "Pays de naissance",
    "email": "Adresse électronique",
}
# Claims that live in the id_token rather than in userinfo.
CLAIMS_DU_JETON = ("sub", "amr", "acr")
GENRES = {"female": "Femme", "male": "Homme", "unspecified": "Non précisé"}


@dataclass(frozen=True)
class Identite:
    """A person as an identity provider knows them, in FranceConnect's claims."""

    identifiant: str
    given_name: str
    family_name: str
    birthdate: str
    gender: str
    birthplace: str
    birthcountry: str
    email: str
    preferred_username: str = ""
    # The birth date as the provider holds it: YYYY-MM-DD, YYYY-MM-00 or YYYY-00-00.
    idp_birthdate: str = ""

    def valeur(self, nom: str) -> str | list[str]:
        """One claim's value."""
        if nom == "given_name_array":
            return self.given_name.split()
        if nom == "idp_birthdate":
            return self.idp_birthdate or self.birthdate
        valeur: str = getattr(self, nom)
        return valeur

    def claims(self, scope: str) -> dict[str, Any]:
        """The identity claims the scope asks for (userinfo's, without `sub`)."""
        noms = {nom for s in scope.split() for nom in SCOPES.get(s, ())}
        return {nom: self.valeur(nom) for nom in DONNEES if nom in noms}

    def donnees_affichees(self, scope: str) -> list[tuple[str, str]]:
        """(label, value) of each transmitted claim, as the consent screen lists them."""
        return [
            (DONNEES[nom], _valeur_affichee(nom, valeur))
            for nom, valeur in self.claims(scope).items()
            if DONNEES[nom] and isinstance(valeur, str)
        ]


def _valeur_affichee(nom: str, valeur: str) -> str:
    if not valeur:
        return "non renseigné"
    if nom == "birthdate":
        return date.fromisoformat(valeur).strftime("%d/%m/%Y")
    if nom == "idp_birthdate":
        return "/".join(reversed(valeur.split("-")))
    if nom == "gender":
        return GENRES.get(valeur, valeur)
    if nom == "birthplace":
        return f"commune n° {valeur} (code INSEE)"
    if nom == "birthcountry":
        return "France" if valeur == PAYS_FRANCE else f"pays n° {valeur} (code INSEE)"
    return valeur


IDENTITE_DEMO = Identite(
    identifiant=IDENTIFIANT_DEMO,
    given_name="Angela Claire Louise",
    family_name="DUBOIS",
    birthdate="1962-08-24",
    gender="female",
    birthplace="75107",
    birthcountry=PAYS_FRANCE,
    email="wossewodda-3728@yopmail.com",
)
IDENTITES_DE_TEST = {
    identite.identifiant: identite
    for identite in (
        IDENTITE_DEMO,
        Identite(
            identifiant="naissance_Algérie",
            given_name="Vincent Guillaume",
            family_name="MARTIN",
            birthdate="1963-12-05",
            gender="male",
            birthplace="",
            birthcountry="99352",
            email="senossammab-2430@yopmail.com",
        ),
        Identite(
            identifiant="étranger_présumé_né_jour_et_mois",
            given_name="Jean",
            family_name="TARGE",
            birthdate="1992-01-01",
            idp_birthdate="1992-00-00",
            gender="male",
            birthplace="",
            birthcountry="99217",
            email="jean-targe@yopmail.com",
        ),
        Identite(
            identifiant="genre_indéfini",
            given_name="Camille",
            family_name="LAFORGE",
            birthdate="1954-08-07",
            gender="unspecified",
            birthplace="75119",
            birthcountry=PAYS_FRANCE,
            email="xagreureufadda-6730@yopmail.com",
        ),
    )
}


def _email(prenoms: str, nom: str) -> str:
    """The provider's email of an insured person: first name and name, unaccented."""
    texte = f"{prenoms.split()[0] if prenoms.split() else ''}.{nom}".lower()
    ascii_ = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return "".join(c for c in ascii_ if c.isalnum() or c == ".") + "@exemple.fr"


def identite_de_l_assure(personne: dict[str, Any]) -> Identite:
    """The identity an identity provider holds for a stored insured person."""
    numero = regles_nir.lire_nir(personne["nir"])
    ne_a_l_etranger = numero.departement == regles_nir.DEPARTEMENT_NE_A_L_ETRANGER
    return Identite(
        identifiant=numero.valeur,
        given_name=personne["prenoms"],
        family_name=personne["nom"],
        birthdate=personne["date_naissance"],
        gender="female" if personne["sexe"] == "2" else "male",
        # The birthplace of the NIR is the commune's INSEE code; abroad, FranceConnect sends
        # no birthplace and the country's INSEE code (99 + the NIR's three digits).
        birthplace="" if ne_a_l_etranger else numero.departement + numero.commune,
        birthcountry=f"99{numero.commune}" if ne_a_l_etranger else PAYS_FRANCE,
        email=_email(personne["prenoms"], personne["nom"]),
    )


def identite(identifiant: str) -> Identite | None:
    """The identity behind a login, if there is one."""
    if identifiant in IDENTITES_DE_TEST:
        return IDENTITES_DE_TEST[identifiant]
    numero = regles_nir.normaliser_nir(identifiant)
    if len(numero) == 15:  # typed with its key, as printed on the Vitale card
        numero = numero[:13]
    personne = registre.assure(numero) if len(numero) == 13 else None
    if personne is None:
        return None
    try:
        return identite_de_l_assure(personne)
    except regles_nir.NirInvalide:
        return None


def authentifier(identifiant: str, mot_de_passe: str) -> Identite | None:
    """The identity whose login and password these are, or None."""
    bon_mot_de_passe = hmac.compare_digest(mot_de_passe.encode(), MOT_DE_PASSE_TEST.encode())
    trouvee = identite(identifiant.strip())
    return trouvee if bon_mot_de_passe and trouvee is not None else None


def sujet(identite_: Identite, client_id: str) -> str:
    """The `sub` claim: a pairwise identifier, different for each service, like FranceConnect's."""
    empreinte = hashlib.sha256(f"{client_id}:{identite_.identifiant}".encode()).hexdigest()
    return f"{empreinte}v1"
