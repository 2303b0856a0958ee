"""Unit tests of the mock's rules and of the test-data factories."""
