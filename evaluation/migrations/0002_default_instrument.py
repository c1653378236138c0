"""Install the default evaluation instrument (version 1, published).

Six categories: the four elements of good intersectoral collaboration of
seed 001 (a shared vision, an effective mix of parties, leadership aimed at
lasting collaboration, efficient structures), and two drawn from the practice
of seeds 002 and 004 (communication, trust and support, also bestuurlijk;
results and added value: "tellen en vertellen"). Every statement is answered
on a 1-5 scale (helemaal oneens … helemaal eens) or "weet niet"; a category's
mean is read in the bands of the Wilder Collaboration Factors Inventory
(>= 4,0 sterk, 3,0-3,9 aandacht, < 3,0 zorg). Three open questions close it."""

from django.db import migrations
from django.utils import timezone

TITLE = "Evaluatie van de samenwerking"

INTRODUCTION = (
    "Deze evaluatie gaat over de samenwerking als geheel, niet over één partner. Geef bij elke "
    "stelling aan in hoeverre u het ermee eens bent, van 1 (helemaal oneens) tot 5 (helemaal "
    "eens). Kies ‘weet niet’ als u het niet kunt beoordelen. Wat u invult, wordt bewaard zodra "
    "u op een knop ‘Opslaan’ drukt; u kunt het wijzigen tot en met de sluitingsdatum."
)

NOTES = (
    "Eerste versie. Gebaseerd op de vier elementen van goede intersectorale samenwerking "
    "(Handreiking lokale integrale aanpak, 2015), de bouwstenen van Alles is Gezondheid "
    "(Publiek-privaat netwerken) en Loket Gezond Leven over samenwerking en draagvlak; de "
    "banden volgen de Wilder Collaboration Factors Inventory."
)

# code, title, short title (radar axis), description, statements
CATEGORIES = [
    (
        "V",
        "Gedeelde visie en doelen",
        "Visie en doelen",
        "Een gedeelde, sterke visie op het probleem en een beeld van de resultaten als het "
        "is opgelost (het eerste element van goede intersectorale samenwerking).",
        [
            "We hebben een gedeelde visie op het probleem dat we samen aanpakken.",
            "Het is voor iedereen duidelijk welke resultaten we samen willen bereiken.",
            "Ieders eigen doelen, belangen en drijfveren zijn openlijk besproken.",
            "De gezamenlijke doelen zijn voor mijn organisatie belangrijk genoeg om er tijd "
            "en middelen in te steken.",
        ],
    ),
    (
        "P",
        "De juiste partners aan tafel",
        "Partners",
        "Een effectieve mix van partijen en sterke onderlinge relaties: de samenstelling, "
        "het commitment en de middelen die de partners inzetten.",
        [
            "De partijen die nodig zijn om het doel te bereiken, doen mee.",
            "We werken met de juiste mensen: zij hebben de kennis en het mandaat om namens hun "
            "organisatie te handelen.",
            "Alle partners zijn nog steeds actief betrokken.",
            "Elke partner zet de mensen, middelen, kennis en het netwerk in die zij heeft "
            "toegezegd.",
            "De partners vullen elkaar aan: samen bereiken we meer dan ieder apart.",
        ],
    ),
    (
        "L",
        "Leiderschap en regie",
        "Regie",
        "Leiderschap gericht op duurzame samenwerking en gezamenlijke doelen; een partij die "
        "de regie heeft, op uitvoerend, beheersmatig en visionair niveau.",
        [
            "Het is duidelijk wie de regie heeft over de samenwerking.",
            "Wie de regie voert, stelt het gezamenlijke doel voorop en niet het eigen belang.",
            "Besluiten nemen we samen: alle partners hebben invloed op de koers.",
            "Als het anders loopt dan gepland, wordt er tijdig bijgestuurd.",
        ],
    ),
    (
        "S",
        "Afspraken, structuur en verantwoording",
        "Afspraken",
        "Efficiënte structuren en processen: duidelijke afspraken over rollen, taken, tijd en "
        "geld, een passend overleg en verantwoording over inzet en resultaten.",
        [
            "Rollen, taken, tijd en geld zijn duidelijk afgesproken.",
            "Het is duidelijk wat buiten de samenwerking valt.",
            "De partners komen hun afspraken na.",
            "Het overleg werkt: de juiste onderwerpen, met de juiste mensen, niet te vaak en "
            "niet te weinig.",
            "We leggen op een afgesproken manier verantwoording af over inzet en resultaten.",
        ],
    ),
    (
        "C",
        "Communicatie, vertrouwen en draagvlak",
        "Draagvlak",
        "Elkaar op de hoogte houden, wederzijds vertrouwen, successen delen, en draagvlak in "
        "de eigen organisaties en bij het bestuur.",
        [
            "Partners informeren elkaar tijdig, ook over knelpunten.",
            "Er is wederzijds vertrouwen tussen de publieke en de private partners.",
            "Successen worden gedeeld en gevierd.",
            "Binnen de organisaties van de partners is draagvlak voor de samenwerking.",
            "Het bestuur (wethouder, college, directies) steunt de samenwerking en wordt "
            "regelmatig op de hoogte gehouden.",
        ],
    ),
    (
        "R",
        "Resultaten en meerwaarde",
        "Resultaten",
        "Wat de samenwerking oplevert, zichtbaar gemaakt met cijfers en verhalen (‘tellen en "
        "vertellen’), en of het de moeite waard is haar voort te zetten of te borgen.",
        [
            "De samenwerking ligt op koers om haar doelen te halen.",
            "De resultaten zijn zichtbaar gemaakt, met cijfers en met verhalen.",
            "De samenwerking bereikt voor de inwoners iets wat geen van de partners alleen had "
            "bereikt.",
            "Voor mijn organisatie wegen de opbrengsten op tegen de inzet.",
            "De resultaten zijn de moeite waard om te borgen, in beleid of met structurele "
            "financiering.",
        ],
    ),
]

OPEN_QUESTIONS = [
    ("goed", "Wat gaat goed in de samenwerking?"),
    ("beter", "Wat kan beter?"),
    ("nu", "Wat moeten we nu doen? Noem de belangrijkste stap."),
]


def install(apps, schema_editor):
    Version = apps.get_model("evaluation", "InstrumentVersion")
    Category = apps.get_model("evaluation", "Category")
    Statement = apps.get_model("evaluation", "Statement")
    OpenQuestion = apps.get_model("evaluation", "OpenQuestion")
    if Version.objects.exists():
        return
    version = Version.objects.create(
        number=1, title=TITLE, introduction=INTRODUCTION, notes=NOTES
    )
    for order, (code, title, short_title, description, statements) in enumerate(
        CATEGORIES, start=1
    ):
        category = Category.objects.create(
            version=version,
            code=code,
            title=title,
            short_title=short_title,
            description=description,
            order=order,
        )
        for number, text in enumerate(statements, start=1):
            Statement.objects.create(
                category=category, code=f"{code}{number}", text=text, order=number
            )
    for order, (code, text) in enumerate(OPEN_QUESTIONS, start=1):
        OpenQuestion.objects.create(version=version, code=code, text=text, order=order)
    # Published last: the historical models carry no publish guard, the real ones do.
    version.published_at = timezone.now()
    version.save()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
