"""The encoders: each picture of the film goes to VP9 in WebM and to H.264 in MP4 at once.

FFmpeg comes with PyAV's wheels (libvpx, libx264), from PyPI like every other package. A
picture shown for several seconds is encoded once, stamped with its time, and lasts until the
next one (variable frame rate, which both containers carry and every browser plays): the film's
still moments, most of it, cost nothing to encode. The last picture is stamped again at the
film's last instant, so that the files last exactly as long as the timeline.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from types import TracebackType
from typing import Self

import av
import numpy as np
from av.container import OutputContainer
from av.video.frame import PictureType
from av.video.stream import VideoStream
from PIL import Image

# VP9 at constant quality in realtime mode (`cpu-used` 8): about ten times faster than its
# "good" mode on the film's pictures, where text stays sharp at this quality.
VP9: dict[str, str] = {"crf": "24", "b": "0", "deadline": "realtime", "cpu-used": "8"}
# H.264 as every browser and player reads it (yuv420p, `faststart` puts the index first so
# that a browser plays before the download ends); no B-pictures, whose reordering over the
# timeline's long gaps gives MP4 a wrong duration.
H264: dict[str, str] = {"crf": "23", "preset": "veryfast", "bf": "0"}
# A key picture at least every 2 s of pictures encoded, so that a chapter starts at once.
GOP = 50
# A picture that changes more than this share of the previous one's pixels (a new page, a dialog
# opening or closing) is encoded as a key picture: VP9's realtime mode otherwise leaves faint
# traces of the previous page for a while.
CHANGEMENT_DE_PLAN = 0.2


def _flux(
    conteneur: OutputContainer, codec: str, options: dict[str, str], taille: tuple[int, int]
) -> VideoStream:
    flux = conteneur.add_stream(codec, options=options)
    if not isinstance(flux, VideoStream):
        raise TypeError(f"{codec} n'est pas un codec vidéo")
    flux.width, flux.height = taille
    flux.pix_fmt = "yuv420p"
    flux.codec_context.gop_size = GOP
    flux.codec_context.thread_count = 2
    return flux


def _part_changee(avant: np.ndarray, apres: np.ndarray) -> float:
    """The share of pixels that differ between two pictures (on a quarter of them)."""
    return float(np.any(avant[::2, ::2] != apres[::2, ::2], axis=2).mean())


class Encodeur:
    """Writes `<nom>.webm` and `<nom>.mp4` from the pictures of a `film.montage.Montage`."""

    def __init__(
        self, webm: Path, mp4: Path, taille: tuple[int, int], images_par_seconde: int
    ) -> None:
        self.taille = taille
        self.base_de_temps = Fraction(1, images_par_seconde)
        # `bitexact`: no date nor random identifier in the WebM header, so that the same
        # pictures give the same bytes (MP4 writes none).
        self._conteneurs = [
            av.open(str(webm), "w", format="webm", options={"fflags": "+bitexact"}),
            av.open(str(mp4), "w", format="mp4", options={"movflags": "+faststart"}),
        ]
        self._flux = [
            _flux(self._conteneurs[0], "libvpx-vp9", VP9, taille),
            _flux(self._conteneurs[1], "libx264", H264, taille),
        ]
        for flux in self._flux:
            flux.time_base = self.base_de_temps
            flux.codec_context.time_base = self.base_de_temps
        self._derniere: tuple[Image.Image, int, int] | None = None
        self._pixels: np.ndarray | None = None

    def ecrire(self, image: Image.Image, debut: int, images: int) -> None:
        """Show `image` from picture `debut` for `images` pictures."""
        if image.size != self.taille:
            raise ValueError(f"image de {image.size}, le film est en {self.taille}")
        self._encoder(image, debut, images)
        self._derniere = (image, debut, images)

    def _encoder(self, image: Image.Image, pts: int, images: int) -> None:
        pixels = np.asarray(image.convert("RGB"))
        trame = av.VideoFrame.from_ndarray(pixels, format="rgb24").reformat(format="yuv420p")
        if self._pixels is None or _part_changee(self._pixels, pixels) > CHANGEMENT_DE_PLAN:
            trame.pict_type = PictureType.I
        self._pixels = pixels
        trame.pts = pts
        trame.duration = images
        trame.time_base = self.base_de_temps
        for conteneur, flux in zip(self._conteneurs, self._flux, strict=True):
            for paquet in flux.encode(trame):
                conteneur.mux(paquet)

    def fermer(self) -> None:
        """Stamp the last picture at the film's end, flush the encoders, close the files."""
        if self._derniere is not None:
            image, debut, images = self._derniere
            if images > 1:
                self._encoder(image, debut + images - 1, 1)
        for conteneur, flux in zip(self._conteneurs, self._flux, strict=True):
            for paquet in flux.encode(None):
                conteneur.mux(paquet)
            conteneur.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        type_: type[BaseException] | None,
        erreur: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.fermer()
