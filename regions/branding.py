"""A gemeente's own look (huisstijl): colours and a logo, per GGD region or
per gemeente, set by the functioneel beheerder (``regions.models.Branding``).

The colours come in two pairs, each set together or not at all:

* primary colour and the text on it (buttons, the current phase, chart bars);
* header background and the text on it (the page header).

Which look applies (``look_for_municipality``): per pair, the gemeente's own
pair, else its region's, else none (the portal's own colours, the
stylesheet's fall-backs); the logo likewise. A coordinator sees her region's
look (``look_for_region``); an officer her gemeente's; a partner answering an
evaluation by link the lead gemeente's.

Contrast (WCAG 2.1/2.2 AA, checked when saved, ``contrast_errors``):

* text on primary and text on the header background at least 4.5:1
  (normal text, success criterion 1.4.3);
* the primary colour against the white page at least 4.5:1 as well, not only
  the 3:1 of a component's boundary (1.4.11): the portal and the NL Design
  System theme use it as the colour of text and links on white (the
  dashboard's figures, outline buttons), where 4.5:1 is required.

The pages get the colours as a small stylesheet of their own
(``stylesheet_url``: ``/huisstijl/005a6e-ffffff-0b3b4f-ffffff.css``, the
four colours, ``x`` for one not set), never as inline styles: the
Content-Security-Policy stays strict. The address is made of the values, so
it is cached for a year and served without the database (looks with the
same colours share it); the logo likewise, under the digest of its content.

Pure functions except ``look_for_*``, which read relations that are usually
already loaded (``accounts.backends.PortalBackend`` loads the user's gemeente,
region and their looks in the user's own query)."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.storage import read_stored

HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")
TEXT_MINIMUM = 4.5  # WCAG AA, normal text
PAGE_BACKGROUND = "#ffffff"

# The logo: raster images only (an SVG may carry scripts), read by Pillow.
LOGO_FORMATS = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg")}
LOGO_FORMATS["WEBP"] = ("webp", "image/webp")
LOGO_MAX_BYTES = 300 * 1024
LOGO_MAX_WIDTH = 1200
LOGO_MAX_HEIGHT = 600

# The custom properties the interface's theme reads (with fall-backs of its own).
PROPERTIES = {
    "primary": "--pps-brand-primary",
    "primary_text": "--pps-brand-primary-text",
    "header_background": "--pps-brand-header-background",
    "header_text": "--pps-brand-header-text",
}
PAIRS = (("primary", "primary_text"), ("header_background", "header_text"))


# --- Colours -------------------------------------------------------------------


def normalise_colour(value: str) -> str:
    """``#1A2B3C``, ``1a2b3c`` and ``#abc`` as ``#1a2b3c``; empty stays empty;
    anything else is returned as given (the validator refuses it)."""
    value = (value or "").strip().lower()
    if not value:
        return ""
    if not value.startswith("#"):
        value = "#" + value
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return value


def validate_hex_colour(value: str) -> None:
    if value and not HEX_COLOUR.match(normalise_colour(value)):
        raise ValidationError(
            _(
                "‘%(value)s’ is geen kleur: schrijf een hexadecimale kleurcode als #154273 "
                "(‘#’ en zes tekens 0-9 of a-f)."
            ),
            code="colour",
            params={"value": value},
        )


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of ``#rrggbb``."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def format_ratio(ratio: float, decimals: int = 2) -> str:
    """Rounded down (4.499 is not 4.50: it fails), in the active language's
    notation: ``4,49:1`` in Dutch, ``4.49:1`` in English."""
    factor = 10**decimals
    value = Decimal(int(ratio * factor)) / factor
    return f"{number_format(value, decimals)}:1"


def contrast_errors(values: dict[str, str]) -> dict[str, ValidationError]:
    """The contrast failures of a look's colours (already valid ``#rrggbb``
    or empty), per field: each message names the pair, the ratio found and
    the ratio needed."""
    errors = {}
    checks = (
        (
            "primary_text",
            values.get("primary_text"),
            values.get("primary"),
            _("tekstkleur op de hoofdkleur"),
        ),
        (
            "header_text",
            values.get("header_text"),
            values.get("header_background"),
            _("tekstkleur op de achtergrond van de kop"),
        ),
        (
            "primary",
            values.get("primary"),
            PAGE_BACKGROUND,
            _(
                "hoofdkleur op de witte pagina (de hoofdkleur wordt ook als tekst- en linkkleur gebruikt)"
            ),
        ),
    )
    for name, foreground, background, pair in checks:
        if not foreground or not background:
            continue
        ratio = contrast_ratio(foreground, background)
        if ratio < TEXT_MINIMUM:
            errors[name] = ValidationError(
                _(
                    "Te weinig contrast: %(pair)s (%(foreground)s op %(background)s) heeft een "
                    "contrastverhouding van %(ratio)s; WCAG AA vraagt minstens %(minimum)s."
                ),
                code="contrast",
                params={
                    "pair": pair,
                    "foreground": foreground,
                    "background": background,
                    "ratio": format_ratio(ratio),
                    "minimum": format_ratio(TEXT_MINIMUM, 1),
                },
            )
    return errors


# --- The logo ------------------------------------------------------------------


def validate_logo(upload) -> None:
    """A PNG, JPEG or WebP image (read by Pillow, whatever its name says), at
    most ``LOGO_MAX_BYTES`` and ``LOGO_MAX_WIDTH`` × ``LOGO_MAX_HEIGHT``
    pixels. Only a new upload is read; a stored logo passed before."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("Het logo is %(size)s; het mag hoogstens %(max)s zijn."),
            code="logo_size",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(LOGO_MAX_BYTES)},
        )
    if not (hasattr(upload, "content_type") or not getattr(upload, "_committed", True)):
        return
    image_format, (width, height) = read_image(upload)
    if width > LOGO_MAX_WIDTH or height > LOGO_MAX_HEIGHT:
        raise ValidationError(
            _(
                "Het logo is %(width)s × %(height)s pixels; het mag hoogstens %(max_width)s × "
                "%(max_height)s pixels zijn."
            ),
            code="logo_dimensions",
            params={
                "width": width,
                "height": height,
                "max_width": LOGO_MAX_WIDTH,
                "max_height": LOGO_MAX_HEIGHT,
            },
        )


