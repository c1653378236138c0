"""The English texts of the default Afwegingskader (0002): its name, themes,
questions, help texts and answer options. Only a text that is still the
seeded Dutch one gets its English (in any version, published or not: a
translation does not change what was asked); what the beheerder has changed
keeps an empty English text (shown in Dutch, and listed by
``manage.py missing_translations``) until she writes it."""

from django.db import migrations

APP = "assessment"
TRANSLATED = {
    "questionnaire": ("name", "description"),
    "questionnairetheme": ("title", "description"),
    "question": ("text", "help_text"),
    "answeroption": ("label",),
}

EN = {
    "Afwegingskader “Samenwerken of niet?”": "Assessment framework “Collaborate or not?”",
    "Screening en weging van een beoogde private partner. Geen checklist, "
    "maar richting voor de gesprekken en de interne discussie.": (
        "Screening and weighing of a prospective private partner. Not a checklist, but "
        "direction for the conversations and the internal discussion."
    ),
    # Answer options
    "Ja": "Yes",
    "Deels": "Partly",
    "Nee": "No",
    "Onbekend": "Unknown",
    # A: knock-outs
    "Uitsluitingsgronden": "Exclusion criteria",
    "Eén ‘ja’ betekent: niet samenwerken.": "A single ‘yes’ means: do not collaborate.",
    "Is de organisatie verbonden aan de tabaksindustrie, ook via een moeder- of "
    "dochtermaatschappij of een financier?": (
        "Is the organisation linked to the tobacco industry, also through a parent company, "
        "a subsidiary or a financier?"
    ),
    "Volgens artikel 5.3 van het WHO-Kaderverdrag inzake tabaksontmoediging (FCTC) werkt de "
    "overheid niet samen met de tabaksindustrie. Kijk ook naar eigenaren en financiers.": (
        "Under article 5.3 of the WHO Framework Convention on Tobacco Control (FCTC), the "
        "government does not work with the tobacco industry. Look at owners and financiers too."
    ),
    "Is de kernactiviteit van de organisatie alcohol, kansspelen of wapens?": (
        "Is the organisation's core business alcohol, gambling or weapons?"
    ),
    "Het gaat om de kernactiviteit: een supermarkt die ook bier verkoopt valt hier niet onder, "
    "een brouwerij of een casino wel.": (
        "This is about the core business: a supermarket that also sells beer does not fall "
        "under it; a brewery or a casino does."
    ),
    "Is de organisatie in de laatste drie jaar veroordeeld door de Reclame Code Commissie "
    "voor marketing van ongezonde voeding aan kinderen?": (
        "Has the Dutch Advertising Code Committee (Reclame Code Commissie) ruled against the "
        "organisation in the last three years for marketing unhealthy food to children?"
    ),
    "Zoek de uitspraken van de Reclame Code Commissie op de naam van de organisatie en haar merken.": (
        "Search the rulings of the Advertising Code Committee for the name of the organisation "
        "and its brands."
    ),
    "Staat de organisatie op een sanctielijst, of is zij in de laatste drie jaar veroordeeld "
    "voor fraude, corruptie, kinderarbeid of milieudelicten?": (
        "Is the organisation on a sanctions list, or has it been convicted in the last three "
        "years of fraud, corruption, child labour or environmental offences?"
    ),
    "Raadpleeg de nationale en Europese sanctielijsten en openbare uitspraken.": (
        "Consult the national and European sanctions lists and public court rulings."
    ),
    # B
    "Missie en kernactiviteiten": "Mission and core business",
    "De missie van de organisatie past bij het maatschappelijk doel van de samenwerking.": (
        "The organisation's mission fits the societal goal of the partnership."
    ),
    "De producten of diensten van de organisatie staan niet haaks op een gezonde leefstijl.": (
        "The organisation's products or services are not at odds with a healthy lifestyle."
    ),
    "Denk aan het assortiment, de marketing en de doelgroepen.": (
        "Think of the product range, the marketing and the target groups."
    ),
    "De inbreng van de organisatie blijft binnen haar kernactiviteiten.": (
        "The organisation's contribution stays within its core business."
    ),
    # C
    "Reputatie en achtergrond": "Reputation and background",
    "De organisatie heeft een goede reputatie.": "The organisation has a good reputation.",
    "Kijk naar berichten in de media en ervaringen van anderen.": (
        "Look at media coverage and the experiences of others."
    ),
    "De organisatie heeft MVO-beleid dat aantoonbaar wordt uitgevoerd.": (
        "The organisation has a corporate social responsibility policy that it demonstrably "
        "carries out."
    ),
    "Eerdere samenwerking met de overheid of de GGD verliep goed.": (
        "Earlier collaboration with the government or the GGD went well."
    ),
    # D
    "Belangen en motieven": "Interests and motives",
    "De organisatie benoemt haar motieven voor de samenwerking openlijk.": (
        "The organisation states its motives for the partnership openly."
    ),
    "Er is geen verborgen agenda, zoals reclame, verkoop of toegang tot doelgroepen.": (
        "There is no hidden agenda, such as advertising, sales or access to target groups."
    ),
    "Bespreek dit expliciet in het gesprek met de partner.": (
        "Discuss this explicitly in the conversation with the partner."
    ),
    "Het is duidelijk wat de partner haalt en wat zij brengt.": (
        "It is clear what the partner gains and what it contributes."
    ),
    # E
    "Gedeelde ambitie en meerwaarde": "Shared ambition and added value",
    "De organisatie deelt het maatschappelijk doel van de samenwerking.": (
        "The organisation shares the societal goal of the partnership."
    ),
    "Samen bereiken de partners meer dan ieder alleen.": (
        "Together the partners achieve more than each could alone."
    ),
    "De organisatie is complementair aan de andere partners.": (
        "The organisation complements the other partners."
    ),
    # F
    "Gelijkwaardigheid en commitment": "Equality and commitment",
    "De organisatie zet eigen middelen in (‘proof of the pudding’).": (
        "The organisation commits resources of its own (‘the proof of the pudding’)."
    ),
    "Een partner die zelf investeert, is gecommitteerd (vijf tips over samenwerkingsstructuren).": (
        "A partner that invests itself is committed (five tips on collaboration structures)."
    ),
    "De organisatie verbindt zich meerjarig, met evaluatiemomenten.": (
        "The organisation commits for several years, with moments of evaluation."
    ),
    "Besluiten worden gezamenlijk genomen en de verantwoordelijkheid wordt gedeeld.": (
        "Decisions are taken jointly and responsibility is shared."
    ),
    # G
    "Onafhankelijkheid en risico's": "Independence and risks",
    "De inhoud van gezondheidsboodschappen blijft bij de publieke partij.": (
        "The content of health messages stays with the public party."
    ),
    "Logogebruik, naamsvermelding en exclusiviteit schaden de geloofwaardigheid van de "
    "gemeente niet.": (
        "The use of logos, name mentions and exclusivity do not harm the credibility of the "
        "municipality."
    ),
    "Er is geen belangenverstrengeling van betrokken ambtenaren of bestuurders.": (
        "There is no conflict of interest for the civil servants or administrators involved."
    ),
    # H
    "Transparantie en verantwoording": "Transparency and accountability",
    "De organisatie is bereid de samenwerking en haar bijdragen openbaar te maken.": (
        "The organisation is willing to make the partnership and its contributions public."
    ),
    "De organisatie is bereid verantwoording af te leggen over inzet en resultaten.": (
        "The organisation is willing to account for its efforts and results."
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
    dependencies = [("assessment", "0010_english_texts")]

    operations = [migrations.RunPython(fill_english, migrations.RunPython.noop)]
