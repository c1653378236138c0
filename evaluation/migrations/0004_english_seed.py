"""The English texts of the default evaluation instrument (0002): its title,
introduction, categories, statements and open questions. Only a text that is
still the seeded Dutch one gets its English (in any version, published or
not: a translation does not change what was asked); what the beheerder has
changed keeps an empty English text (shown in Dutch, and listed by
``manage.py missing_translations``) until she writes it."""

from django.db import migrations

APP = "evaluation"
TRANSLATED = {
    "instrumentversion": ("title", "introduction"),
    "category": ("title", "short_title", "description"),
    "statement": ("text",),
    "openquestion": ("text",),
}

EN = {
    "Evaluatie van de samenwerking": "Evaluation of the partnership",
    "Deze evaluatie gaat over de samenwerking als geheel, niet over één partner. Geef bij elke "
    "stelling aan in hoeverre u het ermee eens bent, van 1 (helemaal oneens) tot 5 (helemaal "
    "eens). Kies ‘weet niet’ als u het niet kunt beoordelen. Wat u invult, wordt bewaard zodra "
    "u op een knop ‘Opslaan’ drukt; u kunt het wijzigen tot en met de sluitingsdatum.": (
        "This evaluation is about the partnership as a whole, not about one partner. For each "
        "statement, indicate to what extent you agree with it, from 1 (strongly disagree) to 5 "
        "(strongly agree). Choose ‘don’t know’ if you cannot judge it. What you fill in is kept "
        "as soon as you press a ‘Save’ button; you can change it up to and including the "
        "closing date."
    ),
    # V
    "Gedeelde visie en doelen": "Shared vision and goals",
    "Visie en doelen": "Vision and goals",
    "Een gedeelde, sterke visie op het probleem en een beeld van de resultaten als het "
    "is opgelost (het eerste element van goede intersectorale samenwerking).": (
        "A shared, strong vision of the problem and a picture of the results once it is solved "
        "(the first element of good intersectoral collaboration)."
    ),
    "We hebben een gedeelde visie op het probleem dat we samen aanpakken.": (
        "We share a vision of the problem we are tackling together."
    ),
    "Het is voor iedereen duidelijk welke resultaten we samen willen bereiken.": (
        "Everyone is clear about the results we want to achieve together."
    ),
    "Ieders eigen doelen, belangen en drijfveren zijn openlijk besproken.": (
        "Each partner's own goals, interests and motives have been discussed openly."
    ),
    "De gezamenlijke doelen zijn voor mijn organisatie belangrijk genoeg om er tijd "
    "en middelen in te steken.": (
        "The joint goals matter enough to my organisation to invest time and resources in them."
    ),
    # P
    "De juiste partners aan tafel": "The right partners at the table",
    "Partners": "Partners",
    "Een effectieve mix van partijen en sterke onderlinge relaties: de samenstelling, "
    "het commitment en de middelen die de partners inzetten.": (
        "An effective mix of parties and strong relationships between them: the composition, "
        "the commitment and the resources the partners contribute."
    ),
    "De partijen die nodig zijn om het doel te bereiken, doen mee.": (
        "The parties needed to reach the goal are taking part."
    ),
    "We werken met de juiste mensen: zij hebben de kennis en het mandaat om namens hun "
    "organisatie te handelen.": (
        "We work with the right people: they have the knowledge and the mandate to act on "
        "behalf of their organisation."
    ),
    "Alle partners zijn nog steeds actief betrokken.": "All partners are still actively involved.",
    "Elke partner zet de mensen, middelen, kennis en het netwerk in die zij heeft "
    "toegezegd.": (
        "Each partner contributes the people, resources, knowledge and network it has promised."
    ),
    "De partners vullen elkaar aan: samen bereiken we meer dan ieder apart.": (
        "The partners complement each other: together we achieve more than each of us alone."
    ),
    # L
    "Leiderschap en regie": "Leadership and direction",
    "Regie": "Direction",
    "Leiderschap gericht op duurzame samenwerking en gezamenlijke doelen; een partij die "
    "de regie heeft, op uitvoerend, beheersmatig en visionair niveau.": (
        "Leadership aimed at lasting collaboration and joint goals; one party that directs the "
        "partnership, at the operational, managerial and strategic level."
    ),
    "Het is duidelijk wie de regie heeft over de samenwerking.": (
        "It is clear who directs the partnership."
    ),
    "Wie de regie voert, stelt het gezamenlijke doel voorop en niet het eigen belang.": (
        "Whoever directs the partnership puts the joint goal first, not their own interest."
    ),
    "Besluiten nemen we samen: alle partners hebben invloed op de koers.": (
        "We take decisions together: all partners have a say in the course."
    ),
    "Als het anders loopt dan gepland, wordt er tijdig bijgestuurd.": (
        "When things go differently than planned, course is adjusted in time."
    ),
    # S
    "Afspraken, structuur en verantwoording": "Agreements, structure and accountability",
    "Afspraken": "Agreements",
    "Efficiënte structuren en processen: duidelijke afspraken over rollen, taken, tijd en "
    "geld, een passend overleg en verantwoording over inzet en resultaten.": (
        "Efficient structures and processes: clear agreements on roles, tasks, time and money, "
        "fitting meetings and accountability for efforts and results."
    ),
    "Rollen, taken, tijd en geld zijn duidelijk afgesproken.": (
        "Roles, tasks, time and money have been clearly agreed."
    ),
    "Het is duidelijk wat buiten de samenwerking valt.": (
        "It is clear what falls outside the partnership."
    ),
    "De partners komen hun afspraken na.": "The partners keep their agreements.",
    "Het overleg werkt: de juiste onderwerpen, met de juiste mensen, niet te vaak en "
    "niet te weinig.": (
        "The meetings work: the right subjects, with the right people, neither too often nor "
        "too rarely."
    ),
    "We leggen op een afgesproken manier verantwoording af over inzet en resultaten.": (
        "We account for our efforts and results in an agreed way."
    ),
    # C
    "Communicatie, vertrouwen en draagvlak": "Communication, trust and support",
    "Draagvlak": "Support",
    "Elkaar op de hoogte houden, wederzijds vertrouwen, successen delen, en draagvlak in "
    "de eigen organisaties en bij het bestuur.": (
        "Keeping each other informed, mutual trust, sharing successes, and support within the "
        "partners' own organisations and among the administrators."
    ),
    "Partners informeren elkaar tijdig, ook over knelpunten.": (
        "Partners inform each other in time, also about problems."
    ),
    "Er is wederzijds vertrouwen tussen de publieke en de private partners.": (
        "There is mutual trust between the public and the private partners."
    ),
    "Successen worden gedeeld en gevierd.": "Successes are shared and celebrated.",
    "Binnen de organisaties van de partners is draagvlak voor de samenwerking.": (
        "Within the partners' organisations there is support for the partnership."
    ),
    "Het bestuur (wethouder, college, directies) steunt de samenwerking en wordt "
    "regelmatig op de hoogte gehouden.": (
        "The administrators (alderman, municipal executive, boards of directors) support the "
        "partnership and are kept informed regularly."
    ),
    # R
    "Resultaten en meerwaarde": "Results and added value",
    "Resultaten": "Results",
    "Wat de samenwerking oplevert, zichtbaar gemaakt met cijfers en verhalen (‘tellen en "
    "vertellen’), en of het de moeite waard is haar voort te zetten of te borgen.": (
        "What the partnership achieves, made visible with figures and stories (‘count and "
        "recount’), and whether it is worth continuing or embedding it."
    ),
    "De samenwerking ligt op koers om haar doelen te halen.": (
        "The partnership is on course to reach its goals."
    ),
    "De resultaten zijn zichtbaar gemaakt, met cijfers en met verhalen.": (
        "The results have been made visible, with figures and with stories."
    ),
    "De samenwerking bereikt voor de inwoners iets wat geen van de partners alleen had "
    "bereikt.": (
        "The partnership achieves something for residents that none of the partners would have "
        "achieved alone."
    ),
    "Voor mijn organisatie wegen de opbrengsten op tegen de inzet.": (
        "For my organisation, the benefits outweigh the effort."
    ),
    "De resultaten zijn de moeite waard om te borgen, in beleid of met structurele "
    "financiering.": (
        "The results are worth embedding, in policy or with structural funding."
    ),
    # Open questions
    "Wat gaat goed in de samenwerking?": "What is going well in the partnership?",
    "Wat kan beter?": "What could be better?",
    "Wat moeten we nu doen? Noem de belangrijkste stap.": (
        "What should we do now? Name the most important step."
    ),
}



def _english(dutch, translations):
    """The English of a seeded Dutch text; a text of several lines (tips,
    pitfalls) line by line. None when any part is not a seeded text: the
    beheerder changed it, and its translation is hers to write."""
    if dutch in translations:
        return translations[dutch]
    lines = [line.strip() for line in dutch.splitlines() if line.strip()]
    if len(lines) > 1 and all(line in translations for line in lines):
        return "\n".join(translations[line] for line in lines)
    return None


def fill_english(apps, schema_editor):
    """Fill the empty English texts of the seeded content; a text the
    beheerder has changed (not one of the seeded Dutch texts) stays empty and
    is listed as missing (``manage.py missing_translations``)."""
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model(APP, model_name)
        for obj in model.objects.all():
            changed = []
            for field in fields:
                dutch = getattr(obj, f"{field}_nl") or ""
                if not dutch or getattr(obj, f"{field}_en"):
                    continue
                english = _english(dutch, EN)
                if english is not None:
                    setattr(obj, f"{field}_en", english)
                    changed.append(f"{field}_en")
            if changed:
                # Historical models of a migration have no publish guard.
                obj.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0003_english_texts")]

    operations = [migrations.RunPython(fill_english, migrations.RunPython.noop)]
