"""Reference data every installation needs: themes, the seven phases of
Vos & Tjemkes with their guidance, and a checklist per phase.

Guidance is drawn from the seeds: Loket Gezond Leven on PPS, the 2015
Handreiking lokale integrale aanpak (Samenwerken), the Alles is Gezondheid
brochure, five tips on collaboration structures, and the draagvlak page.
The beheerder edits all of it in the admin."""

from django.db import migrations

THEMES = ["Gezond gewicht", "Alcohol", "Roken", "Bewegen", "Mentale gezondheid", "Gezonde voeding"]

# number, name, purpose, tips, pitfalls, checklist [(text, help_text)]
PHASES = [
    (
        1,
        "Kies een organisatievorm",
        "Voordat u partners zoekt, maakt u scherp waar uw organisatie voor staat en welk "
        "maatschappelijk doel de samenwerking dient. U weegt af of publiek-private samenwerking "
        "het juiste middel is en kiest de functie en de vorm van het verband.",
        [
            "Heb zelf scherp waar u als organisatie voor staat en welke doelen u voor ogen heeft (Loket Gezond Leven).",
            "PPS is geen doel op zich: zij moet bijdragen aan het doel dat u met anderen op gezondheid heeft gesteld.",
            "Bepaal de functie van het verband: strategische of operationele afstemming, ontwikkelen of inkoop (vijf tips).",
            "Draagvlak bij het college is een must: informeer de wethouder vroeg (Handreiking 2015).",
            "Vergeet bij het leggen van verbindingen de eigen interne organisatie niet (Handreiking 2015).",
        ],
        [
            "PPS verwarren met sponsoring: sponsoring is geld of middelen in ruil voor reclame, PPS is samen verantwoordelijk zijn voor gezamenlijke doelen.",
            "Beginnen zonder visie en beleid in de eigen organisatie: maak het GGD- of gemeentebreed, niet vanuit één afdeling.",
            "Te veel tegelijk willen realiseren (Handreiking 2015).",
        ],
        [
            ("De eigen missie en doelen zijn scherp", ""),
            (
                "Het maatschappelijk doel is geformuleerd",
                "Het doel voor de samenleving waaraan de samenwerking bijdraagt.",
            ),
            (
                "Afgewogen of PPS het juiste middel is (tegenover sponsoring, subsidie of inkoop)",
                "",
            ),
            (
                "De functie van het verband is gekozen",
                "Strategische afstemming, operationele afstemming, ontwikkelen of inkoop.",
            ),
            (
                "De organisatievorm is gekozen",
                "Projectorganisatie, convenant, alliantie, netwerk of stichting.",
            ),
            ("Er is intern en bestuurlijk draagvlak (de wethouder is geïnformeerd)", ""),
        ],
    ),
    (
        2,
        "Kies een of meer partners",
        "U verkent mogelijke partners, hun motieven en belangen, en beoordeelt elke private "
        "kandidaat met het Afwegingskader. U kiest een kernteam en niet meer partners dan u kunt bedienen.",
        [
            "Verken wat partners voor elkaar kunnen betekenen en laat hen zeggen wat zij willen bereiken (Loket Gezond Leven).",
            "Ga na wat ieders motieven en belangen zijn (Handreiking 2015).",
            "Begin met een kleine groep: een kernteam van drie à vier partners, en breid van daaruit uit.",
            "Zoek enthousiaste pioniers die al gemotiveerd zijn (draagvlak).",
            "Gebruik het Afwegingskader als richting voor de gesprekken, niet als afvinklijst.",
        ],
        [
            "Te veel private partners: investeren in de samenwerking lukt bij hooguit tien bedrijven (Handreiking 2015).",
            "Wantrouwen door een verborgen agenda, aan beide kanten: de partner wil verkopen, of de overheid wil vooral geld of gratis spullen.",
            "Partners die de pijn van de samenwerking niet voelen, horen niet in het verband (vijf tips).",
        ],
        [
            ("Kandidaten zijn verkend: motieven en belangen", ""),
            ("Het Afwegingskader is ingevuld en vastgesteld voor elke private kandidaat", ""),
            ("Er is een kernteam van drie à vier partners", ""),
            ("Niet meer private partners dan u kunt bedienen (hooguit tien bedrijven)", ""),
        ],
    ),
    (
        3,
        "Onderhandel met partners",
        "U legt ieders individuele doelen, de gezamenlijke doelen en het maatschappelijk doel vast, "
        "en spreekt af wat iedere partner brengt en haalt. De onderhandeling is erop gericht elkaar "
        "goed te begrijpen: zo legt u de basis voor vertrouwen.",
        [
            "Formuleer ieders individuele doelen, de gezamenlijke doelen en het maatschappelijk doel (Loket Gezond Leven).",
            "Voor wat hoort wat: maak zichtbaar wat iedere partner brengt en haalt (mensen, middelen, media, massa, geld, kennis, netwerk).",
            "Hard op de inhoud, zacht in de relatie (Handreiking 2015).",
            "Zoek de meerwaarde die partijen samen bereiken en ieder voor zich niet.",
            "Spreek vooraf af wanneer en hoe een partner de samenwerking kan verlaten.",
        ],
        [
            "Verborgen agenda's niet bespreken: benoem motieven openlijk.",
            "Alleen praten over geld: PPS gaat verder dan financiering.",
            "Geen exit-criteria: afscheid nemen wordt dan een conflict.",
        ],
        [
            ("Ieders individuele doelen en de gezamenlijke doelen zijn vastgelegd", ""),
            (
                "Per partner is vastgelegd wat zij brengt en haalt",
                "Mensen, middelen, media, massa, geld, kennis, netwerk.",
            ),
            ("Verborgen agenda's zijn besproken", ""),
            ("Exit-criteria zijn afgesproken", ""),
        ],
    ),
    (
        4,
        "Bepaal de samenwerkingsstructuur",
        "U maakt duidelijke afspraken over rollen, taken, tijd en geld, over de regie en de "
        "verantwoording, en legt ze vast in een samenwerkingsovereenkomst of convenant.",
        [
            "Maak duidelijke afspraken over verantwoordelijkheden, rollen, taken, tijdsbesteding en geld (draagvlak).",
            "Zorg voor een partij die de regie heeft op uitvoerings-, beheers- en visieniveau (Handreiking 2015).",
            "Richt verantwoordingsstructuren in: hoe verhouden inzet en resultaten zich tot het belang van elke organisatie (vijf tips).",
            "Bespreek helder wat buiten de samenwerking valt.",
            "Spreek af hoe u naar buiten treedt: naam, logo en website.",
        ],
        [
            "Afspraken alleen mondeling maken.",
            "Onduidelijk laten wie de regie heeft.",
            "Logo-gebruik en exclusiviteit niet regelen, met schade aan de geloofwaardigheid als gevolg.",
        ],
        [
            ("Rollen, taken, tijd en geld zijn verdeeld", ""),
            ("De regie is belegd op uitvoerings-, beheers- en visieniveau", ""),
            ("Er is een verantwoordingsstructuur", ""),
            ("De samenwerkingsovereenkomst of het convenant is getekend", ""),
            ("Vastgelegd is wat buiten de samenwerking valt", ""),
            ("De communicatie is afgesproken (naam, logo, website)", ""),
        ],
    ),
    (
        5,
        "Manage uw PPS",
        "De samenwerking loopt. U onderhoudt de relaties, deelt en viert successen, noemt "
        "knelpunten op tijd en houdt het draagvlak levend, ook bij het bestuur.",
        [
            "Deel en vier successen; geef uw partners vertrouwen (Handreiking 2015).",
            "Maak draagvlak een vast agendapunt in overleggen (draagvlak).",
            "Ontmoet elkaar: bijeenkomsten, werkbezoeken, een gezamenlijke nieuwsbrief (draagvlak).",
            "Neem het bestuur mee en sluit aan bij de begrotingscyclus van de gemeente (draagvlak).",
            "Durf los te laten: laat een ondernemer ondernemen (Handreiking 2015).",
        ],
        [
            "Knelpunten te laat noemen.",
            "Alleen contact in de overleggroep: houd ook daarbuiten contact.",
            "Nieuwe partners laat of zonder introductie laten aansluiten.",
        ],
        [
            ("Relaties worden onderhouden (ook buiten het overleg)", ""),
            ("Successen worden gedeeld en gevierd", ""),
            ("Knelpunten worden tijdig genoemd", ""),
            ("Draagvlak is een vast agendapunt", ""),
            ("Nieuwe partners worden welkom geheten en ingewerkt", ""),
            ("Het bestuur wordt meegenomen (begrotingscyclus)", ""),
        ],
    ),
    (
        6,
        "Evalueer uw PPS",
        "U evalueert periodiek het proces en het resultaat, stuurt bij waar nodig en vertelt "
        "college en raad wat de samenwerking oplevert.",
        [
            "Plan periodieke evaluatiemomenten, eventueel via een onafhankelijke partij (draagvlak).",
            "Kijk naar de vier elementen: gedeelde visie, effectieve mix van partijen, leiderschap en efficiënte structuren (Handreiking 2015).",
            "Reflecteer op de samenstelling: zijn alle partijen nog actief betrokken? (draagvlak)",
            "Tellen en vertellen: laat cijfers en verhalen zien aan college en raad.",
        ],
        [
            "Alleen het resultaat evalueren en het proces vergeten.",
            "Evalueren zonder bij te sturen.",
        ],
        [
            ("Proces en resultaat zijn geëvalueerd", ""),
            (
                "De vier elementen zijn besproken",
                "Gedeelde visie, effectieve mix van partijen, leiderschap, efficiënte structuren.",
            ),
            ("Waar nodig is bijgestuurd", ""),
            ("De resultaten zijn gedeeld met college en raad", ""),
        ],
    ),
    (
        7,
        "Beëindig uw PPS",
        "U besluit te stoppen of de samenwerking te verduurzamen, maakt afspraken over de "
        "afronding, legt de geleerde lessen vast en viert wat bereikt is.",
        [
            "Besluit bewust: stoppen, of verduurzamen met borging en structurele financiering.",
            "Deel de ervaringen in de organisatie zodat het wiel niet opnieuw wordt uitgevonden (vijf tips).",
            "Vier de successen met alle partners.",
        ],
        [
            "De samenwerking laten doodbloeden zonder besluit.",
            "Geleerde lessen blijven in de hoofden van medewerkers zitten.",
        ],
        [
            ("Besloten is te stoppen of te verduurzamen (borging, structurele financiering)", ""),
            ("Er zijn afspraken over de afronding", ""),
            ("De geleerde lessen zijn vastgelegd", ""),
            ("De successen zijn gevierd", ""),
        ],
    ),
]


def install(apps, schema_editor):
    Theme = apps.get_model("partnerships", "Theme")
    Phase = apps.get_model("partnerships", "Phase")
    ChecklistItem = apps.get_model("partnerships", "ChecklistItem")
    for name in THEMES:
        Theme.objects.get_or_create(name=name)
    for number, name, purpose, tips, pitfalls, checklist in PHASES:
        phase, _ = Phase.objects.update_or_create(
            number=number,
            defaults={
                "name": name,
                "purpose": purpose,
                "tips": "\n".join(tips),
                "pitfalls": "\n".join(pitfalls),
            },
        )
        for order, (text, help_text) in enumerate(checklist, start=1):
            ChecklistItem.objects.update_or_create(
                phase=phase, order=order, defaults={"text": text, "help_text": help_text}
            )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
