"""The en and ru catalogs are complete, compiled, and used when LANGUAGE_CODE says so."""

import gettext
import re
from pathlib import Path

from django.test import override_settings
from django.utils import translation

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = [
    "core",
    "catalog",
    "cases",
    "experts",
    "home",
    "leads",
    "proposals",
    "search",
    "demo",
    "templates",
    "config",
]
PATTERNS = [
    re.compile(r'\b_\(\s*"((?:[^"\\]|\\.)+)"\s*\)'),
    re.compile(r'{%\s*translate\s+"([^"]+)"'),
    re.compile(r"{%\s*translate\s+'([^']+)'"),
]


def source_strings() -> set[str]:
    found = set()
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                text = path.read_text(encoding="utf-8")
                for pattern in PATTERNS:
                    found.update(pattern.findall(text))
    return found


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_catalog_is_complete_and_compiled(lang):
    po = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy
    with open(ROOT / "locale" / lang / "LC_MESSAGES" / "django.mo", "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    stale = [
        e.msgid
        for e in po.translated_entries()
        if not e.msgid_plural
        and (compiled.pgettext(e.msgctxt, e.msgid) if e.msgctxt else compiled.gettext(e.msgid))
        != e.msgstr
    ]
    assert not stale, f"django.mo is older than django.po: {stale[:5]}"


def test_every_source_string_is_in_the_catalog():
    po = polib.pofile(str(ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"))
    known = {entry.msgid for entry in po}
    missing = sorted(
        s
        for s in source_strings()
        if s.encode().decode("unicode_escape") not in known and s not in known
    )
    assert not missing, f"run `make messages` and translate: {missing}"


def test_russian_site_speaks_russian(client, portfolio):
    with override_settings(LANGUAGE_CODE="ru"), translation.override("ru"):
        html = client.get(portfolio.services[0].url).content.decode()
    assert "Коротко" in html  # "At a glance"
    assert "Фиксированная цена" in html  # pricing model
    assert "Доказательства: кейсы с этой услугой" in html
