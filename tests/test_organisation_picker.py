"""Finding an organisation (issue 15, item 5): the searchable picker of the
add-partner form (without JavaScript, and its JSON for the script), KvK
numbers as people type them, and a new organisation that comes back chosen."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Organisation, Sector
from organisations.search import MAX_RESULTS, normalise_kvk
from partnerships.models import Participation
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory


@pytest.fixture
def partnership(world):
    return PartnershipFactory(
        name="Gezonde Kinderkeuken Zwolle", lead_municipality=world.municipality
    )


@pytest.fixture
def register(world):
    """Three organisations of the region and one of another region."""
    return {
        "versmarkt": OrganisationFactory(
            region=world.region, name="Versmarkt Zwolle-Zuid", kvk_number="40059123", city="Zwolle"
        ),
        "zilveren": OrganisationFactory(
            region=world.region,
            name="Zorgverzekeraar IJssel",
            sector=Sector.INSURER,
            kvk_number="30012345",
            city="Kampen",
        ),
        "sportclub": OrganisationFactory(
            region=world.region,
            name="Sportclub De Kolk",
            sector=Sector.CIVIL_SOCIETY,
            kvk_number="",
            city="Hardenberg",
        ),
        "foreign": OrganisationFactory(
            region=world.other_region,
            name="Versmarkt Tilburg",
            kvk_number="40059124",
            city="Tilburg",
        ),
    }


def _add_url(partnership):
    return reverse("partnerships:participation_add", args=[partnership.pk])


def _options_url(partnership):
    return reverse("partnerships:organisation_options", args=[partnership.pk])


def _create(client, name, kvk_number, **extra):
    """The register's form sent with ``name`` and ``kvk_number`` as typed."""
    return client.post(
        reverse("organisations:create") + extra.pop("query", ""),
        {
            "name": name,
            "sector": "bedrijf",
            "kvk_number": kvk_number,
            "contacten-TOTAL_FORMS": 0,
            "contacten-INITIAL_FORMS": 0,
            **extra,
        },
    )


def _offered(response) -> list[str]:
    """The labels of the organisations the picker's list offers."""
    widget = response.context["form"].fields["organisation"].widget
    return [label for _value, label in widget.choices]


# --- The picker without JavaScript -----------------------------------------------------


def test_picker_offers_only_the_regions_organisations_with_sector_and_place(
    world, partnership, register
):
    response = world.client_for(world.officer).get(_add_url(partnership))
    assert response.status_code == 200
    offered = _offered(response)
    assert "Versmarkt Zwolle-Zuid · Bedrijf · Zwolle · KvK 40059123" in offered
    assert "Zorgverzekeraar IJssel · Zorgverzekeraar · Kampen · KvK 30012345" in offered
    assert "Sportclub De Kolk · Maatschappelijke organisatie · Hardenberg" in offered
    body = response.content.decode()
    assert "Versmarkt Tilburg" not in body
    assert "3 organisaties gevonden." in body


def test_an_organisation_of_another_region_is_never_found(world, partnership, register):
    client = world.client_for(world.officer)
    for query in ("Versmarkt", "Tilburg", "4005 9124"):
        response = client.get(_add_url(partnership), {"zoek": query})
        assert "Versmarkt Tilburg" not in response.content.decode()
        labels = [
            r["label"]
            for r in client.get(_options_url(partnership), {"zoek": query}).json()["results"]
        ]
        assert not any("Tilburg" in label for label in labels)


def test_organisations_already_partner_are_not_offered(world, partnership, register):
    ParticipationFactory(partnership=partnership, organisation=register["versmarkt"])
    response = world.client_for(world.officer).get(_add_url(partnership))
    assert not any(label.startswith("Versmarkt") for label in _offered(response))


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("versmarkt", "Versmarkt Zwolle-Zuid"),  # name, any case
        ("kampen", "Zorgverzekeraar IJssel"),  # place
        ("4005 9123", "Versmarkt Zwolle-Zuid"),  # KvK number with a space
        ("30.01.23.45", "Zorgverzekeraar IJssel"),  # KvK number with dots
        ("3001", "Zorgverzekeraar IJssel"),  # the start of a KvK number
        ("kolk hardenberg", "Sportclub De Kolk"),  # every word, in name or place
    ],
)
def test_search_without_javascript_narrows_the_list_and_keeps_what_was_typed(
    world, partnership, register, query, found
):
    response = world.client_for(world.officer).post(
        _add_url(partnership),
        {
            "zoek": query,
            "zoeken": "1",
            "role": "kernpartner",
            "status": "in_gesprek",
            "motives": ["mvo", "iets_terugdoen"],
            "motives_notes": "Wil de wijk iets teruggeven",
            "joined_on": "01-03-2026",
        },
    )
    assert response.status_code == 200
    offered = _offered(response)
    assert len(offered) == 1 and offered[0].startswith(found)
    body = response.content.decode()
    assert "1 organisatie gevonden." in body
    assert f'value="{query}"' in body  # the search box keeps the query
    # What was typed is shown back, without error messages; nothing is saved.
    assert '<option value="kernpartner" selected>' in body
    assert 'value="iets_terugdoen"' in body and "checked" in body
    assert "Wil de wijk iets teruggeven" in body
    assert 'value="01-03-2026"' in body
    assert "Niet alles is goed ingevuld" not in body
    assert not Participation.objects.exists()


