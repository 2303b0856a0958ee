"""The mock's own generator of insured persons, for the test-data API and the demo.

One person's numbers agree with each other the way the mock checks them, because they are
built with the mock's own rules: the NIR carries the sex, the birth year and month and a
birthplace; the postal code leads to the département and its caisse; the IBAN and the Vitale
serial pass their own checks. ``fabriquer_assure`` accepts any field as an override and
recomputes what derives from an overridden field, so a caller can ask for "a woman born in
Corsica in 1975" and still get a consistent person.

Only the test and demo modes import this module (it needs Faker); production never loads it.
"""

from __future__ import annotations

import calendar
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from random import Random

from faker import Faker
from faker.providers import BaseProvider

from mock_site.rules.caisses import (
    caisse_du_departement,
    departement_du_code_postal,
    departements,
)
from mock_site.rules.eligibilite import REGIME_GENERAL
from mock_site.rules.iban import composer_iban_fr
from mock_site.rules.nir import Nir, cle_nir, composer_nir, lire_nir

SEXES = ("1", "2")
# Share of persons with a second given name, as on a civil-status record ("Marie Louise").
_PROBABILITE_SECOND_PRENOM = 0.3
# The account number may hold letters, but only in its first 6 characters: screen 5 asks for
# the "7 derniers chiffres" of the IBAN (last 5 of the account + RIB key) and a letter there
# would make the person unusable with a numeric input.
_POSITIONS_LETTRE = 6
_PROBABILITE_LETTRE = 0.1


@dataclass(frozen=True)
class Assure:
    """An insured person, with exactly the fields of the test-data API."""

    nom: str
    prenoms: str
    sexe: str
    date_naissance: date
    nir: str
    cle_nir: str
    code_postal: str
    departement: str
    caisse: str
    regime: str
    iban: str
    numero_serie_vitale: str

    def to_json(self) -> dict[str, str]:
        """The person as the API sends it, the birth date as YYYY-MM-DD."""
        donnees = {champ.name: getattr(self, champ.name) for champ in fields(self)}
        donnees["date_naissance"] = self.date_naissance.isoformat()
        return donnees


CHAMPS = tuple(champ.name for champ in fields(Assure))


def _il_y_a_ans(jour: date, ans: int) -> date:
    """The same day `ans` years earlier; 29 February becomes the 28th in a common year."""
    try:
        return jour.replace(year=jour.year - ans)
    except ValueError:
        return jour.replace(year=jour.year - ans, day=28)


