"""The default statement sets, one for daycare and one for schools (in Danish).

Seeded into an institution the first time its statements are needed; the admin edits
them afterwards. Each list covers the six characteristics of a professional learning
community with statements short enough to answer standing up.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

DAYCARE = (
    ("vision", "Vi har et fælles billede af, hvad god pædagogik er hos os."),
    ("vision", "Vi ved, hvorfor vi gør, som vi gør, i de daglige rutiner."),
    ("leadership", "Alle i teamet kan tage initiativ til at ændre vores praksis."),
    ("leadership", "Vi skiftes til at facilitere vores refleksionsmøder."),
    ("trust", "Jeg kan sige det, når jeg er i tvivl."),
    ("trust", "Vi kan være uenige fagligt uden at det bliver personligt."),
    ("learning", "Vi drøfter konkrete situationer med børnene."),
    ("learning", "Vi taler om, hvad børnene lærer, ikke kun om hvad de laver."),
    ("deprivatised", "Vi observerer hinandens praksis."),
    ("deprivatised", "Jeg beder mine kolleger om at komme og kigge med."),
    ("structures", "Vi har faste tidspunkter til at reflektere sammen."),
    ("structures", "Vi følger op på det, vi har besluttet at afprøve."),
)

SCHOOL = (
    ("vision", "Vi har et fælles sprog for, hvad god undervisning er."),
    ("vision", "Vores mål for elevernes læring og trivsel er tydelige for os alle."),
    ("leadership", "Alle i teamet kan tage initiativ til at udvikle vores undervisning."),
    ("leadership", "Ledelsen giver os tid og rum til at lære sammen."),
    ("trust", "Jeg kan sige det, når jeg er i tvivl."),
    ("trust", "Jeg kan dele en lektion, der gik skævt, uden at blive dømt."),
    ("learning", "Vi tager udgangspunkt i elevernes læring, når vi planlægger."),
    ("learning", "Vi drøfter konkrete elevprodukter og situationer fra undervisningen."),
    ("deprivatised", "Vi observerer hinandens undervisning."),
    ("deprivatised", "Jeg får feedback fra kolleger på min praksis."),
    ("structures", "Vi har faste tidspunkter til teamsamarbejde om undervisningen."),
    ("structures", "Vi følger op på de aftaler, vi laver i teamet."),
)


def for_kind(kind: str):
    return SCHOOL if kind == "school" else DAYCARE


def characteristic_labels() -> dict:
    return {
        "vision": _l("Shared vision and values"),
        "leadership": _l("Distributed leadership"),
        "trust": _l("Respectful and trusting relationships"),
        "learning": _l("Collective focus on learning"),
        "deprivatised": _l("Deprivatised practice"),
        "structures": _l("Supporting structures"),
    }


def scale_labels() -> dict:
    return {1: _l("Strongly disagree"), 2: _l("Somewhat disagree"),
            3: _l("Somewhat agree"), 4: _l("Strongly agree")}
