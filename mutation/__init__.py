"""Mutation testing of the mock (`make mutate`, docs/mutation.md)."""
