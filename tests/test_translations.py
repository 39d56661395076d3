"""Every UI string has a Danish translation, and the compiled catalogue is current."""

from __future__ import annotations

import gettext
from pathlib import Path

from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "observe" / "translations"


def _catalog(lang):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def _template_ids():
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_every_string_has_a_danish_translation():
    catalog = _catalog("da")
    missing = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str)
                                                      else all(m.string))]
    assert missing == []


def test_danish_catalogue_covers_the_extracted_strings():
    catalog_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog("da") if m.id}
    assert _template_ids() - catalog_ids == set()


def test_compiled_catalogue_matches_the_po_file():
    """The .mo the app loads must be compiled from the current .po
    (run `python scripts/i18n.py compile`)."""
    mo = TRANSLATIONS / "da" / "LC_MESSAGES" / "messages.mo"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in _catalog("da"):
        if message.id and isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, message.id
