"""The team's self-evaluation as a professional learning community (PLF).

A round is opened for a team; each member answers a set of statements about the six
characteristics of a PLF privately (phase A); when the round closes the team sees the
distribution per statement (phase B) and links development points to statements
(phase C). Anonymity is structural: see ``models``.
"""