def test_the_chosen_organisation_stays_in_the_list_while_searching_for_another(
    world, partnership, register
):
    chosen = register["sportclub"]
    response = world.client_for(world.officer).post(
        _add_url(partnership),
        {"zoek": "versmarkt", "zoeken": "1", "organisation": chosen.pk, "role": "partner"},
    )
    assert response.content.decode().count(f'<option value="{chosen.pk}" selected>') == 1
    assert [label.split(" · ")[0] for label in _offered(response)] == [
        "Sportclub De Kolk",
        "Versmarkt Zwolle-Zuid",
    ]


def test_saving_with_an_organisation_found_adds_the_partner(world, partnership, register):
    response = world.client_for(world.officer).post(
        _add_url(partnership),
        {
            "zoek": "versmarkt",
            "organisation": register["versmarkt"].pk,
            "role": "partner",
            "status": "kandidaat",
        },
    )
    assert response.status_code == 302
    assert partnership.participations.get().organisation == register["versmarkt"]


def test_no_organisation_chosen_is_refused_with_the_input_kept(world, partnership, register):
    response = world.client_for(world.officer).post(
        _add_url(partnership),
        {
            "zoek": "kampen",
            "role": "partner",
            "status": "kandidaat",
            "motives_notes": "Eerst bellen",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in body
    assert 'aria-invalid="true"' in body
    assert "Eerst bellen" in body
    assert len(_offered(response)) == 1


def test_results_are_bounded_and_the_page_says_there_are_more(world, partnership):
    for number in range(MAX_RESULTS + 5):
        OrganisationFactory(region=world.region, name=f"Bakkerij {number:02d}")
    client = world.client_for(world.officer)
    response = client.get(_add_url(partnership))
    assert len(_offered(response)) == MAX_RESULTS
    assert f"Meer dan {MAX_RESULTS} organisaties gevonden" in response.content.decode()
    data = client.get(_options_url(partnership), {"zoek": "bakkerij"}).json()
    assert len(data["results"]) == MAX_RESULTS and data["more"] is True
    data = client.get(_options_url(partnership), {"zoek": "bakkerij 07"}).json()
    assert [r["label"].split(" · ")[0] for r in data["results"]] == ["Bakkerij 07"]
    assert data["status"] == "1 organisatie gevonden."


def test_a_very_long_query_is_cut_short_not_refused(world, partnership, register):
    client = world.client_for(world.officer)
    response = client.get(_options_url(partnership), {"zoek": "versmarkt " * 500})
    assert response.status_code == 200
    assert response.json()["results"][0]["label"].startswith("Versmarkt Zwolle-Zuid")


# --- The picker's JSON (for the script) ----------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("officer", 200),
        ("officer_same_region", 404),  # another gemeente of the region: not her partnership
        ("coordinator", 403),
        ("officer_other_region", 404),
        ("coordinator_other_region", 404),
    ],
)
def test_picker_search_only_for_who_may_add_partners(
    world, partnership, register, persona, expected
):
    client = world.client_for(getattr(world, persona))
    assert client.get(_options_url(partnership), {"zoek": "v"}).status_code == expected
    assert client.get(_add_url(partnership)).status_code == expected


def test_anonymous_picker_search_goes_to_login(client, partnership):
    assert client.get(_options_url(partnership)).status_code == 302


def test_picker_search_costs_the_same_queries_for_few_and_many(world, partnership):
    client = world.client_for(world.officer)
    client.get(_options_url(partnership))  # the session's first request
    OrganisationFactory(region=world.region, name="Bakkerij 1")
    with CaptureQueriesContext(connection) as few:
        assert client.get(_options_url(partnership), {"zoek": "bakkerij"}).status_code == 200
    OrganisationFactory.create_batch(60, region=world.region, name="Bakkerij")
    # The session, the user, the partnership with its gemeente and region,
    # the organisations found (one more than shown, the partners left out
    # in the same query); the session's idle time saved (savepoint, update,
    # release).
    with CaptureQueriesContext(connection) as many:
        client.get(_options_url(partnership), {"zoek": "bakkerij"})
    assert len(many) == len(few) == 7, [q["sql"][:60] for q in many.captured_queries]


def test_add_partner_page_costs_the_same_queries_for_few_and_many(world, partnership):
    client = world.client_for(world.officer)
    client.get(_add_url(partnership))
    OrganisationFactory(region=world.region)
    with CaptureQueriesContext(connection) as few:
        client.get(_add_url(partnership))
    OrganisationFactory.create_batch(60, region=world.region)
    with CaptureQueriesContext(connection) as many:
        client.get(_add_url(partnership))
    assert len(many) == len(few)


