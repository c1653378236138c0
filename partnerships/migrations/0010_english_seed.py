"""The English texts of the seeded reference data (0002): themes, the seven
phases with their guidance, and their checklists. Only a text that is still
the seeded Dutch one gets its English; what the beheerder has changed keeps
an empty English text (shown in Dutch, and listed by
``manage.py missing_translations``) until she writes it."""

from django.db import migrations

APP = "partnerships"
TRANSLATED = {
    "healththeme": ("name",),
    "phase": ("name", "purpose", "tips", "pitfalls"),
    "checklistitem": ("text", "help_text"),
}

EN = {
    # Themes
    "Gezond gewicht": "Healthy weight",
    "Alcohol": "Alcohol",
    "Roken": "Smoking",
    "Bewegen": "Physical activity",
    "Mentale gezondheid": "Mental health",
    "Gezonde voeding": "Healthy food",
    # Phase 1
    "Kies een organisatievorm": "Choose a form of organisation",
    "Voordat u partners zoekt, maakt u scherp waar uw organisatie voor staat en welk "
    "maatschappelijk doel de samenwerking dient. U weegt af of publiek-private samenwerking "
    "het juiste middel is en kiest de functie en de vorm van het verband.": (
        "Before you look for partners, you make clear what your organisation stands for and "
        "which societal goal the partnership serves. You consider whether a public-private "
        "partnership is the right means, and choose the function and the form of the alliance."
    ),
    "Heb zelf scherp waar u als organisatie voor staat en welke doelen u voor ogen heeft (Loket Gezond Leven).": "Be clear about what your organisation stands for and which goals you have in mind (Loket Gezond Leven).",
    "PPS is geen doel op zich: zij moet bijdragen aan het doel dat u met anderen op gezondheid heeft gesteld.": "A PPP is not a goal in itself: it must contribute to the health goal you have set together with others.",
    "Bepaal de functie van het verband: strategische of operationele afstemming, ontwikkelen of inkoop (vijf tips).": "Decide the function of the alliance: strategic or operational alignment, development, or purchasing (five tips).",
    "Draagvlak bij het college is een must: informeer de wethouder vroeg (Handreiking 2015).": "Support from the municipal executive is a must: inform the alderman early (Handreiking 2015).",
    "Vergeet bij het leggen van verbindingen de eigen interne organisatie niet (Handreiking 2015).": "When making connections, do not forget your own internal organisation (Handreiking 2015).",
    "PPS verwarren met sponsoring: sponsoring is geld of middelen in ruil voor reclame, PPS is samen verantwoordelijk zijn voor gezamenlijke doelen.": "Confusing a PPP with sponsorship: sponsorship is money or resources in exchange for advertising; a PPP means sharing responsibility for joint goals.",
    "Beginnen zonder visie en beleid in de eigen organisatie: maak het GGD- of gemeentebreed, niet vanuit één afdeling.": "Starting without a vision and policy in your own organisation: make it GGD-wide or municipality-wide, not the work of one department.",
    "Te veel tegelijk willen realiseren (Handreiking 2015).": "Wanting to achieve too much at once (Handreiking 2015).",
    "De eigen missie en doelen zijn scherp": "Our own mission and goals are clear",
    "Het maatschappelijk doel is geformuleerd": "The societal goal has been formulated",
    "Het doel voor de samenleving waaraan de samenwerking bijdraagt.": "The goal for society to which the partnership contributes.",
    "Afgewogen of PPS het juiste middel is (tegenover sponsoring, subsidie of inkoop)": "Considered whether a PPP is the right means (as opposed to sponsorship, a grant or purchasing)",
    "De functie van het verband is gekozen": "The function of the alliance has been chosen",
    "Strategische afstemming, operationele afstemming, ontwikkelen of inkoop.": "Strategic alignment, operational alignment, development or purchasing.",
    "De organisatievorm is gekozen": "The form of organisation has been chosen",
    "Projectorganisatie, convenant, alliantie, netwerk of stichting.": "Project organisation, covenant, alliance, network or foundation.",
    "Er is intern en bestuurlijk draagvlak (de wethouder is geïnformeerd)": "There is internal and political support (the alderman has been informed)",
    # Phase 2
    "Kies een of meer partners": "Choose one or more partners",
    "U verkent mogelijke partners, hun motieven en belangen, en beoordeelt elke private "
    "kandidaat met het Afwegingskader. U kiest een kernteam en niet meer partners dan u kunt bedienen.": (
        "You explore possible partners, their motives and interests, and assess every private "
        "candidate with the assessment framework. You choose a core team and no more partners "
        "than you can serve."
    ),
    "Verken wat partners voor elkaar kunnen betekenen en laat hen zeggen wat zij willen bereiken (Loket Gezond Leven).": "Explore what partners can do for each other and let them say what they want to achieve (Loket Gezond Leven).",
    "Ga na wat ieders motieven en belangen zijn (Handreiking 2015).": "Find out what everyone's motives and interests are (Handreiking 2015).",
    "Begin met een kleine groep: een kernteam van drie à vier partners, en breid van daaruit uit.": "Start with a small group: a core team of three or four partners, and expand from there.",
    "Zoek enthousiaste pioniers die al gemotiveerd zijn (draagvlak).": "Look for enthusiastic pioneers who are already motivated (support).",
    "Gebruik het Afwegingskader als richting voor de gesprekken, niet als afvinklijst.": "Use the assessment framework to give direction to the conversations, not as a tick list.",
    "Te veel private partners: investeren in de samenwerking lukt bij hooguit tien bedrijven (Handreiking 2015).": "Too many private partners: investing in the partnership works with ten companies at most (Handreiking 2015).",
    "Wantrouwen door een verborgen agenda, aan beide kanten: de partner wil verkopen, of de overheid wil vooral geld of gratis spullen.": "Distrust caused by a hidden agenda, on either side: the partner wants to sell, or the government mainly wants money or free goods.",
    "Partners die de pijn van de samenwerking niet voelen, horen niet in het verband (vijf tips).": "Partners who do not feel the pain the partnership addresses do not belong in the alliance (five tips).",
    "Kandidaten zijn verkend: motieven en belangen": "Candidates have been explored: motives and interests",
    "Het Afwegingskader is ingevuld en vastgesteld voor elke private kandidaat": "The assessment framework has been completed and finalised for every private candidate",
    "Er is een kernteam van drie à vier partners": "There is a core team of three or four partners",
    "Niet meer private partners dan u kunt bedienen (hooguit tien bedrijven)": "No more private partners than you can serve (ten companies at most)",
    # Phase 3
    "Onderhandel met partners": "Negotiate with partners",
    "U legt ieders individuele doelen, de gezamenlijke doelen en het maatschappelijk doel vast, "
    "en spreekt af wat iedere partner brengt en haalt. De onderhandeling is erop gericht elkaar "
    "goed te begrijpen: zo legt u de basis voor vertrouwen.": (
        "You record each partner's individual goals, the joint goals and the societal goal, and "
        "agree what each partner contributes and gains. The negotiation aims at understanding "
        "each other well: that is how you lay the foundation for trust."
    ),
    "Formuleer ieders individuele doelen, de gezamenlijke doelen en het maatschappelijk doel (Loket Gezond Leven).": "Formulate each partner's individual goals, the joint goals and the societal goal (Loket Gezond Leven).",
    "Voor wat hoort wat: maak zichtbaar wat iedere partner brengt en haalt (mensen, middelen, media, massa, geld, kennis, netwerk).": "Give and take: make visible what each partner contributes and gains (people, resources, media, reach, money, knowledge, network).",
    "Hard op de inhoud, zacht in de relatie (Handreiking 2015).": "Firm on the content, gentle in the relationship (Handreiking 2015).",
    "Zoek de meerwaarde die partijen samen bereiken en ieder voor zich niet.": "Look for the added value the parties achieve together and could not achieve on their own.",
    "Spreek vooraf af wanneer en hoe een partner de samenwerking kan verlaten.": "Agree in advance when and how a partner can leave the partnership.",
    "Verborgen agenda's niet bespreken: benoem motieven openlijk.": "Not discussing hidden agendas: name motives openly.",
    "Alleen praten over geld: PPS gaat verder dan financiering.": "Talking only about money: a PPP goes beyond funding.",
    "Geen exit-criteria: afscheid nemen wordt dan een conflict.": "No exit criteria: parting ways then becomes a conflict.",
    "Ieders individuele doelen en de gezamenlijke doelen zijn vastgelegd": "Each partner's individual goals and the joint goals have been recorded",
    "Per partner is vastgelegd wat zij brengt en haalt": "For each partner, what it contributes and gains has been recorded",
    "Mensen, middelen, media, massa, geld, kennis, netwerk.": "People, resources, media, reach, money, knowledge, network.",
    "Verborgen agenda's zijn besproken": "Hidden agendas have been discussed",
    "Exit-criteria zijn afgesproken": "Exit criteria have been agreed",
    # Phase 4
    "Bepaal de samenwerkingsstructuur": "Define the structure of the partnership",
    "U maakt duidelijke afspraken over rollen, taken, tijd en geld, over de regie en de "
    "verantwoording, en legt ze vast in een samenwerkingsovereenkomst of convenant.": (
        "You make clear agreements on roles, tasks, time and money, on who directs the "
        "partnership and on accountability, and record them in a partnership agreement or "
        "covenant."
    ),
    "Maak duidelijke afspraken over verantwoordelijkheden, rollen, taken, tijdsbesteding en geld (draagvlak).": "Make clear agreements on responsibilities, roles, tasks, time spent and money (support).",
    "Zorg voor een partij die de regie heeft op uitvoerings-, beheers- en visieniveau (Handreiking 2015).": "Make sure one party directs the partnership at the operational, managerial and strategic level (Handreiking 2015).",
    "Richt verantwoordingsstructuren in: hoe verhouden inzet en resultaten zich tot het belang van elke organisatie (vijf tips).": "Set up accountability structures: how do effort and results relate to the interest of each organisation (five tips).",
    "Bespreek helder wat buiten de samenwerking valt.": "Discuss clearly what falls outside the partnership.",
    "Spreek af hoe u naar buiten treedt: naam, logo en website.": "Agree how you present yourselves to the outside world: name, logo and website.",
    "Afspraken alleen mondeling maken.": "Making agreements only verbally.",
    "Onduidelijk laten wie de regie heeft.": "Leaving it unclear who directs the partnership.",
    "Logo-gebruik en exclusiviteit niet regelen, met schade aan de geloofwaardigheid als gevolg.": "Not arranging the use of logos and exclusivity, which damages credibility.",
    "Rollen, taken, tijd en geld zijn verdeeld": "Roles, tasks, time and money have been allocated",
    "De regie is belegd op uitvoerings-, beheers- en visieniveau": "Direction has been assigned at the operational, managerial and strategic level",
    "Er is een verantwoordingsstructuur": "There is an accountability structure",
    "De samenwerkingsovereenkomst of het convenant is getekend": "The partnership agreement or covenant has been signed",
    "Vastgelegd is wat buiten de samenwerking valt": "What falls outside the partnership has been recorded",
    "De communicatie is afgesproken (naam, logo, website)": "Communication has been agreed (name, logo, website)",
    # Phase 5
    "Manage uw PPS": "Manage your PPP",
    "De samenwerking loopt. U onderhoudt de relaties, deelt en viert successen, noemt "
    "knelpunten op tijd en houdt het draagvlak levend, ook bij het bestuur.": (
        "The partnership is up and running. You maintain the relationships, share and celebrate "
        "successes, raise problems in time and keep support alive, also among the administrators."
    ),
    "Deel en vier successen; geef uw partners vertrouwen (Handreiking 2015).": "Share and celebrate successes; give your partners your trust (Handreiking 2015).",
    "Maak draagvlak een vast agendapunt in overleggen (draagvlak).": "Make support a standing item on the agenda of meetings (support).",
    "Ontmoet elkaar: bijeenkomsten, werkbezoeken, een gezamenlijke nieuwsbrief (draagvlak).": "Meet each other: gatherings, working visits, a joint newsletter (support).",
    "Neem het bestuur mee en sluit aan bij de begrotingscyclus van de gemeente (draagvlak).": "Keep the administrators involved and follow the municipality's budget cycle (support).",
    "Durf los te laten: laat een ondernemer ondernemen (Handreiking 2015).": "Dare to let go: let an entrepreneur be an entrepreneur (Handreiking 2015).",
    "Knelpunten te laat noemen.": "Raising problems too late.",
    "Alleen contact in de overleggroep: houd ook daarbuiten contact.": "Only having contact in the meeting group: keep in touch outside it as well.",
    "Nieuwe partners laat of zonder introductie laten aansluiten.": "Letting new partners join late or without an introduction.",
    "Relaties worden onderhouden (ook buiten het overleg)": "Relationships are maintained (also outside meetings)",
    "Successen worden gedeeld en gevierd": "Successes are shared and celebrated",
    "Knelpunten worden tijdig genoemd": "Problems are raised in time",
    "Draagvlak is een vast agendapunt": "Support is a standing item on the agenda",
    "Nieuwe partners worden welkom geheten en ingewerkt": "New partners are welcomed and introduced",
    "Het bestuur wordt meegenomen (begrotingscyclus)": "The administrators are kept involved (budget cycle)",
    # Phase 6
    "Evalueer uw PPS": "Evaluate your PPP",
    "U evalueert periodiek het proces en het resultaat, stuurt bij waar nodig en vertelt "
    "college en raad wat de samenwerking oplevert.": (
        "You periodically evaluate the process and the results, adjust course where needed and "
        "tell the municipal executive and council what the partnership achieves."
    ),
    "Plan periodieke evaluatiemomenten, eventueel via een onafhankelijke partij (draagvlak).": "Plan periodic evaluations, possibly through an independent party (support).",
    "Kijk naar de vier elementen: gedeelde visie, effectieve mix van partijen, leiderschap en efficiënte structuren (Handreiking 2015).": "Look at the four elements: a shared vision, an effective mix of parties, leadership and efficient structures (Handreiking 2015).",
    "Reflecteer op de samenstelling: zijn alle partijen nog actief betrokken? (draagvlak)": "Reflect on the composition: are all parties still actively involved? (support)",
    "Tellen en vertellen: laat cijfers en verhalen zien aan college en raad.": "Count and recount: show figures and stories to the municipal executive and council.",
    "Alleen het resultaat evalueren en het proces vergeten.": "Evaluating only the results and forgetting the process.",
    "Evalueren zonder bij te sturen.": "Evaluating without adjusting course.",
    "Proces en resultaat zijn geëvalueerd": "Process and results have been evaluated",
    "De vier elementen zijn besproken": "The four elements have been discussed",
    "Gedeelde visie, effectieve mix van partijen, leiderschap, efficiënte structuren.": "A shared vision, an effective mix of parties, leadership, efficient structures.",
    "Waar nodig is bijgestuurd": "Course has been adjusted where needed",
    "De resultaten zijn gedeeld met college en raad": "The results have been shared with the municipal executive and council",
    # Phase 7
    "Beëindig uw PPS": "End your PPP",
    "U besluit te stoppen of de samenwerking te verduurzamen, maakt afspraken over de "
    "afronding, legt de geleerde lessen vast en viert wat bereikt is.": (
        "You decide to stop or to make the partnership lasting, agree how to wind it up, record "
        "the lessons learned and celebrate what has been achieved."
    ),
    "Besluit bewust: stoppen, of verduurzamen met borging en structurele financiering.": "Decide deliberately: stop, or make it lasting by embedding it and funding it structurally.",
    "Deel de ervaringen in de organisatie zodat het wiel niet opnieuw wordt uitgevonden (vijf tips).": "Share the experience within the organisation so that the wheel is not reinvented (five tips).",
    "Vier de successen met alle partners.": "Celebrate the successes with all partners.",
    "De samenwerking laten doodbloeden zonder besluit.": "Letting the partnership peter out without a decision.",
    "Geleerde lessen blijven in de hoofden van medewerkers zitten.": "Lessons learned stay in the heads of staff.",
    "Besloten is te stoppen of te verduurzamen (borging, structurele financiering)": "It has been decided to stop or to make it lasting (embedding, structural funding)",
    "Er zijn afspraken over de afronding": "There are agreements on winding up",
    "De geleerde lessen zijn vastgelegd": "The lessons learned have been recorded",
    "De successen zijn gevierd": "The successes have been celebrated",
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
    dependencies = [("partnerships", "0009_english_texts")]

    operations = [migrations.RunPython(fill_english, migrations.RunPython.noop)]
