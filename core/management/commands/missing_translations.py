"""List the texts the beheerder edits that have a Dutch text and no English
one: an English reader sees the Dutch text there. The same list is in the
admin (``/beheer/vertalingen/``, with its count on the admin's index)."""

from django.core.management.base import BaseCommand
from django.utils import translation

from core.translations import missing_translations


class Command(BaseCommand):
    help = "Toont de teksten die de beheerder bijhoudt en die nog geen Engelse vertaling hebben."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Eindig met status 1 als er een vertaling ontbreekt.",
        )

    def handle(self, *args, check=False, **options):
        with translation.override("nl"):
            missing = list(missing_translations())
            for item in missing:
                self.stdout.write(
                    f"{item.model._meta.label} {item.pk} {item.field}: {item.text[:80]}"
                )
        self.stdout.write(f"{len(missing)} Engelse vertaling(en) ontbreken.")
        if check and missing:
            raise SystemExit(1)
