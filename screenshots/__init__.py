"""The tutorial's screenshots, regenerated from the mock in one command (`python -m screenshots`).

The journey is walked with a fixed demo person on a mock whose clock stands still, through the
page objects of `pages/`; each tutorial step gives a PNG in `docs/screenshots/`, described by a
`manifest.json`, and `docs/tutoriel.md` is rewritten around them. `--compare` captures afresh
and compares with the committed PNGs, which are the visual-regression baselines.
"""
