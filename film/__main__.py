"""`python -m film`: shoot the tutorial's films into docs/films/ and rewrite docs/tutoriel.md.

Without `--base-url`, a mock of its own is started (test mode, fresh database, clock stopped at
the tutorial's date), as `python -m screenshots` does. Each film is written as WebM (VP9) and
MP4 (H.264) at 1280×720, with a poster (JPEG), French captions and chapters (WebVTT); the
line printed for each gives its duration, its size and how long it took to make.
"""

from __future__ import annotations

import argparse
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import TimeoutError as DelaiDepasse
from playwright.sync_api import sync_playwright

from film.films import FILMS, Film, tourner
from pages.base import TexteInattendu
from screenshots.atelier import element_introuvable, lancer_chromium
from screenshots.documents import DOSSIER_CAPTURES, DOSSIER_FILMS, TUTORIEL, ecrire_tutoriel
from screenshots.parcours import PersonneDejaPresente
from screenshots.serveur import mock_a_horloge_fixe


def analyseur() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m film",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DOSSIER_FILMS,
        help="folder of the films and their tracks (default: %(default)s)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(FILMS),
        help="only this film; repeatable (default: every film)",
    )
    parser.add_argument(
        "--base-url", help="a mock already running in test or demo mode (default: start one)"
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="empty that mock before the first film (POST /_test/reset)",
    )
    parser.add_argument(
        "--tutorial",
        type=Path,
        default=TUTORIEL,
        help="Markdown tutorial that embeds the films, rewritten (default: %(default)s)",
    )
    return parser


def _taille(dossier: Path, film: Film) -> int:
    fichiers = film.fichiers
    return sum((dossier / nom).stat().st_size for nom in (fichiers.webm, fichiers.mp4))


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = analyseur().parse_args(argv)
    films = [FILMS[nom] for nom in dict.fromkeys(args.only or FILMS)]
    with ExitStack() as pile, sync_playwright() as playwright:
        base_url = args.base_url or pile.enter_context(mock_a_horloge_fixe())
        browser = lancer_chromium(playwright)
        try:
            for rang, film in enumerate(films):
                debut = time.perf_counter()
                pistes = tourner(
                    browser, base_url, film, args.output, reinitialiser=args.reset or rang > 0
                )
                duree = time.perf_counter() - debut
                print(
                    f"  {args.output / film.nom}.{{webm,mp4}} : {pistes.duree:.1f} s de film, "
                    f"{len(pistes.chapitres)} chapitres, {len(pistes.legendes)} sous-titres, "
                    f"{_taille(args.output, film)} octets, faits en {duree:.1f} s "
                    f"({duree / pistes.duree:.2f}× la durée)"
                )
        except (PersonneDejaPresente, TexteInattendu) as erreur:
            print(f"python -m film : {erreur}", file=sys.stderr)
            return 2
        except DelaiDepasse as erreur:
            print(f"python -m film : {element_introuvable(erreur)}", file=sys.stderr)
            return 2
        finally:
            browser.close()
    print(f"  {ecrire_tutoriel(DOSSIER_CAPTURES, args.tutorial, args.output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
