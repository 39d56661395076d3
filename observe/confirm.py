"""Confirmation before destructive actions, with or without JavaScript.

The ``confirm_delete`` macro posts ``confirmed=0``; app.js asks in a dialog and sets it
to 1. Without JavaScript the route answers with a confirmation page instead of acting.
"""

from __future__ import annotations

from flask import render_template, request


def ask_unless_confirmed(question: str, cancel_url: str):
    """Return a confirmation page to render, or None when the user has confirmed."""
    if request.form.get("confirmed") == "1":
        return None
    return render_template("confirm.html", question=question, action=request.path,
                           cancel_url=cancel_url)
