"""The collegeadvies (issue 14): its sections, the portal's drafts for every
outcome and for a re-assessment, the officer's text (edited, audited, stale
saves refused, frozen at the finalisation) and the coordinator's view of it."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from assessment import workflow
from assessment.collegeadvies import drafts
from assessment.collegeadvies.document import TEMPLATE, load_advice, template_context
from assessment.models import AdviceText, AssessmentKind, Outcome
from partnerships.models import ContributionType, ParticipationStatus
from tests.assessment_helpers import answer_all
from tests.factories import (
    AgreementFactory,
    ContributionFactory,
    GoalFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)

PARTNER = "Versmarkt Zwolle-Zuid"
HEADINGS = [
    "Onderwerp",
    "Voorgesteld besluit",
    "Samenvatting",
    "Aanleiding",
    "Kader",
    "Beoogd effect",
    "Argumenten",
    "Kanttekeningen en risico's",
    "Financiën",
    "Juridisch",
    "Communicatie en openbaarheid",
    "Uitvoering en vervolg",
    "Bijlagen",
    "Bijlage 1: Afwegingskader ‘Samenwerken of niet?’",
]


@pytest.fixture
def partnership(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    IndicatorFactory(
        goal=GoalFactory(partnership=partnership, title="Gezonde kinderkeuze in elke winkel"),
        name="Winkels met een kinderschap",
        unit="aantal",
        baseline=0,
        target=3,
    )
    return partnership


@pytest.fixture
def participation(world, partnership):
    organisation = OrganisationFactory(region=world.region, name=PARTNER)
    participation = ParticipationFactory(
        partnership=partnership, organisation=organisation, status=ParticipationStatus.IN_TALKS
    )
    ContributionFactory(
        participation=participation,
        type=ContributionType.MONEY,
        description="Schapkaartjes",
        hours=None,
        euros=Decimal("1500"),
    )
    ContributionFactory(participation=participation, description="Proeverijen", hours=48)
    other = ParticipationFactory(partnership=partnership, organisation__name="Voedingscentrum")
    ContributionFactory(participation=other, description="Voedingsadvies", hours=Decimal("60.5"))
    return participation


def _concept(world, participation, **overrides):
    assessment = workflow.start(participation, world.officer)
    return answer_all(assessment, explanation="Besproken met de eigenaar.", **overrides)


def _html(assessment):
    return render_to_string(TEMPLATE, template_context(load_advice(assessment)))


# --- The document ------------------------------------------------------------------


def test_every_section_is_there_in_order_with_the_afwegingskader_as_bijlage_1(world, participation):
    html = _html(_concept(world, participation))
    positions = [html.index(f">{escape(heading)}</h") for heading in HEADINGS]
    assert positions == sorted(positions)
    for label in ("Gemeente", "Zaaknummer", "Datum", "Steller", "Afdeling", "Portefeuillehouder"):
        assert f'<th scope="row">{label}</th>' in html
    assert "Collegevergadering" in html and "Openbaar" in html
    assert "WHO-Kaderverdrag" in html and "artikel 5.3" in html
    assert "Gezonde kinderkeuze in elke winkel" in html  # a joint goal, with its indicator
    assert "Winkels met een kinderschap: van 0 naar 3 (aantal)" in html


def test_kanttekeningen_name_every_deels_nee_and_knockout_with_its_explanation(
    world, participation
):
    assessment = _concept(world, participation, overrides={"B2": "Deels", "D2": "Nee", "A3": "Ja"})
    caveats = load_advice(assessment).section("caveats").text
    for code, answer in (("A3", "Ja"), ("B2", "Deels"), ("D2", "Nee")):
        assert f"- {code} " in caveats and f"— {answer}: Besproken met de eigenaar." in caveats
    assert "C1" not in caveats  # answered Ja


def test_arguments_come_from_the_strongest_themes(world, participation):
    assessment = _concept(world, participation, overrides={"B1": "Nee", "C1": "Deels"})
    arguments = load_advice(assessment).section("arguments").text
    assert arguments.startswith("De sterkste thema's van de afweging:")
    assert "B. " not in arguments and "C. " not in arguments  # 66,7 % and 83,3 %
    assert "D. Belangen en motieven (100,0%)" in arguments


def test_finances_table_holds_every_contribution_and_the_gemeentes_share(world, participation):
    assessment = _concept(world, participation)
    AdviceText.objects.create(
        assessment=assessment,
        own_hours=Decimal("40"),
        own_euros=Decimal("2500"),
        own_description="Projectleiding",
    )
    advice = load_advice(assessment)
    rows = [(r.party, r.description, r.hours, r.euros) for r in advice.finance_rows]
    assert rows == [
        ("Gemeente Zwolle", "Projectleiding", "40", "€ 2.500,00"),
        (PARTNER, "Schapkaartjes", "", "€ 1.500,00"),
        (PARTNER, "Proeverijen", "48", ""),
        ("Voedingscentrum", "Voedingsadvies", "60,5", ""),
    ]
    assert (advice.finance_total_hours, advice.finance_total_euros) == ("148,5", "€ 4.000,00")
    finances = advice.section("finances").text
    assert "€ 4.000,00 en 148,5 uur" in finances
    assert "eigen aandeel van de gemeente is € 2.500,00 en 40 uur" in finances


def test_the_advice_data_takes_a_fixed_number_of_queries(
    world, participation, django_assert_num_queries
):
    assessment = _concept(world, participation)
    # report 5 + participation, next phase, agreements, goals, indicators,
    # contributions + the officer's text and the gemeente's settings
    with django_assert_num_queries(13):
        load_advice(assessment)
    ContributionFactory.create_batch(5, participation=participation)
    AgreementFactory.create_batch(3, partnership=participation.partnership)
    with django_assert_num_queries(13):
        load_advice(assessment)


# --- The drafts: outcome, kind and the partnership's state ----------------------------


def _facts(**changes) -> drafts.Facts:
    facts = drafts.Facts(
        municipality="Zwolle",
        partner="Partner BV",
        partner_sector="Bedrijf",
        partner_is_private=True,
        partner_city="Zwolle",
        partnership="Gezond Wijk",
        theme="Gezonde voeding",
        societal_goal="Kinderen eten gezonder.",
        phase="3. Onderhandel met partners",
        next_phase="Bepaal de samenwerkingsstructuur",
        organisational_form="Convenant",
        is_procurement=False,
        start_date=date(2026, 1, 1),
        planned_end_date=None,
        partner_status=ParticipationStatus.IN_TALKS,
        partner_status_label="In gesprek",
        joined_on=None,
        motives=[],
        kind=AssessmentKind.PROSPECTIVE,
        outcome=Outcome.COLLABORATE,
        outcome_label="Samenwerken",
        is_final=True,
        decided_on=date(2026, 12, 2),
        total_display="90,0",
        knocked_out=False,
        reason="",
        unresolved=[],
        conditions="",
        review_remark="",
        questionnaire="Afwegingskader, versie 1",
        themes=[],
        concerns=[],
        knockouts=[],
        agreements=[],
        goals=[],
        contributions=[],
    )
    for name, value in changes.items():
        setattr(facts, name, value)
    return facts


SIGNED = drafts.Agreement("Convenant Gezond Wijk", date(2026, 3, 15), "Wethouder", False)
OWN_SIGNED = drafts.Agreement("Overeenkomst Partner BV", date(2026, 4, 1), "Wethouder", True)
UNSIGNED = drafts.Agreement("Overeenkomst Partner BV", None, "", True)


def _points(**changes) -> list[str]:
    from assessment.collegeadvies.text import items

    return items(drafts.decision(_facts(**changes)))


def test_enter_without_an_agreement_proposes_one_to_sign():
    points = _points()
    assert points[0] == "In te stemmen met de samenwerking met Partner BV in Gezond Wijk."
    assert "samenwerkingsovereenkomst en die namens de gemeente te ondertekenen" in points[1]
    assert "jaarlijks te laten evalueren" in points[2]


def test_an_agreement_already_signed_is_never_proposed_for_signing():
    for changes in (
        {"agreements": [OWN_SIGNED]},
        {"agreements": [SIGNED], "partner_status": ParticipationStatus.ACTIVE},
    ):
        points = _points(**changes)
        assert any(p.startswith("Kennis te nemen van ‘") for p in points), points
        assert not any("ondertekenen" in p for p in points), points
    # Not yet a party to the partnership's signed covenant: it joins, it signs nothing anew.
    points = _points(agreements=[SIGNED])
    assert "te laten toetreden tot ‘Convenant Gezond Wijk’ (getekend op 15 maart 2026)" in points[1]
    # An agreement drafted but not signed: the mandate to sign that one.
    assert (
        "‘Overeenkomst Partner BV’ namens de gemeente te ondertekenen"
        in _points(agreements=[UNSIGNED])[1]
    )


def test_enter_on_conditions_lists_the_conditions():
    points = _points(
        outcome=Outcome.CONDITIONS, conditions="- Eigen middelen inzetten (F1).\n- Geen logo (G2)."
    )
    assert points[0].endswith(
        "onder deze voorwaarden: Eigen middelen inzetten (F1); Geen logo (G2)."
    )


def test_do_not_enter_names_the_knockout():
    knockout = drafts.Answer("A1", "Verbonden aan de tabaksindustrie", "Ja", "", knockout=True)
    points = _points(outcome=Outcome.DECLINE, knockouts=[knockout])
    assert (
        points[0]
        == "Niet samen te werken met Partner BV in Gezond Wijk vanwege uitsluitingsgrond A1."
    )
    assert len(points) == 2


def test_reassessment_variants_continue_with_measures_or_end():
    common = {"kind": AssessmentKind.REASSESSMENT, "partner_status": ParticipationStatus.ACTIVE}
    go_on = _points(**common, agreements=[OWN_SIGNED])
    assert go_on[0].startswith("In te stemmen met het voortzetten van de samenwerking")
    assert "een nieuwe ondertekening is niet nodig" in go_on[1]
    measures = _points(
        **common,
        outcome=Outcome.CONDITIONS,
        conditions="Jaarverslag delen",
        agreements=[OWN_SIGNED],
    )
    assert measures[0].endswith("met deze maatregelen: Jaarverslag delen.")
    assert "aanvulling op ‘Overeenkomst Partner BV’" in measures[1]
    end = _points(**common, outcome=Outcome.DECLINE, agreements=[OWN_SIGNED])
    assert end[0].startswith("In te stemmen met het beëindigen van de samenwerking")
    assert "op te zeggen" in end[1]
    assert drafts.subject(_facts(**common)).startswith("Herbeoordeling samenwerking met Partner BV")


def test_a_reassessment_recalls_the_earlier_decision(world, participation):
    first = _concept(world, participation)
    workflow.submit(first, world.officer)
    workflow.finalise(first, world.coordinator)
    again = answer_all(
        workflow.start(participation, world.officer, AssessmentKind.REASSESSMENT),
        overrides={"H1": "Deels"},
    )
    advice = load_advice(again)
    assert advice.subject == f"Herbeoordeling samenwerking met {PARTNER} in Gezonde Kinderkeuken"
    occasion = advice.section("occasion").text
    assert "eerder gewogen, met de uitkomst ‘Samenwerken’" in occasion
    assert advice.decision_points[0].startswith("In te stemmen met het voortzetten")


# --- The officer's text -------------------------------------------------------------


def _form_data(response) -> dict:
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else str(value)
    return data


def test_officer_edits_the_advice_and_the_document_uses_it(world, participation):
    assessment = _concept(world, participation)
    url = reverse("assessment:advice", args=[assessment.pk])
    client = world.client_for(world.officer)
    page = client.get(url)
    assert page.status_code == 200
    data = _form_data(page)
    drafted_summary = data["summary"]
    data.update(
        summary="Versmarkt wil trekken in de wijk.\n\n- proeverijen\n- schapkaartjes",
        case_number="Z/26/123456",
        portfolio_holder="Wethouder M. de Boer",
        meeting_date="12-01-2027",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    text = AdviceText.objects.get(assessment=assessment)
    assert text.summary.startswith("Versmarkt wil trekken")
    assert text.draft_summary == drafted_summary  # the portal's draft, kept beside it
    assert text.occasion == ""  # left as drafted: it keeps following the data
    assert text.draft_occasion
    html = _html(assessment)
    assert (
        "<p>Versmarkt wil trekken in de wijk.</p>\n<ul><li>proeverijen</li><li>schapkaartjes</li></ul>"
        in html
    )
    assert "Z/26/123456" in html and "Wethouder M. de Boer" in html and "12 januari 2027" in html
    record = text.history.latest()
    assert record.history_user == world.officer
    assert record.summary != record.draft_summary


def test_html_typed_into_a_section_is_refused_with_a_message(world, participation):
    assessment = _concept(world, participation)
    url = reverse("assessment:advice", args=[assessment.pk])
    client = world.client_for(world.officer)
    data = _form_data(client.get(url))
    data["arguments"] = 'Zie <a href="https://example.org">hier</a>'
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Schrijf gewone tekst, zonder HTML." in response.content.decode()
    assert not AdviceText.objects.exists()


def test_a_stale_save_is_refused(world, participation):
    assessment = _concept(world, participation)
    url = reverse("assessment:advice", args=[assessment.pk])
    first, second = world.client_for(world.officer), world.client_for(world.officer)
    assert first.post(url, {**_form_data(first.get(url)), "case_number": "Z/1"}).status_code == 302
    stale = _form_data(second.get(url))
    assert second.post(url, {**stale, "case_number": "Z/2"}).status_code == 302
    again = {**stale, "case_number": "Z/3"}  # opened before the save of "Z/2"
    response = second.post(url, again)
    assert response.status_code == 409
    assert AdviceText.objects.get().case_number == "Z/2"


def test_coordinator_reads_the_officers_changes_in_review(world, participation):
    assessment = _concept(world, participation)
    AdviceText.objects.create(assessment=assessment, arguments="Eigen argument van Sanne.")
    workflow.submit(assessment, world.officer)
    url = reverse("assessment:advice", args=[assessment.pk])
    client = world.client_for(world.coordinator)
    page = client.get(url)
    content = page.content.decode()
    assert page.status_code == 200 and page.context["form"] is None
    assert "Eigen argument van Sanne." in content
    assert "aangepast door de beleidsmedewerker" in content
    assert escape("De sterkste thema's van de afweging") in content  # the portal's draft beside it
    assert client.post(url, {"arguments": "x"}).status_code == 403
    # The author may no longer change it while it is in review.
    assert world.client_for(world.officer).get(url).context["form"] is None


@pytest.mark.parametrize("persona", ["officer_same_region", "coordinator_other_region"])
def test_outsider_gets_404(world, participation, persona):
    assessment = _concept(world, participation)
    url = reverse("assessment:advice", args=[assessment.pk])
    assert world.client_for(getattr(world, persona)).get(url).status_code == 404


def test_the_advice_page_takes_a_fixed_number_of_queries(
    world, participation, django_assert_max_num_queries
):
    assessment = _concept(world, participation)
    client = world.client_for(world.officer)
    url = reverse("assessment:advice", args=[assessment.pk])
    client.get(url)
    # session, user, the assessment (visible_to, joined), its text, the
    # gemeente's settings, the advice's data (13) and the savepoint-free rest
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200
    ContributionFactory.create_batch(10, participation=participation)
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200


# --- Frozen at the finalisation -------------------------------------------------------


def test_the_text_is_frozen_with_the_assessment(world, participation):
    assessment = _concept(world, participation)
    AdviceText.objects.create(assessment=assessment, summary="Tekst van de beleidsmedewerker.")
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator, "Akkoord.")
    text = AdviceText.objects.get(assessment=assessment)
    assert text.frozen_at is not None
    assert "De GGD-coördinator heeft de afweging op" in text.draft_summary
    before = load_advice(assessment)
    # Later changes to the partnership do not reach the finalised advice.
    ContributionFactory(participation=participation, description="Later", euros=99)
    AgreementFactory(partnership=participation.partnership, signed_on=date(2027, 1, 1))
    after = load_advice(assessment)
    assert after.finance_rows == before.finance_rows
    assert [s.text for s in after.sections] == [s.text for s in before.sections]
    assert after.section("summary").text == "Tekst van de beleidsmedewerker."
    text.summary = "Achteraf veranderd."
    with pytest.raises(ValidationError):
        text.save()


def test_a_correction_starts_from_the_officers_advice_text(world, participation):
    assessment = _concept(world, participation)
    AdviceText.objects.create(
        assessment=assessment,
        summary="Tekst van de beleidsmedewerker.",
        case_number="Z/26/1",
        portfolio_holder="Wethouder M. de Boer",
        own_hours=Decimal("12.5"),
        own_description="Regie",
    )
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator, "Akkoord.")
    frozen = AdviceText.objects.get(assessment=assessment)

    copy = workflow.correct(assessment, world.officer)

    text = AdviceText.objects.get(assessment=copy)
    assert text.summary == "Tekst van de beleidsmedewerker."
    assert text.occasion == ""  # drafted before: it keeps following the portal's data
    assert (text.case_number, text.portfolio_holder) == ("Z/26/1", "Wethouder M. de Boer")
    assert (text.own_hours, text.own_description) == (Decimal("12.5"), "Regie")
    assert text.draft_summary == frozen.draft_summary  # what she changed stays readable
    assert text.frozen_at is None and text.frozen_finances == []
    record = text.history.latest()
    assert record.history_user == world.officer and record.history_change_reason
    # The copy is the correction's own: it changes while the original stays frozen.
    text.summary = "Gecorrigeerd."
    text.save()
    frozen.refresh_from_db()
    assert frozen.summary == "Tekst van de beleidsmedewerker."
    assert load_advice(copy).section("summary").text == "Gecorrigeerd."


def test_a_correction_of_an_assessment_without_a_text_has_none(world, participation):
    assessment = _concept(world, participation)
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator)
    AdviceText.objects.filter(assessment=assessment).delete()  # as before issue 14
    copy = workflow.correct(assessment, world.officer)
    assert not AdviceText.objects.filter(assessment=copy).exists()


def test_finalising_without_a_text_freezes_the_portals_draft(world, participation):
    assessment = _concept(world, participation)
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator)
    text = AdviceText.objects.get(assessment=assessment)
    assert text.summary == "" and text.draft_decision.startswith("1. In te stemmen")
    assert text.history.latest().history_user == world.coordinator


# --- The gemeente's settings (the beheerder, in the admin) ----------------------------


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 4), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_beheerder_sets_the_name_logo_and_header_fields_of_a_gemeente(world, participation):
    response = world.client_for(world.administrator).post(
        reverse("admin:assessment_advicesettings_add"),
        {
            "municipality": world.municipality.pk,
            "display_name": "Gemeente Zwolle — college van B en W",
            "logo": SimpleUploadedFile("logo.png", _png(), content_type="image/png"),
            "header_fields": ["meeting", "case_number"],
            "policy": "Nota Gezond Zwolle 2024-2027.",
        },
    )
    assert response.status_code == 302
    advice = load_advice(_concept(world, participation))
    assert advice.municipality == "Gemeente Zwolle — college van B en W"
    assert [label for label, _value in advice.header] == [
        "Gemeente",
        "Zaaknummer",
        "Datum",
        "Collegevergadering",
    ]
    assert advice.logo.startswith("data:image/png;base64,")
    assert advice.section("frame").text.startswith("Dit advies past in:\n- Nota Gezond Zwolle")


def test_a_logo_that_is_no_image_is_refused(world):
    response = world.client_for(world.administrator).post(
        reverse("admin:assessment_advicesettings_add"),
        {
            "municipality": world.municipality.pk,
            "logo": SimpleUploadedFile("logo.png", b"<svg></svg>", content_type="image/png"),
        },
    )
    assert response.status_code == 200
    assert "De inhoud van het bestand past niet bij de extensie." in response.content.decode()
