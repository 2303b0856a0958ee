"""`python -m screenshots`: regenerate the tutorial's screenshots, or compare them (`--compare`).

Without `--base-url`, a mock of its own is started (test mode, fresh database, clock stopped at
the tutorial's date). Desktop PNGs go to the output folder itself, mobile ones to its `mobile/`
subfolder, each folder with its `manifest.json`; the desktop run also rewrites the tutorial.
`--compare` writes nothing there: it captures into `test-results/visual/<viewport>/actual/`,
writes diff images to `.../diff/` and exits with 1, naming the screenshots that changed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as DelaiDepasse

from pages.base import TexteInattendu
from screenshots import atelier, comparaison, documents
from screenshots.catalogue import CAPTURES, PAR_NOM, VIEWPORTS, Capture, Viewport, choisir
from screenshots.parcours import PersonneDejaPresente
from screenshots.serveur import mock_a_horloge_fixe


def _tolerance(texte: str) -> float:
    valeur = float(texte)
    if not 0 <= valeur <= 1:
        raise argparse.ArgumentTypeError("la tolérance est une part des pixels, entre 0 et 1")
    return valeur


def analyseur() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m screenshots",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    option = parser.add_argument
    option(
        "--output",
        type=Path,
        default=documents.DOSSIER_CAPTURES,
        help="folder of the PNGs and manifest.json (default: %(default)s); "
        "with --compare, the baselines",
    )
    option(
        "--viewport",
        action="append",
        choices=sorted(VIEWPORTS),
        help="desktop (1280×800, the default) or mobile (390×844, into mobile/); repeat for both",
    )
    option(
        "--no-highlight",
        dest="highlight",
        action="store_false",
        help="plain screenshots, without the outline and the blue arrow",
    )
    option("--base-url", help="a mock already running in test or demo mode (default: start one)")
    option(
        "--reset",
        action="store_true",
        help="empty that mock first (POST /_test/reset), e.g. when the demo "
        "person already has an account there",
    )
    option(
        "--only",
        action="append",
        metavar="STEP",
        help=f"only this screenshot ({', '.join(PAR_NOM)}) or every screenshot of a step "
        "number; repeatable",
    )
    option(
        "--tutorial",
        type=Path,
        default=documents.TUTORIEL,
        help="Markdown tutorial rewritten by a desktop run (default: %(default)s)",
    )
    _options_de_comparaison(option)
    return parser


def _options_de_comparaison(option: Callable[..., argparse.Action]) -> None:
    """`--compare` and what it reads: the tolerance, where the diffs go."""
    option(
        "--compare",
        action="store_true",
        help="capture afresh and compare with the PNGs of --output",
    )
    option(
        "--tolerance",
        type=_tolerance,
        # A string default goes through `type` too, so a wrong $VISUAL_TOLERANCE is refused.
        default=os.environ.get(comparaison.VARIABLE_TOLERANCE) or comparaison.TOLERANCE_PAR_DEFAUT,
        help="share of pixels that may differ, anti-aliasing aside "
        "(default: $VISUAL_TOLERANCE or %(default)s)",
    )
    option(
        "--results",
        type=Path,
        default=Path("test-results/visual"),
        help="where --compare writes actual and diff images (default: %(default)s)",
    )


def comparer(
    resultats: list[atelier.Resultat], viewport: Viewport, args: argparse.Namespace, navigateur: str
) -> list[comparaison.Ecart]:
    """Compare the fresh captures with the baselines; return the changes beyond tolerance."""
    references = viewport.dossier(args.output)
    if (references / "manifest.json").exists():
        reference = documents.lire_manifeste(references).get("navigateur")
        if reference != navigateur:
            print(
                f"  références faites avec {reference}, capture avec {navigateur} : "
                "l'anticrénelage qui diffère entre les deux est ignoré"
            )
    dossier = args.results / viewport.nom
    noms = [r.capture.nom for r in resultats]
    ecarts = comparaison.comparer_dossiers(noms, references, dossier / "actual", dossier / "diff")
    changes = [e for e in ecarts if e.depasse(args.tolerance)]
    for ecart in ecarts:
        change = ecart in changes
        diff = f" — diff : {ecart.diff}" if change and ecart.diff else ""
        print(f"  {'CHANGÉ ' if change else 'ok     '} {viewport.nom} {ecart.description()}{diff}")
    return changes


def executer(
    browser: Browser,
    base_url: str,
    viewport: Viewport,
    captures: tuple[Capture, ...],
    args: argparse.Namespace,
    *,
    reinitialiser: bool,
) -> list[comparaison.Ecart]:
    """One viewport's run: capture, then write the documents or compare with the baselines."""
    if args.compare:
        shutil.rmtree(args.results / viewport.nom, ignore_errors=True)  # no diff left over
        dossier = args.results / viewport.nom / "actual"
    else:
        dossier = viewport.dossier(args.output)
    reglages = atelier.Reglages(dossier, viewport, args.highlight, captures)
    resultats = atelier.capturer_parcours(browser, base_url, reglages, reinitialiser=reinitialiser)
    navigateur = documents.navigateur(browser.version)
    if args.compare:
        return comparer(resultats, viewport, args, navigateur)
    for resultat in resultats:
        if resultat.fichier is not None:
            print(f"  {resultat.fichier}")
    if captures != CAPTURES:
        print("  manifest.json et le tutoriel sont inchangés (--only)")
        return []
    contenu = documents.manifeste(
        resultats, viewport, surlignage=args.highlight, navigateur=navigateur
    )
    print(f"  {documents.ecrire_manifeste(dossier, contenu)}")
    if viewport.nom == "desktop":
        print(f"  {documents.ecrire_tutoriel(dossier, args.tutorial)}")
    return []


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = analyseur()
    args = parser.parse_args(argv)
    try:
        captures = choisir(args.only)
    except ValueError as erreur:
        parser.error(str(erreur))
    viewports = [VIEWPORTS[nom] for nom in dict.fromkeys(args.viewport or ["desktop"])]
    changes: list[comparaison.Ecart] = []
    with ExitStack() as pile, sync_playwright() as playwright:
        base_url = args.base_url or pile.enter_context(mock_a_horloge_fixe())
        browser = atelier.lancer_chromium(playwright)
        try:
            for rang, viewport in enumerate(viewports):
                print(f"{viewport.nom} ({viewport.largeur}×{viewport.hauteur}) sur {base_url}")
                # Each run creates the demo person's account: the next one needs an empty mock.
                reinitialiser = args.reset or rang > 0
                changes += executer(
                    browser, base_url, viewport, captures, args, reinitialiser=reinitialiser
                )
        except (PersonneDejaPresente, TexteInattendu, DelaiDepasse) as erreur:
            ligne = str(erreur)
            if isinstance(erreur, DelaiDepasse):
                ligne = atelier.element_introuvable(erreur)
            print(f"python -m screenshots : {ligne}", file=sys.stderr)
            return 2
        finally:
            browser.close()
    if changes:
        print(
            f"{len(changes)} capture(s) changée(s) au-delà de la tolérance "
            f"{args.tolerance:g} : {', '.join(e.nom for e in changes)}\n"
            "Si le changement est voulu, acceptez-le avec `make screenshots`.",
            file=sys.stderr,
        )
        return 1
    if args.compare:
        print("Aucune capture n'a changé.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
