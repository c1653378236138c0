"""A gemeente's own look (huisstijl): colours and a logo per GGD region or
gemeente, checked for contrast when saved, served as a stylesheet of its own
(the CSP stays strict), shown in the header and in the PDFs."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from regions import branding
from regions.branding import contrast_ratio, format_ratio, look_for_municipality, look_for_user
from regions.models import Branding
from tests.factories import EvaluationRoundFactory, PartnerRespondentFactory, PartnershipFactory

ZWOLLE = {
    "primary": "#005a6e",
    "primary_text": "#ffffff",
    "header_background": "#0b3b4f",
    "header_text": "#ffffff",
}


def png(width=120, height=40, colour="#005a6e", noise=False) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    if noise:
        image = Image.frombytes(
            "RGB", (width, height), __import__("os").urandom(width * height * 3)
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def upload(data: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def brand(**values) -> Branding:
    logo = values.pop("logo", None)
    look = Branding(**values)
    if logo is not None:
        look.logo = logo
    look.full_clean()
    look.save()
    return look


@pytest.fixture
def zwolle_look(world):
    return brand(municipality=world.municipality, logo=upload(png()), **ZWOLLE)


@pytest.fixture
def region_look(world):
    return brand(region=world.region, header_background="#21405f", header_text="#ffffff")


# --- Contrast ------------------------------------------------------------------------


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#154273", "#ffffff") == contrast_ratio("#ffffff", "#154273")


def test_ratio_is_rounded_down_so_a_failing_pair_never_reads_as_passing():
    assert format_ratio(4.4999) == "4,49:1"
    assert format_ratio(4.5) == "4,50:1"
    with translation.override("en"):
        assert format_ratio(4.4999) == "4.49:1"


@pytest.mark.parametrize(
    ("text", "passes"),
    [
        ("#767676", True),  # 4.54:1 on white, the lightest grey that passes
        ("#777777", False),  # 4.48:1
    ],
)
def test_text_on_primary_at_the_boundary(world, text, passes):
    look = Branding(municipality=world.municipality, primary="#ffffff", primary_text=text)
    # The primary colour white fails against the white page: only look at the pair here.
    with pytest.raises(ValidationError) as refused:
        look.full_clean()
    assert "primary" in refused.value.message_dict
    assert ("primary_text" not in refused.value.message_dict) is passes


def test_message_names_the_pair_and_the_ratio_found(world):
    look = Branding(municipality=world.municipality, primary="#005a6e", primary_text="#2b6f80")
    with pytest.raises(ValidationError) as refused:
        look.full_clean()
    (message,) = refused.value.message_dict["primary_text"]
    ratio = format_ratio(contrast_ratio("#005a6e", "#2b6f80"))
    assert "tekstkleur op de hoofdkleur" in message
    assert ratio in message
    assert "#2b6f80 op #005a6e" in message
    assert "minstens 4,5:1" in message


def test_header_pair_is_checked(world):
    look = Branding(region=world.region, header_background="#ffcc00", header_text="#ffffff")
    with pytest.raises(ValidationError) as refused:
        look.full_clean()
    (message,) = refused.value.message_dict["header_text"]
    assert "tekstkleur op de achtergrond van de kop" in message
    assert format_ratio(contrast_ratio("#ffcc00", "#ffffff")) in message


def test_primary_must_read_as_text_on_the_white_page(world):
    # A yellow with black text is a fine pair, but the primary colour is also
    # the colour of text and links on white: 4.5:1 there too.
    look = Branding(municipality=world.municipality, primary="#ffcc00", primary_text="#000000")
    with pytest.raises(ValidationError) as refused:
        look.full_clean()
    assert list(refused.value.message_dict) == ["primary"]
    assert "hoofdkleur op de witte pagina" in refused.value.message_dict["primary"][0]


def test_a_look_that_meets_aa_is_saved(world):
    look = brand(municipality=world.municipality, **ZWOLLE)
    assert Branding.objects.get(pk=look.pk).primary == "#005a6e"


# --- Colour codes --------------------------------------------------------------------


@pytest.mark.parametrize("value", ["blauw", "#12345", "#gggggg", "rgb(0,0,0)", "#1234567"])
def test_what_is_no_colour_is_refused_with_a_message(world, value):
    look = Branding(municipality=world.municipality, primary=value, primary_text="#ffffff")
    with pytest.raises(ValidationError) as refused:
        look.full_clean()
    assert any(
        "geen kleur" in message or "hoogstens" in message
        for message in refused.value.message_dict["primary"]
    )


def test_colour_codes_are_written_the_same_way(world):
    look = brand(
        municipality=world.municipality,
        primary="005A6E",
        primary_text="#FFF",
        header_background="#0B3B4F",
        header_text="fff",
    )
    look.refresh_from_db()
    assert (look.primary, look.primary_text, look.header_background, look.header_text) == (
        "#005a6e",
        "#ffffff",
        "#0b3b4f",
        "#ffffff",
    )


def test_a_pair_is_set_together_or_not_at_all(world):
    look = Branding(municipality=world.municipality, header_background="#0b3b4f")
    with pytest.raises(ValidationError) as refused:
        look.full_clean()
    assert "samen" in refused.value.message_dict["header_text"][0]


def test_a_look_belongs_to_a_region_or_a_gemeente_not_both(world):
    with pytest.raises(ValidationError):
        Branding(region=world.region, municipality=world.municipality).full_clean()
    with pytest.raises(ValidationError):
        Branding(primary="#005a6e", primary_text="#ffffff").full_clean()


# --- The logo ------------------------------------------------------------------------


def test_a_png_logo_is_kept_with_its_digest(world):
    look = brand(municipality=world.municipality, logo=upload(png()))
    assert look.logo_extension == "png"
    assert re.fullmatch(r"[0-9a-f]{16}", look.logo_digest)
    # Stored under the digest of its content, not the uploaded name.
    assert look.logo.name == f"branding/{look.logo_digest}.png"


def test_a_logo_too_large_in_bytes_is_refused(world):
    data = png(500, 500, noise=True)
    assert len(data) > branding.LOGO_MAX_BYTES
    with pytest.raises(ValidationError) as refused:
        brand(municipality=world.municipality, logo=upload(data))
    assert "hoogstens 300" in refused.value.message_dict["logo"][0]


def test_a_logo_too_large_in_pixels_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        brand(municipality=world.municipality, logo=upload(png(1300, 40)))
    assert "1300 × 40 pixels" in refused.value.message_dict["logo"][0]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "logo.png"),  # a disguised SVG
        (b"%PDF-1.7 not an image", "logo.png"),
        (None, "logo.gif"),  # a real image, but not an allowed format
    ],
)
def test_a_logo_of_another_type_is_refused(world, data, name):
    if data is None:
        buffer = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, format="GIF")
        data = buffer.getvalue()
    with pytest.raises(ValidationError) as refused:
        brand(municipality=world.municipality, logo=upload(data, name))
    assert "PNG-, JPEG- of WebP" in refused.value.message_dict["logo"][0]


def test_a_webp_logo_is_accepted(world):
    buffer = io.BytesIO()
    Image.new("RGB", (90, 30), "#005a6e").save(buffer, format="WEBP")
    look = brand(municipality=world.municipality, logo=upload(buffer.getvalue(), "logo.webp"))
    assert look.logo_extension == "webp"


# --- Whose look ----------------------------------------------------------------------


def test_officer_sees_her_gemeente_and_what_it_leaves_to_the_region(
    world, zwolle_look, region_look
):
    look = look_for_user(world.officer)
    assert (look.kind, look.pk, look.name) == ("gemeente", world.municipality.pk, "Zwolle")
    assert look.primary == "#005a6e"
    assert look.header_background == "#0b3b4f"  # the gemeente's own pair wins
    assert look.has_logo


def test_officer_of_a_gemeente_without_a_look_sees_her_region(world, zwolle_look, region_look):
    look = look_for_user(world.officer_same_region)  # Kampen
    assert look.name == "Kampen"  # its own stylesheet address, the region's values
    assert look.header_background == "#21405f"
    assert look.primary == ""  # neither sets it: the portal's own
    assert not look.has_logo


def test_a_gemeente_pair_falls_back_to_the_region_pair_per_pair(world, region_look):
    brand(municipality=world.municipality, primary="#005a6e", primary_text="#ffffff")
    look = look_for_municipality(world.municipality)
    assert look.primary == "#005a6e"
    assert look.header_background == "#21405f"


def test_coordinator_sees_her_region(world, zwolle_look, region_look):
    look = look_for_user(world.coordinator)
    assert (look.kind, look.name, look.header_background) == ("regio", "GGD IJsselland", "#21405f")
    assert look.primary == ""  # Zwolle's colours are Zwolle's


def test_other_region_and_beheerder_see_the_portal(world, zwolle_look, region_look):
    assert look_for_user(world.coordinator_other_region) is None
    assert look_for_user(world.officer_other_region) is None
    assert look_for_user(world.administrator) is None


def test_partner_answering_by_link_sees_the_lead_gemeente(world, zwolle_look, client):
    partnership = PartnershipFactory(lead_municipality=world.municipality, name="Gezond Samen")
    round_ = EvaluationRoundFactory(partnership=partnership)
    token = "Tok3n-" + "b" * 37
    PartnerRespondentFactory(round=round_, token=token, contact__name="Marieke")
    response = client.get(reverse("evaluation:respond", args=[token]))
    assert response.status_code == 200
    look = look_for_municipality(world.municipality)
    assert response.context["brand"] == look
    html = response.content.decode()
    assert f'href="{look.stylesheet_url}"' in html
    assert f'src="{look.logo_url}" alt="Zwolle"' in html


def test_a_broken_link_shows_no_look(world, zwolle_look, client):
    response = client.get(reverse("evaluation:respond", args=["Tok3n-" + "z" * 37]))
    assert response.status_code == 404
    assert "huisstijl" not in response.content.decode()


# --- The pages -----------------------------------------------------------------------


def test_header_links_the_stylesheet_and_shows_the_logo(world, zwolle_look):
    html = world.client_for(world.officer).get(reverse("accounts:inbox")).content.decode()
    look = look_for_user(world.officer)
    assert f'<link rel="stylesheet" href="{look.stylesheet_url}">' in html
    assert f'<img class="pps-brand__logo" src="{look.logo_url}" alt="Zwolle">' in html
    assert "style=" not in html  # no inline styles: the CSP stays strict


def test_without_a_look_the_page_has_neither(world):
    html = world.client_for(world.officer).get(reverse("accounts:inbox")).content.decode()
    assert "/huisstijl/" not in html


def test_a_page_costs_no_query_more_with_a_look(world, django_assert_num_queries):
    client = world.client_for(world.officer)
    url = reverse("accounts:inbox")
    with CaptureQueriesContext(connection) as without:
        client.get(url)
    brand(region=world.region, header_background="#21405f", header_text="#ffffff")
    brand(municipality=world.municipality, logo=upload(png()), **ZWOLLE)
    # The inbox, with or without a look: 1 the session; 2 the user with her
    # gemeente, region, their looks and the unread count (accounts.backends);
    # 3 her notifications counted by the page; 4-6 the session's new expiry
    # saved (savepoint, update, release). The look comes with the user.
    with django_assert_num_queries(6):
        response = client.get(url)
    assert len(without) == 6
    assert response.context["brand"].primary == "#005a6e"
    assert response.context["brand"].header_background == "#0b3b4f"
    assert "/huisstijl/" in response.content.decode()


# --- The stylesheet and the logo -----------------------------------------------------


def test_stylesheet_sets_the_custom_properties(world, zwolle_look, client):
    look = look_for_municipality(world.municipality)
    response = client.get(look.stylesheet_url)  # no login: a partner has none
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert css.startswith(":root {")
    for name, value in [
        ("--pps-brand-primary", "#005a6e"),
        ("--pps-brand-primary-text", "#ffffff"),
        ("--pps-brand-header-background", "#0b3b4f"),
        ("--pps-brand-header-text", "#ffffff"),
    ]:
        assert f"{name}: {value};" in css
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


def test_stylesheet_address_changes_with_the_values(world, zwolle_look, client):
    old = look_for_municipality(world.municipality).stylesheet_url
    assert old == "/huisstijl/005a6e-ffffff-0b3b4f-ffffff.css"
    zwolle_look.primary = "#004050"
    zwolle_look.full_clean()
    zwolle_look.save()
    new = look_for_municipality(world.municipality).stylesheet_url
    assert new != old
    assert "#004050" in client.get(new).content.decode()
    # An address always holds the same: the old one still says what it said.
    assert "#005a6e" in client.get(old).content.decode()


def test_stylesheet_is_served_without_the_database(world, zwolle_look, client):
    url = look_for_municipality(world.municipality).stylesheet_url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == 0


def test_look_assets_cost_a_logged_in_page_no_session_or_user_lookup(world, zwolle_look):
    # A page asks for its stylesheet and logo at once, beside its own
    # request: like static files, they are answered before the session.
    client = world.client_for(world.officer)
    look = look_for_municipality(world.municipality)
    for url in (look.stylesheet_url, look.logo_url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == 0, [q["sql"] for q in queries]
    assert client.get("/huisstijl/005a6e-x-x-x.css").status_code == 404


def test_stylesheet_of_a_region_sets_only_its_colours(world, region_look, client):
    css = client.get(look_for_user(world.coordinator).stylesheet_url).content.decode()
    assert "--pps-brand-header-background: #21405f;" in css
    assert "--pps-brand-primary" not in css


@pytest.mark.parametrize(
    "path",
    [
        "/huisstijl/x-x-x-x.css",  # no colour at all
        "/huisstijl/005a6e-x-x-x.css",  # half a pair
        "/huisstijl/ffcc00-ffffff-x-x.css",  # too little contrast
        "/huisstijl/005a6e-ffffff-0b3b4f.css",  # three colours
        "/huisstijl/005A6E-ffffff-x-x.css",  # not as the portal writes it
        "/huisstijl/gemeente-1-0123456789abcdef.css",
    ],
)
def test_stylesheet_no_look_could_have_is_a_404(db, client, path):
    assert client.get(path).status_code == 404


def test_logo_is_served_with_its_type_and_cached(world, zwolle_look, client):
    look = look_for_municipality(world.municipality)
    response = client.get(look.logo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response["Cache-Control"]
    assert response.content == zwolle_look.logo_bytes()


def test_a_deleted_look_takes_its_logo_along(world, client):
    # A logo of its own (the storage outlives each test's database).
    look = brand(municipality=world.municipality, logo=upload(png(colour="#3a7b1c")))
    url = look_for_municipality(world.municipality).logo_url
    assert client.get(url).status_code == 200
    look.delete()
    assert client.get(url).status_code == 404


def test_logo_with_another_digest_is_a_404(world, zwolle_look, client):
    url = look_for_municipality(world.municipality).logo_url
    assert client.get(url.replace(zwolle_look.logo_digest, "0" * 16)).status_code == 404
    assert client.get(url.replace(".png", ".jpg")).status_code == 404


# --- The admin -----------------------------------------------------------------------


@pytest.fixture
def beheerder(world):
    world.administrator.is_staff = True
    world.administrator.is_superuser = True
    world.administrator.save()
    return world.client_for(world.administrator)


def _form(world, **values):
    data = {
        "region": "",
        "municipality": world.municipality.pk,
        "primary": "",
        "primary_text": "",
        "header_background": "",
        "header_text": "",
    }
    data.update(values)
    return data


def test_admin_refuses_low_contrast_with_the_pair_and_ratio(world, beheerder):
    response = beheerder.post(
        reverse("admin:regions_branding_add"),
        _form(world, header_background="#ffcc00", header_text="#ffffff"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "tekstkleur op de achtergrond van de kop" in html
    assert format_ratio(contrast_ratio("#ffcc00", "#ffffff")) in html
    assert not Branding.objects.exists()


def test_admin_saves_a_look_with_a_logo(world, beheerder):
    data = _form(world, **ZWOLLE)
    data["logo"] = upload(png())
    response = beheerder.post(reverse("admin:regions_branding_add"), data)
    assert response.status_code == 302
    look = Branding.objects.get()
    assert (look.municipality, look.primary, look.logo_extension) == (
        world.municipality,
        "#005a6e",
        "png",
    )


def test_admin_refuses_an_svg_logo(world, beheerder):
    data = _form(world, **ZWOLLE)
    data["logo"] = upload(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", "image/svg+xml")
    response = beheerder.post(reverse("admin:regions_branding_add"), data)
    assert response.status_code == 200
    assert "PNG-, JPEG- of WebP" in response.content.decode()
    assert not Branding.objects.exists()


def test_admin_lists_the_looks(world, beheerder, zwolle_look, region_look):
    html = beheerder.get(reverse("admin:regions_branding_changelist")).content.decode()
    assert "Zwolle" in html and "GGD IJsselland" in html


# --- The PDFs ------------------------------------------------------------------------

BRAND_RGB = "0 0.352941 0.431373 rg"  # #005a6e as WeasyPrint writes it
PORTAL_RGB = "0.082353 0.258824 0.45098 rg"  # #154273


def _content(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # still tagged
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    return "".join(page.get_contents().get_data().decode("latin1") for page in reader.pages)


def test_dashboard_pdf_uses_the_gemeente_colour_and_logo(world, zwolle_look):
    response = world.client_for(world.officer).get(reverse("dashboard:pdf"))
    assert response.status_code == 200
    content = _content(response.content)
    assert BRAND_RGB in content  # the headings (the charts keep the portal's blue)
    reader = PdfReader(io.BytesIO(response.content))
    assert any(page.images for page in reader.pages)  # the logo


def test_dashboard_pdf_without_a_look_keeps_the_portal_colour(world):
    content = _content(world.client_for(world.officer).get(reverse("dashboard:pdf")).content)
    assert PORTAL_RGB in content
    assert BRAND_RGB not in content


def test_evaluation_report_uses_the_lead_gemeente_look(world, zwolle_look):
    from evaluation.report import build_report, render_report

    partnership = PartnershipFactory(lead_municipality=world.municipality)
    round_ = EvaluationRoundFactory(partnership=partnership)
    assert build_report(round_).look == look_for_municipality(world.municipality)
    _name, pdf = render_report(round_)
    assert BRAND_RGB in _content(pdf)


def test_pdf_templates_show_the_logo_with_the_gemeente_as_alt_text(world, zwolle_look):
    from django.template.loader import render_to_string

    context = branding.pdf_context(look_for_municipality(world.municipality))
    assert context["brand_logo"].startswith("data:image/png;base64,")
    html = render_to_string("includes/pdf_brand_logo.html", context)
    assert 'alt="Zwolle"' in html
    assert branding.pdf_css(context["brand"]).startswith(":root {")


def test_collegeadvies_takes_the_lead_gemeente_look_and_its_logo(world, zwolle_look):
    from django.template.loader import render_to_string

    from assessment import workflow
    from assessment.advice import render_advice
    from assessment.collegeadvies.document import TEMPLATE, load_advice, template_context
    from tests.factories import ParticipationFactory

    participation = ParticipationFactory(
        partnership=PartnershipFactory(lead_municipality=world.municipality)
    )
    assessment = workflow.start(participation, world.officer)
    advice = load_advice(assessment)
    assert advice.look == look_for_municipality(world.municipality)
    html = render_to_string(TEMPLATE, template_context(advice))
    assert '<img class="logo" src="data:image/png;base64,' in html
    assert 'alt="Zwolle"' in html
    _name, pdf = render_advice(assessment)
    assert BRAND_RGB in _content(pdf)


def test_the_demo_gives_zwolle_a_look_with_a_logo(world):
    from demo.branding import load_branding

    load_branding()
    load_branding()  # again: nothing doubled
    assert Branding.objects.count() == 2
    zwolle = look_for_user(world.officer)
    assert zwolle.primary == "#005a6e" and zwolle.has_logo
    assert zwolle.logo_extension == "png"
    assert look_for_user(world.officer_same_region).header_background == "#21405f"


def test_a_region_logo_is_named_after_the_region(world, client):
    brand(region=world.region, logo=upload(png()))
    look = look_for_user(world.officer_same_region)  # Kampen, no look of its own
    assert (look.name, look.logo_alt) == ("Kampen", "GGD IJsselland")
    html = world.client_for(world.officer_same_region).get(reverse("accounts:inbox"))
    assert f'src="{look.logo_url}" alt="GGD IJsselland"' in html.content.decode()
    brand(municipality=world.municipality_same_region, logo=upload(png(colour="#0b3b4f")))
    assert look_for_user(world.officer_same_region).logo_alt == "Kampen"
