import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.notifications import absolute
from demo import assessments as demo_assessments
from demo import branding as demo_branding
from demo import data
from demo import endings as demo_endings
from demo import evaluation as demo_evaluation
from demo import follow_up as demo_follow_up
from demo import national as demo_national
from demo import partnerships as demo_partnerships
from partnerships import revision


class Command(BaseCommand):
    help = _(
        "Laadt de demodata: GGD-regio's, gemeenten en demo-accounts. "
        "Mag vaker draaien; bestaande demodata wordt bijgewerkt, niet verdubbeld."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--national",
            action="store_true",
            help=_(
                "Voeg ook een gegenereerde landelijke dataset toe (25 regio's, 5.000 samenwerkingen)."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_(
                "Ook laden als DJANGO_DEBUG uit staat (productie). Alleen voor een testomgeving."
            ),
        )

    def handle(self, *args, force=False, national=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DJANGO_DEBUG staat uit: dit lijkt een productieomgeving. Demodata met bekende "
                    "wachtwoorden hoort daar niet. Gebruik --force als u het toch wilt."
                )
            )
        data.load_regions()
        users = data.load_users()
        demo_branding.load_branding()
        created = demo_partnerships.load_partnerships()
        self.stdout.write(_("Samenwerkingen toegevoegd: %(count)s") % {"count": len(created)})
        assessments = demo_assessments.load_assessments()
        self.stdout.write(_("Afwegingen toegevoegd: %(count)s") % {"count": len(assessments)})
        respondent_link = demo_evaluation.load_rounds()
        endings = demo_endings.load_endings()
        # Something for the dashboard's "Evaluatie en besluit" to show in Zwolle.
        demo_follow_up.load_follow_up()
        self.stdout.write(
            _("Besloten samenwerkingen toegevoegd: %(count)s") % {"count": len(endings)}
        )

        # Bulk inserts bypass the model signals: make every cached figure stale
        # here. The national data set adds only new partnerships with their own
        # records, which change the state of every set they join by themselves
        # (partnerships.revision.state_of); touching every row after it would
        # leave as many dead rows as there are partnerships.
        revision.touch_partnerships(own_work=False)
        if national:
            if demo_national.is_loaded():
                self.stdout.write(_("De landelijke dataset is al geladen."))
            else:
                started = time.monotonic()
                demo_national.load(self.stdout)
                self.stdout.write(
                    _("Landelijke dataset geladen in %(seconds)s s.")
                    % {"seconds": round(time.monotonic() - started)}
                )
        self.stdout.write(self.style.SUCCESS(_("Demodata geladen.")))
        self.stdout.write(
            _("Demo-accounts (wachtwoord: %(password)s):") % {"password": data.DEMO_PASSWORD}
        )
        for user in users:
            where = user.organisation_label or "-"
            self.stdout.write(f"  {user.username:<24} {user.get_role_display():<30} {where}")
        if respondent_link:
            self.stdout.write(
                _(
                    "Open evaluatieronde: de persoonlijke link van %(name)s (partner, zonder "
                    "account; elke run maakt een nieuwe):"
                )
                % {"name": demo_evaluation.LINK_CONTACT}
            )
            self.stdout.write(f"  {absolute(respondent_link)}")
