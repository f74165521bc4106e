"""Faculties' needs, shared themes and partnership investment decisions.

The Django app arrives with the decisions pages; ``budgeting`` is the pure voting package.
"""
