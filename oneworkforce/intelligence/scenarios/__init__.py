"""Saved projection scenarios: their set-up, the changes they test, and running them."""
