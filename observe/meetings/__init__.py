"""Reflection sessions (refleksionsmøder). In code: meetings."""
