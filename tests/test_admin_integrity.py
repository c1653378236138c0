"""Admin integrity (/beheer/): a finalised assessment cannot be changed or
deleted there, a participation does not move to another partnership (with its
assessments), an organisation does not change region, and changes made in the
admin are in the audit trail with the beheerder's name."""

import pytest
from django.urls import reverse

from assessment import workflow
from assessment.models import Assessment, AssessmentStatus
from organisations.models import Organisation
from partnerships.models import Participation
from tests.assessment_helpers import answer_all
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory


@pytest.fixture
def admin_client(world):
    return world.client_for(world.administrator)


@pytest.fixture
def participation(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    return ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(region=world.region)
    )


@pytest.fixture
def final(world, participation):
    assessment = answer_all(workflow.start(participation, world.officer))
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator, "Akkoord.")
    return assessment


def test_finalised_assessment_cannot_be_deleted_in_the_admin(admin_client, final):
    url = reverse("admin:assessment_assessment_delete", args=[final.pk])
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Assessment.objects.filter(pk=final.pk, status=AssessmentStatus.FINAL).exists()


def test_bulk_delete_leaves_finalised_assessments_alone(admin_client, final):
    response = admin_client.post(
        reverse("admin:assessment_assessment_changelist"),
        {"action": "delete_selected", "_selected_action": [final.pk], "post": "yes"},
        follow=True,
    )
    assert response.status_code == 200
    assert "kunnen niet worden verwijderd" in response.content.decode()
    assert Assessment.objects.filter(pk=final.pk).exists()


def test_a_concept_assessment_can_still_be_deleted_in_bulk(admin_client, world, participation):
    concept = workflow.start(participation, world.officer)
    admin_client.post(
        reverse("admin:assessment_assessment_changelist"),
        {"action": "delete_selected", "_selected_action": [concept.pk], "post": "yes"},
    )
    assert not Assessment.objects.filter(pk=concept.pk).exists()


def test_finalised_assessment_is_view_only_in_the_admin(admin_client, final):
    url = reverse("admin:assessment_assessment_change", args=[final.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert admin_client.post(url, {}).status_code == 403


def test_participation_does_not_move_to_another_partnership(admin_client, world, final):
    participation = final.participation
    elsewhere = PartnershipFactory(lead_municipality=world.municipality_other_region)
    url = reverse("admin:partnerships_participation_change", args=[participation.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="partnership"' not in page
    assert 'name="organisation"' not in page
    admin_client.post(
        url,
        {
            "partnership": elsewhere.pk,
            "organisation": participation.organisation_id,
            "role": participation.role,
            "status": participation.status,
            "joined_on": "",
            "contributions-TOTAL_FORMS": "0",
            "contributions-INITIAL_FORMS": "0",
        },
    )
    participation.refresh_from_db()
    assert participation.partnership_id == final.participation.partnership_id
    assert Participation.objects.get(pk=participation.pk).assessments.get() == final


def test_new_participation_still_chooses_its_partnership(admin_client):
    page = admin_client.get(reverse("admin:partnerships_participation_add")).content.decode()
    assert 'name="partnership"' in page


def test_organisation_does_not_change_region_but_its_name_does_with_history(
    admin_client, world, participation
):
    organisation = participation.organisation
    url = reverse("admin:organisations_organisation_change", args=[organisation.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="region"' not in page
    data = {
        "name": "Versmarkt Zwolle-Noord",
        "region": world.other_region.pk,
        "sector": organisation.sector,
        "kvk_number": organisation.kvk_number,
        "street_address": organisation.street_address,
        "postal_code": organisation.postal_code,
        "city": organisation.city,
        "website": organisation.website,
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert organisation.name == "Versmarkt Zwolle-Noord"
    assert organisation.region == world.region
    latest = organisation.history.order_by("-history_date").first()
    assert latest.history_user == world.administrator
    assert admin_client.get(reverse("admin:organisations_organisation_add")).status_code == 200


def admin_form_data(response) -> dict:
    """What the admin's change page would post unchanged: the main form and
    every inline formset (management forms included)."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form[name].value()
            key = form.add_prefix(name)
            if isinstance(value, list | tuple):
                data[key] = [getattr(v, "pk", v) for v in value]
            elif value is None:
                data[key] = ""
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            else:
                data[key] = field.widget.format_value(getattr(value, "pk", value)) or ""

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def test_participation_inline_of_a_partnership_does_not_change_the_organisation(
    admin_client, world, final
):
    participation = final.participation
    assessed = participation.organisation_id
    partnership = participation.partnership
    other = OrganisationFactory(region=world.region, name="Andere organisatie")
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    response = admin_client.get(url)
    data = admin_form_data(response)
    key = next(k for k in data if k.startswith("participations-0-") and k.endswith("-id"))
    prefix = key[: -len("id")]
    assert data[key] == str(participation.pk) or data[key] == participation.pk
    data[f"{prefix}organisation"] = other.pk
    response = admin_client.post(url, data)
    assert response.status_code in (200, 302)
    participation.refresh_from_db()
    # The finalised assessment stays about the organisation it assessed.
    assert participation.organisation_id == assessed
    assert Assessment.objects.get(pk=final.pk).participation.organisation_id == assessed


def test_participation_inline_still_adds_a_partner(admin_client, world, final):
    partnership = final.participation.partnership
    newcomer = OrganisationFactory(region=world.region, name="Nieuwe partner")
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    data = admin_form_data(admin_client.get(url))
    index = int(data["participations-TOTAL_FORMS"])
    data["participations-TOTAL_FORMS"] = str(index + 1)
    data[f"participations-{index}-organisation"] = newcomer.pk
    data[f"participations-{index}-role"] = final.participation.role
    data[f"participations-{index}-status"] = final.participation.status
    data[f"participations-{index}-partnership"] = partnership.pk
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and [
        f.errors for i in response.context["inline_admin_formsets"] for f in i.formset.forms
    ]
    assert partnership.participations.filter(organisation=newcomer).exists()
