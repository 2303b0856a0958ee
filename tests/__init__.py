"""Tests of the test side: the factories, the tools (screenshots, benchmarks, sharding,
reporting), the shared mock, and the boundary between the mock and the test side."""
