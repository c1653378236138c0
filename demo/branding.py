"""The demo's own look (huisstijl) for Zwolle: colours and a logo, drawn
here with Pillow (shapes only, no font: made for the demo, no licence of
anyone else's). Its region, GGD IJsselland, gets a header colour of its own,
so Kampen shows the region's header and the portal's buttons."""

import io

from django.core.files.base import ContentFile

from regions.models import Branding, Municipality, Region

ZWOLLE = {
    "primary": "#005a6e",
    "primary_text": "#ffffff",
    "header_background": "#0b3b4f",
    "header_text": "#ffffff",
}
IJSSELLAND = {"header_background": "#21405f", "header_text": "#ffffff"}


def logo_png() -> bytes:
    """A city gate between two towers over three lines of water, 360 × 120."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (360, 120), "#ffffff")
    draw = ImageDraw.Draw(image)
    teal, dark, water = "#005a6e", "#0b3b4f", "#5aa9bd"
    for x in (120, 210):  # the towers with their roofs
        draw.rectangle([x, 30, x + 30, 84], fill=teal)
        draw.polygon([(x - 4, 30), (x + 15, 6), (x + 34, 30)], fill=dark)
    draw.rectangle([150, 46, 210, 84], fill=teal)  # the gate between them
    draw.pieslice([166, 58, 194, 86], 180, 360, fill="#ffffff")
    draw.rectangle([166, 72, 194, 84], fill="#ffffff")
    for y in (92, 101, 110):
        draw.line([(60, y), (300, y)], fill=water, width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def load_branding() -> None:
    region = Region.objects.filter(code="ijsselland").first()
    if region is not None and not Branding.objects.filter(region=region).exists():
        branding = Branding(region=region, **IJSSELLAND)
        branding.full_clean()
        branding.save()
    zwolle = Municipality.objects.filter(cbs_code="GM0193").first()
    if zwolle is not None and not Branding.objects.filter(municipality=zwolle).exists():
        branding = Branding(municipality=zwolle, **ZWOLLE)
        branding.logo = ContentFile(logo_png(), name="zwolle.png")
        branding.full_clean()
        branding.save()
