"""Install the default Afwegingskader "Samenwerken of niet?" (version 1, published).

The texts follow the domain notes: knock-outs A1–A4 first, then the scored
themes B–H, equally weighted, with the bands ≥ 75 % (no theme below 50 %)
Samenwerken, ≥ 50 % onder voorwaarden, below that Niet samenwerken."""

from django.db import migrations
from django.utils import timezone

NAME = "Afwegingskader “Samenwerken of niet?”"

KNOCKOUTS = [
    (
        "A1",
        "Is de organisatie verbonden aan de tabaksindustrie, ook via een moeder- of "
        "dochtermaatschappij of een financier?",
        "Volgens artikel 5.3 van het WHO-Kaderverdrag inzake tabaksontmoediging (FCTC) werkt de "
        "overheid niet samen met de tabaksindustrie. Kijk ook naar eigenaren en financiers.",
    ),
    (
        "A2",
        "Is de kernactiviteit van de organisatie alcohol, kansspelen of wapens?",
        "Het gaat om de kernactiviteit: een supermarkt die ook bier verkoopt valt hier niet onder, "
        "een brouwerij of een casino wel.",
    ),
    (
        "A3",
        "Is de organisatie in de laatste drie jaar veroordeeld door de Reclame Code Commissie "
        "voor marketing van ongezonde voeding aan kinderen?",
        "Zoek de uitspraken van de Reclame Code Commissie op de naam van de organisatie en haar merken.",
    ),
    (
        "A4",
        "Staat de organisatie op een sanctielijst, of is zij in de laatste drie jaar veroordeeld "
        "voor fraude, corruptie, kinderarbeid of milieudelicten?",
        "Raadpleeg de nationale en Europese sanctielijsten en openbare uitspraken.",
    ),
]

THEMES = [
    (
        "B",
        "Missie en kernactiviteiten",
        [
            (
                "De missie van de organisatie past bij het maatschappelijk doel van de samenwerking.",
                "",
            ),
            (
                "De producten of diensten van de organisatie staan niet haaks op een gezonde leefstijl.",
                "Denk aan het assortiment, de marketing en de doelgroepen.",
            ),
            ("De inbreng van de organisatie blijft binnen haar kernactiviteiten.", ""),
        ],
    ),
    (
        "C",
        "Reputatie en achtergrond",
        [
            (
                "De organisatie heeft een goede reputatie.",
                "Kijk naar berichten in de media en ervaringen van anderen.",
            ),
            ("De organisatie heeft MVO-beleid dat aantoonbaar wordt uitgevoerd.", ""),
            ("Eerdere samenwerking met de overheid of de GGD verliep goed.", ""),
        ],
    ),
    (
        "D",
        "Belangen en motieven",
        [
            ("De organisatie benoemt haar motieven voor de samenwerking openlijk.", ""),
            (
                "Er is geen verborgen agenda, zoals reclame, verkoop of toegang tot doelgroepen.",
                "Bespreek dit expliciet in het gesprek met de partner.",
            ),
            ("Het is duidelijk wat de partner haalt en wat zij brengt.", ""),
        ],
    ),
    (
        "E",
        "Gedeelde ambitie en meerwaarde",
        [
            ("De organisatie deelt het maatschappelijk doel van de samenwerking.", ""),
            ("Samen bereiken de partners meer dan ieder alleen.", ""),
            ("De organisatie is complementair aan de andere partners.", ""),
        ],
    ),
    (
        "F",
        "Gelijkwaardigheid en commitment",
        [
            (
                "De organisatie zet eigen middelen in (‘proof of the pudding’).",
                "Een partner die zelf investeert, is gecommitteerd (vijf tips over samenwerkingsstructuren).",
            ),
            ("De organisatie verbindt zich meerjarig, met evaluatiemomenten.", ""),
            ("Besluiten worden gezamenlijk genomen en de verantwoordelijkheid wordt gedeeld.", ""),
        ],
    ),
    (
        "G",
        "Onafhankelijkheid en risico's",
        [
            ("De inhoud van gezondheidsboodschappen blijft bij de publieke partij.", ""),
            (
                "Logogebruik, naamsvermelding en exclusiviteit schaden de geloofwaardigheid van de "
                "gemeente niet.",
                "",
            ),
            (
                "Er is geen belangenverstrengeling van betrokken ambtenaren of bestuurders.",
                "",
            ),
        ],
    ),
    (
        "H",
        "Transparantie en verantwoording",
        [
            ("De organisatie is bereid de samenwerking en haar bijdragen openbaar te maken.", ""),
            ("De organisatie is bereid verantwoording af te leggen over inzet en resultaten.", ""),
        ],
    ),
]


def install(apps, schema_editor):
    Questionnaire = apps.get_model("assessment", "Questionnaire")
    Version = apps.get_model("assessment", "QuestionnaireVersion")
    Theme = apps.get_model("assessment", "Theme")
    Question = apps.get_model("assessment", "Question")
    Option = apps.get_model("assessment", "AnswerOption")
    Band = apps.get_model("assessment", "OutcomeBand")

    questionnaire, _ = Questionnaire.objects.get_or_create(
        name=NAME,
        defaults={
            "description": "Screening en weging van een beoogde private partner. Geen checklist, "
            "maar richting voor de gesprekken en de interne discussie."
        },
    )
    if Version.objects.filter(questionnaire=questionnaire).exists():
        return
    version = Version.objects.create(
        questionnaire=questionnaire, number=1, notes="Eerste versie, volgens het domeinmodel."
    )
    knockouts = Theme.objects.create(
        version=version,
        code="A",
        title="Uitsluitingsgronden",
        weight=0,
        is_knockout=True,
        order=0,
        description="Eén ‘ja’ betekent: niet samenwerken.",
    )
    for order, (code, text, help_text) in enumerate(KNOCKOUTS, start=1):
        question = Question.objects.create(
            theme=knockouts,
            code=code,
            text=text,
            help_text=help_text,
            is_knockout=True,
            order=order,
        )
        Option.objects.create(
            question=question, label="Ja", points=None, triggers_knockout=True, order=1
        )
        Option.objects.create(question=question, label="Nee", points=None, order=2)
        Option.objects.create(
            question=question, label="Onbekend", points=None, is_unknown=True, order=3
        )
    for theme_order, (code, title, questions) in enumerate(THEMES, start=1):
        theme = Theme.objects.create(
            version=version, code=code, title=title, weight=1, order=theme_order
        )
        for order, (text, help_text) in enumerate(questions, start=1):
            question = Question.objects.create(
                theme=theme, code=f"{code}{order}", text=text, help_text=help_text, order=order
            )
            for option_order, (label, points, unknown) in enumerate(
                [
                    ("Ja", 2, False),
                    ("Deels", 1, False),
                    ("Nee", 0, False),
                    ("Onbekend", None, True),
                ],
                start=1,
            ):
                Option.objects.create(
                    question=question,
                    label=label,
                    points=points,
                    is_unknown=unknown,
                    order=option_order,
                )
    Band.objects.create(version=version, outcome="samenwerken", min_total=75, min_theme=50)
    Band.objects.create(version=version, outcome="voorwaarden", min_total=50)
    Band.objects.create(version=version, outcome="niet", min_total=0)
    # Published last: the historical models carry no publish guard, the real ones do.
    version.published_at = timezone.now()
    version.save()


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
