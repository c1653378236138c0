"""For a daily cron job: close the rounds whose closing date has passed, and
remind those who have not finished an open round, a few days before its
closing date. Running it more often changes nothing: each reminder moment
mails a person once, and a closed round stays closed."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from evaluation import running


class Command(BaseCommand):
    help = _(
        "Sluit evaluatierondes waarvan de sluitingsdatum voorbij is en herinnert wie nog niet "
        "heeft afgerond (%(days)s dagen voor de sluitingsdatum). Voor een dagelijkse cronjob; "
        "vaker draaien verstuurt niets dubbel."
    ) % {"days": " en ".join(str(d) for d in running.REMINDER_DAYS)}

    def handle(self, *args, **options):
        closed = running.close_expired()
        reminded = running.send_reminders()
        self.stdout.write(
            _("Gesloten rondes: %(closed)s; herinneringen verstuurd: %(reminded)s.")
            % {"closed": closed, "reminded": reminded}
        )
