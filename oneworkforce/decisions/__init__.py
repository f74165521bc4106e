"""Faculties' needs, shared themes and partnership investment decisions.

``budgeting`` is the pure voting package (no Django); the rest is the Django app.
"""
