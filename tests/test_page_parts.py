"""Parts of a lower app's page that a higher app renders (its template tags):
they work as when the page rendered them itself."""

import re

from django.test import Client
from django.urls import reverse

from assessment.models import Assessment
from tests.factories import ParticipationFactory, PartnershipFactory


def test_the_start_form_on_a_partners_page_carries_its_csrf_token(world):
    participation = ParticipationFactory(
        partnership=PartnershipFactory(lead_municipality=world.municipality)
    )
    partnership = participation.partnership
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer)
    page = client.get(
        reverse("partnerships:participation_edit", args=[partnership.pk, participation.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    start_url = reverse("assessment:start", args=[partnership.pk, participation.pk])
    form = html[html.index(f'action="{start_url}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(start_url, {"kind": "nieuw", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Assessment.objects.filter(participation=participation).count() == 1
