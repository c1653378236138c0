"""A closed evaluation round of a Zwolle partnership in which the two sides
disagree on regie, for the evaluation tests."""

from dataclasses import dataclass

from evaluation.models import EvaluationRound, Side
from tests.factories import (
    ContactPersonFactory,
    OfficerFactory,
    OrganisationFactory,
    PartnershipFactory,
    SmallInstrumentPartnerRespondentFactory,
    SmallInstrumentPublicRespondentFactory,
    SmallInstrumentRoundFactory,
    answer_round,
    evaluation_instrument,
)

PARTNERSHIP = "Gezonde Kinderkeuken"
# Public side: two officers of Zwolle; private side: two partners.
PUBLIC_SCORES = (
    {"A1": 4, "A2": 4, "B1": 4, "B2": 5, "C1": 3, "C2": 0},
    {"A1": 5, "A2": 4, "B1": 4, "B2": 4, "C1": 4, "C2": 4},
)
PRIVATE_SCORES = (
    {"A1": 4, "A2": 4, "B1": 2, "B2": 3, "C1": 2, "C2": 0},
    {"A1": 4, "A2": 3, "B1": 3, "B2": 2, "C1": 3, "C2": 2},
)
# Means: A publiek 4,3 privaat 3,8; B (regie) publiek 4,3 privaat 2,5 (−1,8);
# C publiek 3,7 privaat 2,3 (−1,4).
PUBLIC_TEXTS = ({"O1": "Het overleg loopt goed."}, {"O1": "Alle partners komen."})
PRIVATE_TEXTS = ({"O2": "Meer terugkoppeling."}, {"O2": "Besluiten sneller nemen."})
PARTNER_CONTACTS = ("Piet Bakker", "Fatima El Amrani")
OFFICER_NAMES = (("Anna", "Visser"), ("Bert", "Mulder"))


@dataclass
class Evaluation:
    partnership: object
    round: EvaluationRound
    respondents: list


def closed_round(
    world, *, named=False, status="gesloten", partnership=None, instrument=None, title=None
):
    partnership = partnership or PartnershipFactory(
        name=PARTNERSHIP, lead_municipality=world.municipality
    )
    extra = {"title": title} if title else {}
    if instrument is not None:
        extra["instrument"] = instrument
    round = SmallInstrumentRoundFactory(
        partnership=partnership, named=named, status=status, **extra
    )
    respondents = []
    for (first, last), scores, texts in zip(
        OFFICER_NAMES, PUBLIC_SCORES, PUBLIC_TEXTS, strict=True
    ):
        officer = OfficerFactory(municipality=world.municipality, first_name=first, last_name=last)
        respondent = SmallInstrumentPublicRespondentFactory(round=round, user=officer)
        answer_round(respondent, scores, texts)
        respondents.append(respondent)
    for contact_name, scores, texts in zip(
        PARTNER_CONTACTS, PRIVATE_SCORES, PRIVATE_TEXTS, strict=True
    ):
        contact = ContactPersonFactory(
            name=contact_name, organisation=OrganisationFactory(region=world.region)
        )
        respondent = SmallInstrumentPartnerRespondentFactory(
            round=round, contact=contact, side=Side.PRIVATE
        )
        answer_round(respondent, scores, texts)
        respondents.append(respondent)
    return Evaluation(partnership, round, respondents)


__all__ = ["closed_round", "evaluation_instrument"]
