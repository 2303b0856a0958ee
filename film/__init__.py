"""The tutorial as films (`python -m film`, `make video`): the journey and the FranceConnect
branch, shot on the mock with the demo person and a stopped clock, along the same journey as the
screenshots (`screenshots.parcours`), with a pointer, French captions and one chapter per step.

The film is cut, not recorded: each picture is a screenshot taken once the page has settled,
shown for a time the script sets (a heading is read, a character typed, the pointer moves), so
that no half-loaded page is ever seen and every run gives the same timeline (`film.montage`).
"""
