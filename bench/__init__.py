"""Benchmarks of the suite and of the mock (`make bench`), and the tools they share.

(The mock is started by `plugins.serveur_mock.ServeurMock`, under gunicorn for the load
benchmark; the journey over HTTP is `fixtures.parcours_http`.)

- `charge`: the load generator measuring the mock's throughput;
- `bare_journey`: the journey test's clicks as a bare Playwright script;
- `trace_sans_captures`: a pytest plugin for the journey benchmark, traces without screencast;
- `__main__`: `python -m bench` runs the benchmarks and writes `bench/RESULTS.md`;
- `stress`: `python -m bench.stress` reruns the suite in random orders to find flaky tests.
"""
