"""Dutch first, English second: the catalogues are complete and up to date.

The test runs ``update_translations`` in a scratch copy of the project and
compares the result with the committed catalogues, so a text added to the code
without updating the catalogues fails here. Needs GNU gettext (xgettext).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = "locale/{}/LC_MESSAGES/django.{}"


def entries(catalogue, *, translated_only=False) -> dict:
    return {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in catalogue
        if not e.obsolete and e.msgid and (not translated_only or e.translated())
    }


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    if shutil.which("xgettext") is None or shutil.which("msgfmt") is None:
        pytest.fail("GNU gettext ontbreekt (xgettext, msgfmt): installeer het pakket 'gettext'.")
    copy = tmp_path_factory.mktemp("project") / "pps"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "staticfiles",
            "private",
            "node_modules",
            "*.sqlite3",
            "__pycache__",
            "test-artifacts",
        ),
    )
    env = {**os.environ, "DJANGO_DEBUG": "True"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "update_translations"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return copy


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["nl", "en"])
def test_catalogue_is_up_to_date_with_the_code(regenerated, locale):
    committed = polib.pofile(str(ROOT / CATALOGUE.format(locale, "po")))
    fresh = polib.pofile(str(regenerated / CATALOGUE.format(locale, "po")))
    missing = set(entries(fresh)) - set(entries(committed))
    stale = set(entries(committed)) - set(entries(fresh))
    assert not missing and not stale, (
        f"Vertaalcatalogus {locale} is niet bijgewerkt: run "
        f"'python manage.py update_translations'. Nieuw: {sorted(missing)[:5]}; "
        f"vervallen: {sorted(stale)[:5]}"
    )


@pytest.mark.slow
def test_dutch_catalogue_is_complete(regenerated):
    committed = polib.pofile(str(ROOT / CATALOGUE.format("nl", "po")))
    fresh = polib.pofile(str(regenerated / CATALOGUE.format("nl", "po")))
    assert entries(committed) == entries(fresh)


def test_english_catalogue_is_complete():
    catalogue = polib.pofile(str(ROOT / CATALOGUE.format("en", "po")))
    untranslated = [e.msgid for e in catalogue if not e.translated() or "fuzzy" in e.flags]
    assert untranslated == [], f"Nog niet in het Engels vertaald: {untranslated[:10]}"


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_compiled_catalogue_matches_its_source(locale):
    source = polib.pofile(str(ROOT / CATALOGUE.format(locale, "po")))
    compiled = polib.mofile(str(ROOT / CATALOGUE.format(locale, "mo")))
    assert entries(compiled) == entries(source, translated_only=True), (
        "Het .mo-bestand is verouderd: run 'python manage.py update_translations'."
    )


def test_interface_is_dutch_by_default_and_english_after_the_switch(client, world):
    client.force_login(world.officer)
    dutch = client.get(reverse("home")).content.decode()
    assert '<html lang="nl">' in dutch
    assert "Wachtwoord wijzigen" in dutch

    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    english = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in english
    assert "Change password" in english
    assert "Skip to content" in english


def test_language_switch_works_before_login(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert '<html lang="en">' in client.get(reverse("login")).content.decode()