class AssuranceMaladieProvider(BaseProvider):
    """Départements, postal codes, NIR, IBAN and Vitale serials that fit together."""

    @property
    def _hasard(self) -> Random:
        hasard: Random = self.generator.random
        return hasard

    def _chiffres(self, nombre: int) -> str:
        return "".join(str(self._hasard.randint(0, 9)) for _ in range(nombre))

    def sexe(self) -> str:
        """'1' (man) or '2' (woman), the first character of the NIR."""
        return self._hasard.choice(SEXES)

    def departement_naissance(self) -> str:
        """A département where one can be born and get a NIR: any of the caisses table."""
        return self._hasard.choice(departements())

    def departement_residence(self) -> str:
        """A département served by a caisse of the régime général."""
        return self._hasard.choice(
            [dep for dep in departements() if caisse_du_departement(dep).regime_general]
        )

    def code_postal_du_departement(self, departement: str) -> str:
        """A postal code that the home page maps back to `departement`.

        Raises DepartementInconnu for a département missing from the caisses table, rather than
        returning a code that the home page would refuse.
        """
        departement = caisse_du_departement(departement).departement
        hasard = self._hasard
        if departement == "75":
            return f"750{hasard.randint(1, 20):02d}"
        if departement == "2A":
            return f"20{hasard.randint(0, 1)}{hasard.randint(0, 9)}0"
        if departement == "2B":
            return f"20{hasard.randint(2, 6)}{hasard.randint(0, 9)}0"
        if departement == "975":
            # Saint-Pierre-et-Miquelon has a single postal code for its two communes.
            return "97500"
        if len(departement) == 3:
            return f"{departement}{hasard.randint(0, 9)}0"
        return f"{departement}{hasard.randint(0, 99):02d}0"

    def date_naissance_adulte(
        self, aujourd_hui: date, age_min: int = 18, age_max: int = 90
    ) -> date:
        """A birth date of someone aged `age_min` to `age_max` on `aujourd_hui`."""
        debut = _il_y_a_ans(aujourd_hui, age_max)
        fin = _il_y_a_ans(aujourd_hui, age_min)
        return date.fromordinal(self._hasard.randint(debut.toordinal(), fin.toordinal()))

    def nir_pour(self, sexe: str, date_naissance: date, departement: str) -> str:
        """The 13-character NIR of someone of that sex, born that day in that département."""
        longueur_commune = 2 if len(departement) == 3 else 3
        commune = f"{self._hasard.randint(1, 10**longueur_commune - 1):0{longueur_commune}d}"
        ordre = f"{self._hasard.randint(1, 999):03d}"
        return composer_nir(sexe, date_naissance, departement, commune, ordre)

    def iban_fr(self) -> str:
        """A French IBAN whose mod-97 check digits and RIB key are both right."""
        hasard = self._hasard
        code_banque = f"{hasard.randint(10000, 99999)}"
        code_guichet = self._chiffres(5)
        compte = list(self._chiffres(11))
        if hasard.random() < _PROBABILITE_LETTRE:
            compte[hasard.randrange(_POSITIONS_LETTRE)] = hasard.choice(string.ascii_uppercase)
        return composer_iban_fr(code_banque, code_guichet, "".join(compte))

    def numero_serie_vitale(self) -> str:
        """The 15-digit serial number of a Vitale card with photo."""
        return self._chiffres(15)


def _sexe(
    valeurs: dict[str, str], nir_impose: Nir | None, fournisseur: AssuranceMaladieProvider
) -> str:
    """The overridden sex, else the imposed NIR's, else a drawn one."""
    if "sexe" in valeurs:
        sexe = valeurs["sexe"]
    elif nir_impose is not None:
        sexe = _sexe_du_nir(nir_impose)
    else:
        sexe = fournisseur.sexe()
    if sexe not in SEXES:
        raise ValueError(f"sexe vaut '1' ou '2', pas {sexe!r}")
    return sexe


def _residence(valeurs: dict[str, str], fournisseur: AssuranceMaladieProvider) -> tuple[str, str]:
    """(postal code, département): each follows the other when only one is overridden."""
    if "code_postal" in valeurs:
        code_postal = valeurs["code_postal"]
        departement = _ou(valeurs, "departement", lambda: departement_du_code_postal(code_postal))
    else:
        departement = _ou(valeurs, "departement", fournisseur.departement_residence).upper()
        code_postal = fournisseur.code_postal_du_departement(departement)
    return code_postal, departement


def _prenoms(valeurs: dict[str, str], sexe: str, faker: Faker) -> str:
    """The overridden first names, else one or two drawn for the sex."""
    if "prenoms" in valeurs:
        return valeurs["prenoms"]
    prenom = faker.first_name_male if sexe == "1" else faker.first_name_female
    prenoms = prenom()
    if faker.random.random() < _PROBABILITE_SECOND_PRENOM:
        prenoms = f"{prenoms} {prenom()}"
    return prenoms


def faker_fr(seed: int) -> Faker:
    """A French Faker with the health-insurance provider, seeded so that `seed` replays."""
    faker = Faker("fr_FR")
    faker.add_provider(AssuranceMaladieProvider)
    faker.seed_instance(seed)
    return faker


def _date(valeur: object) -> date:
    if isinstance(valeur, date):
        return valeur
    if isinstance(valeur, str):
        return date.fromisoformat(valeur)
    raise TypeError(f"date_naissance doit être une date ou 'AAAA-MM-JJ', pas {valeur!r}")


def _textes(surcharges: Mapping[str, object]) -> dict[str, str]:
    """The overrides other than the birth date, checked to be strings."""
    textes: dict[str, str] = {}
    for nom, valeur in surcharges.items():
        if nom == "date_naissance":
            continue
        if not isinstance(valeur, str):
            raise TypeError(f"{nom} doit être une chaîne, pas {valeur!r}")
        textes[nom] = valeur
    return textes