def read_image(upload) -> tuple[str, tuple[int, int]]:
    """The format and size of an uploaded image, or a ``ValidationError``."""
    from PIL import Image, UnidentifiedImageError

    refused = ValidationError(
        _("Een logo is een PNG-, JPEG- of WebP-afbeelding (geen SVG of ander bestand)."),
        code="logo_type",
    )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            size = image.size
            if image_format not in LOGO_FORMATS:
                raise refused
            if size[0] > LOGO_MAX_WIDTH * 4 or size[1] > LOGO_MAX_HEIGHT * 4:
                return image_format, size  # refused by its size, not decoded
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refused from None
    finally:
        upload.seek(0)
    return image_format, size


def logo_kind(data: bytes) -> tuple[str, str] | None:
    """(extension, MIME type) of stored logo bytes, by their signature."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return LOGO_FORMATS["PNG"]
    if data.startswith(b"\xff\xd8\xff"):
        return LOGO_FORMATS["JPEG"]
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return LOGO_FORMATS["WEBP"]
    return None


def digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


# --- Which look applies --------------------------------------------------------


@dataclass(frozen=True)
class Look:
    """The look a page or a PDF shows: the colours that are set (others are
    empty: the portal's own apply) and the logo of the gemeente or region
    whose look it is."""

    kind: str  # "gemeente" or "regio": whose look
    pk: int
    name: str  # the gemeente's or region's name
    primary: str = ""
    primary_text: str = ""
    header_background: str = ""
    header_text: str = ""
    logo_branding_pk: int | None = None  # the Branding whose logo it is
    logo_digest: str = ""
    logo_extension: str = ""
    logo_alt: str = ""  # the name of whose logo it is: the gemeente's, or its region's
    # The logo's file, to read it into a PDF without another query.
    logo_file: object = field(default=None, compare=False, repr=False)

    @property
    def colours(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in PROPERTIES if getattr(self, name)}

    @property
    def digest(self) -> str:
        return digest(*(getattr(self, name) for name in PROPERTIES))

    @property
    def stylesheet_url(self) -> str:
        """The address of its stylesheet; empty when it sets no colour."""
        if not self.colours:
            return ""
        spec = "-".join((getattr(self, name) or "#x")[1:] for name in PROPERTIES)
        return reverse("branding:stylesheet", kwargs={"spec": spec})

    def css(self) -> str:
        return css_for(self.colours)

    @property
    def has_logo(self) -> bool:
        return self.logo_branding_pk is not None

    @property
    def logo_url(self) -> str:
        if not self.has_logo:
            return ""
        return reverse(
            "branding:logo", kwargs={"digest": self.logo_digest, "extension": self.logo_extension}
        )


def _branding(owner):
    """The Branding of a gemeente or region, None without one (no query
    when it was loaded with ``select_related``)."""
    if owner is None:
        return None
    try:
        return owner.branding
    except ObjectDoesNotExist:
        return None


def _compose(kind, owner, owners) -> Look | None:
    """The look of ``owner``: per pair and for the logo, the first of
    ``owners`` (itself, then its region) whose Branding sets it."""
    layers = [(_branding(o), o) for o in owners if o is not None]
    layers = [(layer, o) for layer, o in layers if layer is not None]
    if not layers:
        return None
    values = {}
    for pair in PAIRS:
        for layer, _owner in layers:
            if getattr(layer, pair[0]):
                values.update({name: getattr(layer, name) for name in pair})
                break
    for layer, logo_owner in layers:
        if layer.logo and layer.logo_digest:
            values.update(
                logo_branding_pk=layer.pk,
                logo_digest=layer.logo_digest,
                logo_extension=layer.logo_extension,
                logo_alt=logo_owner.name,
                logo_file=layer.logo,
            )
            break
    look = Look(kind=kind, pk=owner.pk, name=owner.name, **values)
    return look if look.colours or look.has_logo else None


def look_for_municipality(municipality) -> Look | None:
    """A gemeente's look: its own pairs and logo, else its region's."""
    if municipality is None:
        return None
    return _compose("gemeente", municipality, [municipality, municipality.region])


def look_for_region(region) -> Look | None:
    if region is None:
        return None
    return _compose("regio", region, [region])


def look_for_user(user) -> Look | None:
    """An officer's gemeente's look, a coordinator's region's; nobody else
    has one (the beheerder and a visitor see the portal's own)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.municipality_id:
        return look_for_municipality(user.municipality)
    if user.region_id:
        return look_for_region(user.region)
    return None


def css_for(colours: dict[str, str]) -> str:
    """``:root`` with the custom properties of the colours that are set."""
    lines = [f"  {PROPERTIES[name]}: {value};" for name, value in colours.items() if value]
    return ":root {\n" + "\n".join(lines) + "\n}\n" if lines else ""


def colours_from_spec(spec: str) -> dict[str, str] | None:
    """The colours of a stylesheet's address (``005a6e-ffffff-x-x``: the four
    colours in the order of :data:`PROPERTIES`, ``x`` for one not set), if
    they could be a look: every pair whole or empty, at least one colour, and
    the contrast of a saved look. Anything else: None (a 404)."""
    parts = spec.split("-")
    if len(parts) != len(PROPERTIES):
        return None
    colours = {}
    for name, part in zip(PROPERTIES, parts, strict=True):
        if part != "x" and not re.fullmatch(r"[0-9a-f]{6}", part):
            return None
        colours[name] = "" if part == "x" else "#" + part
    if not any(colours.values()):
        return None
    if any(bool(colours[first]) != bool(colours[second]) for first, second in PAIRS):
        return None
    if contrast_errors(colours):
        return None
    return colours


# --- In a PDF ------------------------------------------------------------------


def pdf_context(look: Look | None) -> dict:
    """What a PDF template needs of a look: ``brand`` and the logo as a data
    URI (``brand_logo``; WeasyPrint reads no other address, and a browser
    shows it under the portal's CSP). The colours go to ``render_pdf`` as
    its ``css`` (``pdf_css``), not into the HTML."""
    return {"brand": look, "brand_logo": logo_data_uri(look)}


def pdf_css(look: Look | None) -> str:
    return look.css() if look is not None else ""


def logo_data_uri(look: Look | None) -> str:
    if look is None or not look.has_logo or look.logo_file is None:
        return ""
    data = read_stored(look.logo_file)
    kind = logo_kind(data)
    if kind is None:
        return ""
    return f"data:{kind[1]};base64,{base64.b64encode(data).decode()}"
