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
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as DelaiDepasse

from pages.base import TexteInattendu
from screenshots.atelier import Reglages, capturer_parcours, element_introuvable, lancer_chromium
from screenshots.catalogue import CAPTURES, PAR_NOM, VIEWPORTS, Capture, Viewport, choisir
from screenshots.comparaison import (
    TOLERANCE_PAR_DEFAUT,
    VARIABLE_TOLERANCE,
    Ecart,
    comparer_dossiers,
)
from screenshots.documents import (
    DOSSIER_CAPTURES,
    TUTORIEL,
    ecrire_manifeste,
    ecrire_tutoriel,
    lire_manifeste,
    manifeste,
    navigateur,
)
from screenshots.parcours import PersonneDejaPresente
from screenshots.serveur import mock_a_horloge_fixe

DOSSIER_RESULTATS = Path("test-results/visual")


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
    parser.add_argument(
        "--output",
        type=Path,
        default=DOSSIER_CAPTURES,
        help="folder of the PNGs and manifest.json (default: %(default)s); "
        "with --compare, the baselines",
    )
    parser.add_argument(
        "--viewport",
        action="append",
        choices=sorted(VIEWPORTS),
        help="desktop (1280×800, the default) or mobile (390×844, into mobile/); repeat for both",
    )
    parser.add_argument(
        "--no-highlight",
        dest="highlight",
        action="store_false",
        help="plain screenshots, without the outline and the blue arrow",
    )
    parser.add_argument(
        "--base-url", help="a mock already running in test or demo mode (default: start one)"
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="empty that mock first (POST /_test/reset), e.g. when the demo "
        "person already has an account there",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="STEP",
        help="only this screenshot (" + ", ".join(PAR_NOM) + ") or every "
        "screenshot of a step number; repeatable",
    )
    parser.add_argument(
        "--tutorial",
        type=Path,
        default=TUTORIEL,
        help="Markdown tutorial rewritten by a desktop run (default: %(default)s)",
    )
    _options_de_comparaison(parser)
    return parser


def _options_de_comparaison(parser: argparse.ArgumentParser) -> None:
    """`--compare` and what it reads: the tolerance, where the diffs go."""
    parser.add_argument(
        "--compare",
        action="store_true",
        help="capture afresh and compare with the PNGs of --output",
    )
    parser.add_argument(
        "--tolerance",
        type=_tolerance,
        default=_tolerance(os.environ.get(VARIABLE_TOLERANCE) or str(TOLERANCE_PAR_DEFAUT)),
        help="share of pixels that may differ, anti-aliasing aside "
        "(default: $VISUAL_TOLERANCE or %(default)s)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=DOSSIER_RESULTATS,
        help="where --compare writes actual and diff images (default: %(default)s)",
    )


def generer(
    browser: Browser,
    base_url: str,
    viewport: Viewport,
    captures: tuple[Capture, ...],
    args: argparse.Namespace,
    *,
    reinitialiser: bool,
) -> None:
    """Write the PNGs; after a full run, the manifest and, for the desktop, the tutorial."""
    dossier = viewport.dossier(args.output)
    resultats = capturer_parcours(
        browser,
        base_url,
        Reglages(dossier, viewport, args.highlight, captures),
        reinitialiser=reinitialiser,
    )
    for resultat in resultats:
        if resultat.fichier is not None:
            print(f"  {resultat.fichier}")
    if captures != CAPTURES:
        print("  manifest.json et le tutoriel sont inchangés (--only)")
        return
    ecrire_manifeste(
        dossier,
        manifeste(
            resultats, viewport, surlignage=args.highlight, navigateur=navigateur(browser.version)
        ),
    )
    print(f"  {dossier / 'manifest.json'}")
    if viewport.nom == "desktop":
        print(f"  {ecrire_tutoriel(dossier, args.tutorial)}")


def comparer(
    browser: Browser,
    base_url: str,
    viewport: Viewport,
    captures: tuple[Capture, ...],
    args: argparse.Namespace,
    *,
    reinitialiser: bool,
) -> list[Ecart]:
    """Capture afresh and compare with the baselines; return the changes beyond tolerance."""
    references = viewport.dossier(args.output)
    dossier = args.results / viewport.nom
    shutil.rmtree(dossier, ignore_errors=True)  # no diff left over from an earlier run
    capturer_parcours(
        browser,
        base_url,
        Reglages(dossier / "actual", viewport, args.highlight, captures),
        reinitialiser=reinitialiser,
    )
    if (references / "manifest.json").exists():
        reference = lire_manifeste(references).get("navigateur")
        if reference != navigateur(browser.version):
            print(
                f"  références faites avec {reference}, capture avec "
                f"{navigateur(browser.version)} : l'anticrénelage qui diffère entre les deux "
                "est ignoré"
            )
    ecarts = comparer_dossiers(
        [c.nom for c in captures], references, dossier / "actual", dossier / "diff"
    )
    changes = [e for e in ecarts if e.depasse(args.tolerance)]
    for ecart in ecarts:
        etat = "CHANGÉ " if ecart in changes else "ok     "
        print(
            f"  {etat} {viewport.nom} {ecart.description()}"
            + (f" — diff : {ecart.diff}" if ecart.diff and ecart in changes else "")
        )
    return changes


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = analyseur()
    args = parser.parse_args(argv)
    try:
        captures = choisir(args.only)
    except ValueError as erreur:
        parser.error(str(erreur))
    viewports = [VIEWPORTS[nom] for nom in dict.fromkeys(args.viewport or ["desktop"])]
    changes: list[Ecart] = []
    with ExitStack() as pile, sync_playwright() as playwright:
        base_url = args.base_url or pile.enter_context(mock_a_horloge_fixe())
        browser = lancer_chromium(playwright)
        try:
            for rang, viewport in enumerate(viewports):
                # Each run creates the demo person's account: the next one needs an empty mock.
                reinitialiser = args.reset or rang > 0
                print(f"{viewport.nom} ({viewport.largeur}×{viewport.hauteur}) sur {base_url}")
                if args.compare:
                    changes += comparer(
                        browser, base_url, viewport, captures, args, reinitialiser=reinitialiser
                    )
                else:
                    generer(
                        browser, base_url, viewport, captures, args, reinitialiser=reinitialiser
                    )
        except (PersonneDejaPresente, TexteInattendu) as erreur:
            print(f"python -m screenshots : {erreur}", file=sys.stderr)
            return 2
        except DelaiDepasse as erreur:
            print(f"python -m screenshots : {element_introuvable(erreur)}", file=sys.stderr)
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
