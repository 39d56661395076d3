"""Insights for data-informed dialogue, and the team's PLF self-evaluation.

``queries`` holds the figures (SQL aggregations), ``charts`` renders them as accessible
SVG, ``routes`` serves the team and institution pages and their CSV exports, and
``selfeval`` holds the self-evaluation rounds (its own models, services and pages).
See ``queries`` for the visibility rule every figure follows.
"""
