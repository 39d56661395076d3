"""Institutions, teams, staff, children and the theme vocabulary."""
