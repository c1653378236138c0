"""The audit trail: who changed what, when; visible to those who see the record."""

from django.urls import reverse
from django.utils.html import escape

from core.history import history_entries


def test_admin_change_is_recorded_with_user_and_shown_on_the_page(world):
    admin_client = world.client_for(world.administrator)
    municipality = world.municipality
    response = admin_client.post(
        reverse("admin:regions_municipality_change", args=[municipality.pk]),
        {"name": "Zwolle-Stad", "cbs_code": municipality.cbs_code, "region": world.region.pk},
    )
    assert response.status_code == 302

    entries = history_entries(municipality)
    assert entries[0].label == "gewijzigd"
    assert entries[0].user == world.administrator
    assert [(c.label, c.old, c.new) for c in entries[0].changes] == [
        ("naam", "Zwolle", "Zwolle-Stad")
    ]

    page = world.client_for(world.officer).get(
        reverse("regions:municipality_detail", args=[municipality.pk])
    )
    body = page.content.decode()
    assert "Geschiedenis" in body
    assert f"door {escape(world.administrator.get_full_name())}" in body
    assert "naam: van “Zwolle” naar “Zwolle-Stad”" in body


def test_foreign_key_changes_show_names_not_numbers(world):
    municipality = world.municipality
    municipality.region = world.other_region
    municipality.save()
    change = history_entries(municipality)[0].changes[0]
    assert (change.label, change.old, change.new) == (
        "GGD-regio",
        "GGD IJsselland",
        "GGD Hart voor Brabant",
    )


def test_history_of_a_record_costs_a_fixed_number_of_queries(world, django_assert_num_queries):
    municipality = world.municipality
    for index in range(10):
        municipality.name = f"Zwolle {index}"
        municipality.save()
    with django_assert_num_queries(1):
        entries = history_entries(municipality)
    assert len(entries) == 11
