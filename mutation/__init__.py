"""Mutation testing of the mock: small faults put into `mock_site/` one at a time, the tests run.

`python -m mutation` (`make mutate`): Python mutants are made with mutmut's mutation operators
(libcst), Jinja template mutants by `mutation.templates`; each mutant runs, in a forked process,
only the mock's own tests that executed the code or rendered the template it changes, fastest
first, stopping at the first failure; survivors can then be tried against the browser tests of
their screen (`--browser`). The report goes to `bench/MUTATION.md`; docs/mutation.md says why the
runner is ours and not `mutmut run`.
"""
