"""Peer observations ("kollegial observation") and "kom og kig med" requests.

The observed colleague stays in control: a new observation is seen by the author and
the observed colleague(s) only, and only an observed colleague widens it to the team.
The rules live in ``observe.permissions``; the state changes in ``services``.
"""
