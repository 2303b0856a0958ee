"""The tutorial's screenshots, regenerated from the mock in one command (`python -m screenshots`):
a PNG per tutorial step in `docs/screenshots/`, their `manifest.json` and `docs/tutoriel.md`.
The committed PNGs are the visual-regression baselines (`--compare`, `e2e/test_visuel.py`).
"""
