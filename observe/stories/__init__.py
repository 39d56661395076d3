"""Læringshistorier (learning stories) and children's portfolios."""
