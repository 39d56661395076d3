"""Translation chores: extract strings, list untranslated ones, apply and compile.

    python scripts/i18n.py update            # extract into the .pot and merge into da/en
    python scripts/i18n.py missing [da]      # untranslated msgids as JSON {msgid: ""}
    python scripts/i18n.py apply da FILE     # fill msgstr from a JSON {msgid: msgstr}
    python scripts/i18n.py compile           # write the .mo files the app loads

msgids are English; the English catalogue therefore needs no msgstr.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "observe" / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGS = ("da", "en")


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def run_pybabel(*args: str) -> None:
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), *args], check=True, cwd=ROOT)  # noqa: S603


def update() -> None:
    run_pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
                "--no-location", "--sort-output", "--omit-header", "--ignore-dirs", ".* .venv",
                "-o", str(POT), ".")
    for lang in LANGS:
        if po_path(lang).exists():
            run_pybabel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", lang,
                        "--no-fuzzy-matching", "--ignore-obsolete", "--omit-header")
        else:
            run_pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", lang)


def missing(lang: str = "da") -> dict:
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle)
    return {m.id: "" for m in catalog if m.id and not m.string and not m.pluralizable}


def apply(lang: str, source: str) -> None:
    mapping = json.loads(Path(source).read_text(encoding="utf-8"))
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id in mapping and mapping[message.id]:
            message.string = mapping[message.id]
            message.flags.discard("fuzzy")
    with po_path(lang).open("wb") as handle:
        write_po(handle, catalog, omit_header=True, sort_output=True, no_location=True)


def compile_all() -> None:
    for lang in LANGS:
        with po_path(lang).open("rb") as handle:
            catalog = read_po(handle)
        with po_path(lang).with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)


if __name__ == "__main__":
    command, *rest = sys.argv[1:] or ["update"]
    if command == "update":
        update()
    elif command == "missing":
        print(json.dumps(missing(*rest), ensure_ascii=False, indent=1))
    elif command == "apply":
        apply(*rest)
    elif command == "compile":
        compile_all()
    else:
        raise SystemExit(__doc__)