def _ou(valeurs: Mapping[str, str], nom: str, fabriquer: Callable[[], str]) -> str:
    """The override of `nom` if given (even empty), else a freshly made value."""
    return valeurs[nom] if nom in valeurs else fabriquer()


def _sexe_du_nir(nir: Nir) -> str:
    """1 or 2; a temporary number (7 / 8) carries the sex the same way, shifted by 6."""
    return {"1": "1", "7": "1", "2": "2", "8": "2"}[nir.sexe]


def _date_du_nir(nir: Nir, aujourd_hui: date, hasard: Random) -> date:
    """A birth date agreeing with the NIR's year and month.

    The century is the most recent one that does not put the birth in the future; an unknown
    month (above 12) lets any month agree.
    """
    mois = int(nir.mois) if int(nir.mois) <= 12 else hasard.randint(1, 12)
    annee = aujourd_hui.year - (aujourd_hui.year - int(nir.annee)) % 100
    jour = hasard.randint(1, calendar.monthrange(annee, mois)[1])
    naissance = date(annee, mois, jour)
    if naissance > aujourd_hui:
        annee -= 100
        naissance = date(annee, mois, min(jour, calendar.monthrange(annee, mois)[1]))
    return naissance


def fabriquer_assure(
    faker: Faker, *, aujourd_hui: date | None = None, **surcharges: object
) -> Assure:
    """A coherent insured person of the régime général aged 18 to 90 on `aujourd_hui`.

    Every field can be overridden; `date_naissance` as a date or 'AAAA-MM-JJ'. A field derived
    from an overridden one is recomputed unless overridden too: the NIR and its key follow
    `sexe` and `date_naissance`; the département and caisse follow `code_postal`; the postal
    code and caisse follow `departement`. An overridden `nir` gives the sex and birth date
    when those are not overridden. An unknown override raises TypeError, an impossible one
    ValueError.
    """
    inconnus = sorted(set(surcharges) - set(CHAMPS))
    if inconnus:
        raise TypeError(f"fabriquer_assure() ne connaît pas le champ : {', '.join(inconnus)}")
    if aujourd_hui is not None and not isinstance(aujourd_hui, date):
        # The API passes JSON bodies straight in: refuse a stray key here, not deep inside.
        raise TypeError(f"aujourd_hui doit être une date, pas {aujourd_hui!r}")
    jour = aujourd_hui if aujourd_hui is not None else date.today()
    fournisseur = AssuranceMaladieProvider(faker)
    valeurs = _textes(surcharges)

    nir_impose = lire_nir(valeurs["nir"]) if "nir" in valeurs else None
    sexe = _sexe(valeurs, nir_impose, fournisseur)
    if "date_naissance" in surcharges:
        date_naissance = _date(surcharges["date_naissance"])
    elif nir_impose is not None:
        date_naissance = _date_du_nir(nir_impose, jour, faker.random)
    else:
        date_naissance = fournisseur.date_naissance_adulte(jour)
    if nir_impose is not None:
        nir = nir_impose.valeur
    else:
        nir = fournisseur.nir_pour(sexe, date_naissance, fournisseur.departement_naissance())
    code_postal, departement = _residence(valeurs, fournisseur)
    nom = _ou(valeurs, "nom", lambda: faker.last_name().upper())
    prenoms = _prenoms(valeurs, sexe, faker)

    return Assure(
        nom=nom,
        prenoms=prenoms,
        sexe=sexe,
        date_naissance=date_naissance,
        nir=nir,
        cle_nir=_ou(valeurs, "cle_nir", lambda: cle_nir(nir)),
        code_postal=code_postal,
        departement=departement,
        caisse=_ou(valeurs, "caisse", lambda: caisse_du_departement(departement).nom),
        regime=_ou(valeurs, "regime", lambda: REGIME_GENERAL),
        iban=_ou(valeurs, "iban", fournisseur.iban_fr),
        numero_serie_vitale=_ou(valeurs, "numero_serie_vitale", fournisseur.numero_serie_vitale),
    )
