"""Mutation testing of the mock (`make mutate`): small faults put into `mock_site/` one at a time.

cosmic-ray makes and runs the Python parts' mutants, `templates` the templates'; `selection`
picks the tests each mutant runs; `report` writes `bench/MUTATION.md` (docs/mutation.md).
"""
