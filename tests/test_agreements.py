"""Agreements (afspraken) with the signed document stored privately: access,
upload, download, validation and a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Agreement
from tests.factories import AgreementFactory, ParticipationFactory, PartnershipFactory

OUTSIDERS = ("officer_same_region", "officer_other_region", "coordinator_other_region")
VIEWERS = ("coordinator", "administrator")
PDF = b"%PDF-1.4 een getekend convenant"


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def partnership(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    participation = ParticipationFactory(
        partnership=partnership, organisation__name="Supermarkt De Hoek"
    )
    AgreementFactory(
        partnership=partnership,
        participation=participation,
        title="Afspraken met De Hoek",
        time_commitment="Twee uur per week",
        money="De Hoek betaalt de folders",
        out_of_scope="Reclame in scholen",
        signed_on=date(2026, 2, 1),
        signed_by="Wethouder Jansen en directeur De Hoek",
    )
    AgreementFactory(partnership=partnership, title="Convenant Kinderkeuken")
    return partnership


def list_url(p):
    return reverse("partnerships:agreements", args=[p.pk])


def add_url(p):
    return reverse("partnerships:agreement_add", args=[p.pk])


def pdf(name="Convenant getekend.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def upload_agreement(world, partnership, **extra):
    response = world.client_for(world.officer).post(
        add_url(partnership), {"title": "Convenant", "document": pdf(), **extra}
    )
    assert response.status_code == 302, response.content.decode()
    return Agreement.objects.get(title="Convenant")


def document_url(agreement):
    return reverse("partnerships:agreement_document", args=[agreement.partnership_id, agreement.pk])


def edit_urls(p):
    agreement = p.agreements.get(title="Convenant Kinderkeuken")
    return [
        add_url(p),
        reverse("partnerships:agreement_edit", args=[p.pk, agreement.pk]),
        reverse("partnerships:agreement_delete", args=[p.pk, agreement.pk]),
    ]


# --- Access ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ("officer", *VIEWERS))
def test_those_who_may_see_the_partnership_see_its_agreements(world, partnership, persona):
    response = world.client_for(getattr(world, persona)).get(list_url(partnership))
    assert response.status_code == 200
    assert "Afspraken met De Hoek" in response.content.decode()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsider_gets_404_on_every_agreement_page(world, partnership, private_media, persona):
    agreement = upload_agreement(world, partnership)
    client = world.client_for(getattr(world, persona))
    for url in [list_url(partnership), document_url(agreement), *edit_urls(partnership)]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "X"}).status_code == 404, url


@pytest.mark.parametrize("persona", VIEWERS)
def test_coordinator_and_administrator_get_403_on_changes(world, partnership, persona):
    client = world.client_for(getattr(world, persona))
    for url in edit_urls(partnership):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "X"}).status_code == 403, url
    assert partnership.agreements.count() == 2


def test_anonymous_user_is_sent_to_login(world, client, partnership, private_media):
    agreement = upload_agreement(world, partnership)
    for url in [list_url(partnership), document_url(agreement), *edit_urls(partnership)]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            "/accounts/login/"
        ), url


def test_viewers_see_no_edit_links(world, partnership):
    page = world.client_for(world.coordinator).get(list_url(partnership)).content.decode()
    assert "Afspraak toevoegen" not in page and "Bewerken" not in page


# --- The page ---------------------------------------------------------------------------


def test_list_shows_whole_partnership_first_then_per_partner(world, partnership):
    page = world.client_for(world.officer).get(list_url(partnership)).content.decode()
    order = [
        "Afspraken met de hele samenwerking",
        "Convenant Kinderkeuken",
        "Afspraken per partner",
        "Afspraken met De Hoek",
        "Twee uur per week",
        "De Hoek betaalt de folders",
        "Reclame in scholen",
        "op 1 februari 2026 door Wethouder Jansen en directeur De Hoek",
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    assert "downloaden" not in page  # no document stored yet


def test_list_costs_the_same_queries_with_many_agreements(world, django_assert_num_queries):
    few = PartnershipFactory(lead_municipality=world.municipality)
    AgreementFactory(partnership=few)
    many = PartnershipFactory(lead_municipality=world.municipality)
    for _ in range(8):
        AgreementFactory(partnership=many, participation=ParticipationFactory(partnership=many))
    AgreementFactory.create_batch(5, partnership=many, document="agreement/x.pdf")
    client = world.client_for(world.officer)
    client.get(list_url(few))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(list_url(few)).status_code == 200
    with django_assert_num_queries(len(queries)):
        response = client.get(list_url(many))
    assert response.content.decode().count("downloaden") == 5


# --- The document ---------------------------------------------------------------------


def test_uploaded_document_is_stored_privately_under_a_random_name(
    world, partnership, private_media
):
    agreement = upload_agreement(world, partnership, signed_on="2026-03-01", signed_by="Wethouder")
    assert agreement.document_name == "Convenant getekend.pdf"
    assert agreement.document.name.startswith("agreement/")
    assert "Convenant" not in agreement.document.name
    assert (private_media / agreement.document.name).read_bytes() == PDF
    page = world.client_for(world.officer).get(list_url(partnership)).content.decode()
    assert "Convenant getekend.pdf downloaden" in page
    assert document_url(agreement) in page


@pytest.mark.parametrize("persona", ("officer", "coordinator", "administrator"))
def test_document_is_served_to_those_who_may_see(world, partnership, private_media, persona):
    agreement = upload_agreement(world, partnership)
    response = world.client_for(getattr(world, persona)).get(document_url(agreement))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="Convenant getekend.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_without_a_document_is_404(world, partnership, private_media):
    agreement = partnership.agreements.first()
    assert world.client_for(world.officer).get(document_url(agreement)).status_code == 404


def test_download_through_another_partnership_is_404(world, partnership, private_media):
    agreement = upload_agreement(world, partnership)
    other = PartnershipFactory(lead_municipality=world.municipality)
    url = reverse("partnerships:agreement_document", args=[other.pk, agreement.pk])
    assert world.client_for(world.officer).get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Dit bestandstype kan niet"),
        ("nep.pdf", b"MZ\x90\x00", "De inhoud van het bestand past niet bij de extensie .pdf"),
        ("nep.docx", b"%PDF-1.4", "De inhoud van het bestand past niet bij de extensie .docx"),
    ],
)
def test_wrong_documents_are_refused_and_input_kept(
    world, partnership, private_media, name, content, message
):
    response = world.client_for(world.officer).post(
        add_url(partnership),
        {
            "title": "Overeenkomst",
            "money": "Ieder betaalt zelf",
            "document": SimpleUploadedFile(name, content),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'value="Overeenkomst"' in body and "Ieder betaalt zelf" in body
    assert not Agreement.objects.filter(title="Overeenkomst").exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_too_large_document_is_refused(world, partnership, private_media):
    limit = django_settings.MAX_UPLOAD_SIZE
    big = pdf(content=b"%PDF-1.4" + b"0" * (limit + limit // 20))
    response = world.client_for(world.officer).post(
        add_url(partnership), {"title": "Groot", "document": big}
    )
    assert response.status_code == 200
    body = response.content.decode().replace("\xa0", " ")
    assert "Het bestand is 10,5 MB; het mag hoogstens 10,0 MB zijn." in body


def test_replacing_the_document_deletes_the_old_file(
    world, partnership, private_media, django_capture_on_commit_callbacks
):
    agreement = upload_agreement(world, partnership)
    old = private_media / agreement.document.name
    url = reverse("partnerships:agreement_edit", args=[partnership.pk, agreement.pk])
    with django_capture_on_commit_callbacks(execute=True):  # removed after the commit
        response = world.client_for(world.officer).post(
            url, {"title": "Convenant", "document": pdf("Nieuwe versie.pdf", b"%PDF-1.7 nieuw")}
        )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.document_name == "Nieuwe versie.pdf"
    assert (private_media / agreement.document.name).read_bytes() == b"%PDF-1.7 nieuw"
    assert not old.exists()


def test_editing_without_a_new_upload_keeps_the_document(world, partnership, private_media):
    agreement = upload_agreement(world, partnership)
    url = reverse("partnerships:agreement_edit", args=[partnership.pk, agreement.pk])
    response = world.client_for(world.officer).post(url, {"title": "Convenant 2026"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Convenant 2026"
    assert agreement.document_name == "Convenant getekend.pdf"
    assert (private_media / agreement.document.name).read_bytes() == PDF


def test_clearing_the_document_deletes_the_file(
    world, partnership, private_media, django_capture_on_commit_callbacks
):
    agreement = upload_agreement(world, partnership)
    stored = private_media / agreement.document.name
    url = reverse("partnerships:agreement_edit", args=[partnership.pk, agreement.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for(world.officer).post(
            url, {"title": "Convenant", "document-clear": "on"}
        )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert not agreement.document and agreement.document_name == ""
    assert not stored.exists()


def test_deleting_an_agreement_deletes_its_file(
    world, partnership, private_media, django_capture_on_commit_callbacks
):
    agreement = upload_agreement(world, partnership)
    stored = private_media / agreement.document.name
    url = reverse("partnerships:agreement_delete", args=[partnership.pk, agreement.pk])
    client = world.client_for(world.officer)
    assert "Convenant" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Agreement.objects.filter(pk=agreement.pk).exists()
    assert not stored.exists()


def test_a_file_past_the_limit_is_never_kept_and_the_form_says_so(
    world, partnership, private_media, settings, monkeypatch
):
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    settings.MAX_UPLOAD_SIZE = 1024 * 1024
    kept = []  # what reached Django's own handlers (memory or temporary file)
    original = TemporaryFileUploadHandler.receive_data_chunk

    def counting(self, raw_data, start):
        kept.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counting)
    big = pdf(content=b"%PDF-1.4" + b"0" * (3 * 1024 * 1024))
    response = world.client_for(world.officer).post(
        add_url(partnership), {"title": "Groot", "money": "Ieder betaalt zelf", "document": big}
    )
    body = response.content.decode().replace("\xa0", " ")
    assert response.status_code == 200
    assert "Het bestand is 3,0 MB; het mag hoogstens 1,0 MB zijn." in body
    assert 'value="Groot"' in body and "Ieder betaalt zelf" in body
    assert sum(kept) <= 1024 * 1024  # the rest was counted, never kept
    assert not Agreement.objects.filter(title="Groot").exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))


def test_files_go_when_deleted_in_the_admin_or_with_their_partnership(
    world, partnership, private_media, django_capture_on_commit_callbacks
):
    first = upload_agreement(world, partnership)
    first_file = private_media / first.document.name
    first.title = "Eerste"
    first.save()
    second_file = private_media / upload_agreement(world, partnership).document.name
    admin = world.client_for(world.administrator)
    delete = reverse("admin:partnerships_agreement_delete", args=[first.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(delete, {"post": "yes"}).status_code == 302
    assert not first_file.exists() and second_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        partnership.delete()  # its agreements go with it, and so do their files
    assert not second_file.exists()


def test_a_rolled_back_delete_keeps_the_file(world, partnership, private_media):
    from django.db import transaction

    agreement = upload_agreement(world, partnership)
    pk, stored = agreement.pk, private_media / agreement.document.name
    try:
        with transaction.atomic():
            agreement.delete()
            raise RuntimeError("rollback")
    except RuntimeError:
        pass
    assert stored.exists() and Agreement.objects.filter(pk=pk).exists()


# --- The form ---------------------------------------------------------------------------


def test_signed_date_in_the_future_is_refused(world, partnership):
    future = (date.today() + timedelta(days=3)).isoformat()
    response = world.client_for(world.officer).post(
        add_url(partnership), {"title": "Later", "signed_on": future, "signed_by": "Wethouder"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "De datum van ondertekening ligt in de toekomst." in body
    assert f'value="{future}"' in body and 'value="Wethouder"' in body


def test_signed_date_needs_a_signer(world, partnership):
    response = world.client_for(world.officer).post(
        add_url(partnership), {"title": "Zonder naam", "signed_on": "2026-03-01", "signed_by": " "}
    )
    assert response.status_code == 200
    assert "Vul in wie de overeenkomst heeft getekend." in response.content.decode()
    assert not Agreement.objects.filter(title="Zonder naam").exists()


def test_empty_form_gives_dutch_errors(world, partnership):
    response = world.client_for(world.officer).post(add_url(partnership), {})
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()


def test_partner_of_another_partnership_cannot_be_chosen(world, partnership):
    foreign = ParticipationFactory(
        partnership=PartnershipFactory(lead_municipality=world.municipality)
    )
    response = world.client_for(world.officer).post(
        add_url(partnership), {"title": "Stiekem", "participation": foreign.pk}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Agreement.objects.filter(title="Stiekem").exists()


def test_officer_adds_an_agreement_with_a_partner(world, partnership):
    participation = partnership.participations.get()
    response = world.client_for(world.officer).post(
        add_url(partnership),
        {
            "title": "Inzet De Hoek",
            "participation": participation.pk,
            "roles_and_tasks": "Levert fruit",
            "signed_on": "2026-04-01",
            "signed_by": "Directeur",
        },
    )
    assert response.status_code == 302 and response["Location"] == list_url(partnership)
    agreement = Agreement.objects.get(title="Inzet De Hoek")
    assert agreement.participation == participation and agreement.partnership == partnership
    assert agreement.signed_on == date(2026, 4, 1)


def test_form_is_sent_as_multipart(world, partnership):
    page = world.client_for(world.officer).get(add_url(partnership)).content.decode()
    assert 'enctype="multipart/form-data"' in page
