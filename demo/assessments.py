"""Demo assessments in every state: concept, ter review, vastgesteld with each
outcome, and one stopped by a knock-out. Added once per participation."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from assessment import workflow
from assessment.collegeadvies import texts as advice_texts
from assessment.models import AdviceSettings, Assessment, AssessmentKind
from assessment.scoring import specs_for_version
from partnerships.models import Participation
from regions.models import Municipality

# (partnership, organisation KvK) -> plan
#   answers: "all:<label>" or a dict theme code -> labels per question
#   state: concept | review | final
PLANS = [
    {
        "partnership": "Gezonde Kinderkeuken Zwolle",
        "kvk": "40059123",
        "state": "final",
        "answers": {"*": "Ja", "B2": "Deels", "D2": "Deels"},
        "note": "Versmarkt wil zichtbaar zijn in de wijk; geen exclusiviteit gevraagd.",
        # The officer's collegeadvies, written before she submits (the other
        # sections stay as the portal drafts them).
        "advice": {
            "case_number": "Z/26/041872",
            "department": "Maatschappelijke Ontwikkeling, team Gezondheid",
            "portfolio_holder": "Wethouder gezondheid en jeugd",
            "meeting_in_days": 21,
            "own_hours": Decimal("80"),
            "own_description": "Projectleiding en communicatie door de beleidsmedewerker",
            "summary": (
                "Versmarkt Zwolle-Zuid wil als eerste supermarkt in Zwolle-Zuid een gezonde "
                "kinderkeuze-schap inrichten en proeverijen op de basisscholen in de wijk "
                "mogelijk maken. De GGD IJsselland heeft de samenwerking getoetst aan het "
                "Afwegingskader: samenwerken wordt geadviseerd.\n\n"
                "Versmarkt vraagt geen exclusiviteit en brengt zelf uren en middelen in. Twee "
                "punten vragen aandacht:\n"
                "1. de zichtbaarheid van Versmarkt in de communicatie van de gemeente;\n"
                "2. het meten van het effect op de verkoop van groente en fruit."
            ),
        },
    },
    {
        "partnership": "Gezonde Kinderkeuken Zwolle",
        "kvk": "40059124",
        "state": "final",
        "answers": {"*": "Ja", "C*": "Deels", "F*": "Nee", "G2": "Deels", "D3": "Deels"},
        "conditions": "Buurtsuper Assendorp zet aantoonbaar eigen middelen in (F1) en spreekt een "
        "looptijd van twee jaar met evaluatie af (F2). Logo-gebruik alleen na akkoord van de gemeente (G2).",
        "note": "Eigenaar is enthousiast maar heeft weinig ruimte om te investeren.",
    },
    {
        "partnership": "Gezonde Kinderkeuken Zwolle",
        "kvk": "40059125",
        "state": "concept",
        "answers": {"A*": "Nee", "B*": "Ja", "C1": "Onbekend"},
        "note": "Eerste gesprek gevoerd; reputatie nog uitzoeken.",
    },
    {
        "partnership": "Alcoholmatiging Vechtdal",
        "kvk": "43077001",
        "state": "final",
        "answers": {"*": "Ja", "A2": "Ja"},
        "note": "Kernactiviteit is de productie van bier: uitsluitingsgrond A2.",
    },
    {
        "partnership": "Convenant Gezond Werken Kampen",
        "kvk": "42011003",
        "state": "review",
        "answers": {"*": "Ja", "H*": "Deels"},
        "note": "",
    },
    {
        "partnership": "Convenant Gezond Werken Kampen",
        "kvk": "42011002",
        "state": "final",
        "answers": {"*": "Nee", "A*": "Nee", "B1": "Ja", "E1": "Deels"},
        "note": "Weinig gedeelde ambitie; bouwbedrijf zoekt vooral zichtbaarheid.",
    },
    {
        "partnership": "Bewegen op Recept 's-Hertogenbosch",
        "kvk": "50033001",
        "state": "final",
        "kind": AssessmentKind.REASSESSMENT,
        "answers": {"*": "Ja", "H2": "Deels"},
        "note": "Herbeoordeling na twee jaar: de verzekeraar betaalt zoals afgesproken.",
    },
]


def _label_for(code: str, theme_code: str, plan: dict, is_knockout: bool) -> str:
    """The planned answer: by question code, then by theme ("B*"), then the
    default ("*") — knock-outs only by code or theme, and "Nee" otherwise."""
    answers = plan["answers"]
    keys = (code, f"{theme_code}*") if is_knockout else (code, f"{theme_code}*", "*")
    for key in keys:
        if key in answers:
            return answers[key]
    return "Nee" if is_knockout else "Ja"


# How Zwolle's collegeadvies looks (the beheerder sets it in the admin).
ADVICE_SETTINGS = {
    "GM0193": {
        "display_name": "Gemeente Zwolle",
        "policy": (
            "De lokale nota gezondheidsbeleid van Zwolle: een gezonde leefomgeving voor "
            "kinderen, met een gezonder voedselaanbod in de wijken."
        ),
    }
}


def load_advice_settings() -> None:
    for code, values in ADVICE_SETTINGS.items():
        municipality = Municipality.objects.filter(cbs_code=code).first()
        if municipality is not None:
            AdviceSettings.objects.get_or_create(municipality=municipality, defaults=values)


def _write_advice(assessment: Assessment, author, values: dict) -> None:
    """The officer's advice text, saved as her edit form saves it: what she
    left as drafted follows the portal, the drafts are kept beside her text."""
    values = dict(values)
    text = advice_texts.text_for(assessment)
    text.meeting_date = timezone.localdate() + timedelta(days=values.pop("meeting_in_days"))
    for name, value in values.items():
        setattr(text, name, value)
    advice_texts.prepare(text, assessment, advice_texts.settings_for(assessment))
    text._history_user = author
    text.save()


@transaction.atomic
def load_assessments() -> list[Assessment]:
    load_advice_settings()
    created = []
    for plan in PLANS:
        participation = (
            Participation.objects.select_related("partnership__lead_municipality__region")
            .filter(partnership__name=plan["partnership"], organisation__kvk_number=plan["kvk"])
            .first()
        )
        if participation is None or participation.assessments.exists():
            continue
        partnership = participation.partnership
        author = (
            User.objects.filter(
                role=Role.OFFICER, municipality=partnership.lead_municipality
            ).first()
            or User.objects.filter(
                role=Role.COORDINATOR, region=partnership.lead_municipality.region
            ).first()
        )
        reviewer = User.objects.filter(
            role=Role.COORDINATOR, region=partnership.lead_municipality.region
        ).first()
        if author is None:
            continue
        assessment = workflow.start(
            participation, author, plan.get("kind", AssessmentKind.PROSPECTIVE)
        )
        themes, _bands = specs_for_version(assessment.version)
        answers, explanations, notes = {}, {}, {}
        for theme in themes:
            for question in theme.questions:
                label = _label_for(question.code, theme.code, plan, theme.is_knockout)
                option = next((o for o in question.options if o.label == label), None)
                answers[question.id] = option.id if option else None
                if label in ("Deels", "Nee") and not theme.is_knockout:
                    explanations[question.id] = (
                        "Besproken in het verkennend gesprek; zie de gespreksnotities."
                    )
                if theme.is_knockout and label == "Ja":
                    explanations[question.id] = plan["note"]
            if plan["note"]:
                notes[theme.id] = plan["note"] if theme.code in ("A", "D") else ""
        workflow.save_answers(assessment, assessment.revision, answers, explanations, notes)
        if plan.get("conditions"):
            assessment.conditions = plan["conditions"]
            assessment.save(update_fields=["conditions"])
        if plan.get("advice"):
            _write_advice(assessment, author, plan["advice"])
        if plan["state"] in ("review", "final"):
            workflow.submit(assessment, author)
        if plan["state"] == "final" and reviewer is not None:
            workflow.finalise(assessment, reviewer, "Vastgesteld in het regio-overleg.")
        created.append(assessment)
    return created
