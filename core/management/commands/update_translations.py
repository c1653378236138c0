"""Bring the translation catalogues up to date with the code and templates.

The source texts (msgids) are Dutch, so the Dutch catalogue translates every
text to itself; this command fills those in. English texts are written by
hand in ``locale/en/LC_MESSAGES/django.po``; the test suite fails while any is
missing or fuzzy, or while a catalogue is out of date.
"""

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

IGNORE = ["staticfiles", "tests", "build", "node_modules", "private"]


def catalogue_path(locale: str):
    return settings.BASE_DIR / "locale" / locale / "LC_MESSAGES" / "django.po"


class Command(BaseCommand):
    help = "Werkt de vertaalcatalogi bij (makemessages, Nederlands, compilemessages)."

    def handle(self, *args, **options):
        call_command(
            "makemessages",
            locale=["nl", "en"],
            ignore_patterns=IGNORE,
            add_location="file",
            no_obsolete=True,
            verbosity=0,
        )
        for locale in ("nl", "en"):
            catalogue = polib.pofile(str(catalogue_path(locale)))
            catalogue.metadata_is_fuzzy = False
            catalogue.metadata["Project-Id-Version"] = "PPS-portaal"
            catalogue.metadata["Language"] = locale
            catalogue.save()
        dutch = polib.pofile(str(catalogue_path("nl")))
        for entry in dutch:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        dutch.save()
        call_command("compilemessages", locale=["nl", "en"], verbosity=0)
        english = polib.pofile(str(catalogue_path("en")))
        missing = [e for e in english if not e.translated() or "fuzzy" in e.flags]
        self.stdout.write(
            f"{len(dutch)} teksten; Engels: {len(missing)} nog te vertalen in {catalogue_path('en')}"
        )
