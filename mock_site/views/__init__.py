"""Blueprints of the mock, one per area of the site."""
