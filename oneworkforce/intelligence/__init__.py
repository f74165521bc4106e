"""Workforce intelligence: national NHS statistics and local data, indicators against peers,
supply and demand projections with uncertainty, and scenarios.

``projection`` is the pure numpy engine (no Django); the rest is the Django app.
"""