# --- KvK numbers ----------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["12345678", "1234 5678", "12.34.56.78", " 1234.5678 "])
def test_kvk_number_with_spaces_or_dots_is_stored_as_eight_digits(world, typed):
    response = _create(world.client_for(world.officer), "Bakkerij Koornmarkt", typed)
    assert response.status_code == 302
    assert Organisation.objects.get(name="Bakkerij Koornmarkt").kvk_number == "12345678"


def test_kvk_number_refused_with_a_clear_message_in_english_too(world):
    client = world.client_for(world.officer)
    client.cookies["django_language"] = "en"
    response = _create(client, "Bakkerij Koornmarkt", "1234 567")
    assert response.status_code == 200
    assert "A KvK number has exactly 8 digits" in response.content.decode()


def test_a_kvk_number_typed_with_dots_is_still_unique_in_the_region(world, register):
    response = _create(world.client_for(world.officer), "Versmarkt bis", "40.05.91.23")
    assert response.status_code == 200
    assert "Er staat al een organisatie met dit KvK-nummer" in response.content.decode()


def test_normalise_kvk_only_drops_spaces_and_dots():
    assert normalise_kvk("12 34.56\t78") == "12345678"
    assert normalise_kvk("1234-5678") == "1234-5678"


def test_register_list_finds_a_kvk_number_typed_with_spaces(world, register):
    response = world.client_for(world.officer).get(
        reverse("organisations:list"), {"q": "4005 9123"}
    )
    assert [o.name for o in response.context["page"].object_list] == ["Versmarkt Zwolle-Zuid"]


# --- A new organisation comes back chosen ------------------------------------------------


def test_new_organisation_from_the_add_partner_form_comes_back_chosen(world, partnership, register):
    client = world.client_for(world.officer)
    add_url = _add_url(partnership)
    # She searched, found nothing, typed the rest, and asks for a new organisation.
    response = client.post(
        add_url,
        {
            "zoek": "Bakkerij Koornmarkt",
            "nieuwe_organisatie": "1",
            "role": "kernpartner",
            "status": "in_gesprek",
            "motives": ["mvo", "innovatie"],
            "motives_notes": "Bakt volkoren voor de scholen",
            "joined_on": "01-02-2026",
        },
    )
    assert response.status_code == 302
    create_url = response["Location"]
    assert create_url.startswith(reverse("organisations:create"))
    # The register's form starts with the name she searched for.
    page = client.get(create_url)
    assert page.context["form"]["name"].value() == "Bakkerij Koornmarkt"
    next_url = page.context["next"]
    response = client.post(
        create_url,
        {
            "name": "Bakkerij Koornmarkt",
            "sector": "bedrijf",
            "kvk_number": "1234 5679",
            "city": "Kampen",
            "next": next_url,
            "contacten-TOTAL_FORMS": 0,
            "contacten-INITIAL_FORMS": 0,
        },
    )
    new = Organisation.objects.get(name="Bakkerij Koornmarkt")
    assert response.status_code == 302
    assert response["Location"].startswith(add_url)
    # Back in the add-partner form: the new organisation chosen, the rest as typed.
    back = client.get(response["Location"])
    body = back.content.decode()
    assert back.context["form"]["organisation"].value() == str(new.pk)
    assert f'<option value="{new.pk}" selected>Bakkerij Koornmarkt · Bedrijf · Kampen' in body
    assert '<option value="kernpartner" selected>' in body
    assert "Bakt volkoren voor de scholen" in body
    assert 'value="01-02-2026"' in body
    assert back.context["form"]["motives"].value() == ["mvo", "innovatie"]
    # Saving adds her, and forgets the draft.
    response = client.post(
        add_url,
        {
            "organisation": new.pk,
            "role": "kernpartner",
            "status": "in_gesprek",
            "motives": ["mvo", "innovatie"],
            "motives_notes": "Bakt volkoren voor de scholen",
            "joined_on": "01-02-2026",
        },
    )
    assert response.status_code == 302
    participation = partnership.participations.get()
    assert participation.organisation == new and participation.motives == ["mvo", "innovatie"]
    assert f"partner-concept-{partnership.pk}" not in client.session


def test_coming_back_with_an_organisation_of_another_region_chooses_nothing(
    world, partnership, register
):
    response = world.client_for(world.officer).get(
        _add_url(partnership), {"concept": "1", "organisatie": register["foreign"].pk}
    )
    assert response.status_code == 200
    assert "Versmarkt Tilburg" not in response.content.decode()


@pytest.mark.parametrize("garbage", ["abc", "-1", "99999999999999999999999"])
def test_coming_back_with_garbage_chooses_nothing(world, partnership, garbage):
    response = world.client_for(world.officer).get(
        _add_url(partnership), {"concept": "1", "organisatie": garbage}
    )
    assert response.status_code == 200
