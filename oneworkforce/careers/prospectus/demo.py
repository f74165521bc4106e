"""Two demo prospectus photos, drawn with Pillow when the demo loads (simple pictures of our
own, no copied images), with alternative text that says honestly what they show."""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw

from ..models import ProspectusPhoto
from .services import photo_add

SKY, GRASS, SUN = (170, 210, 240), (90, 160, 90), (250, 205, 60)


def hills_png() -> bytes:
    picture = Image.new("RGB", (800, 450), SKY)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((600, 50, 700, 150), fill=SUN)
    draw.ellipse((-200, 250, 500, 650), fill=(110, 175, 100))
    draw.ellipse((300, 280, 1000, 700), fill=GRASS)
    draw.line((0, 430, 800, 380), fill=(200, 190, 160), width=14)
    return _png(picture)


def building_png() -> bytes:
    picture = Image.new("RGB", (800, 450), SKY)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 360, 800, 450), fill=GRASS)
    draw.rectangle((230, 190, 570, 370), fill=(235, 225, 205), outline=(120, 100, 80), width=4)
    draw.polygon([(210, 195), (400, 90), (590, 195)], fill=(180, 60, 50))
    for x in (260, 340, 460, 520):
        draw.rectangle((x, 230, x + 40, 280), fill=(120, 170, 210), outline=(80, 80, 80))
    draw.rectangle((380, 290, 420, 370), fill=(90, 60, 40))
    draw.polygon([(385, 450), (415, 450), (410, 370), (390, 370)], fill=(200, 190, 160))
    for x in (110, 690):
        draw.rectangle((x - 8, 300, x + 8, 370), fill=(110, 80, 50))
        draw.ellipse((x - 50, 210, x + 50, 320), fill=(60, 130, 70))
    return _png(picture)


def _png(picture: Image.Image) -> bytes:
    out = BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


PHOTOS = (
    (
        building_png,
        "A simple drawing of a two-storey building with a red roof, a path to its front door "
        "and a tree on each side",
        "Care homes, clinics and offices across the place: a drawing made for the demo.",
    ),
    (
        hills_png,
        "A simple drawing of green hills and a path under a blue sky with a yellow sun",
        "Work close to the countryside: a drawing made for the demo.",
    ),
)


def load_photos() -> str:
    """The demo photos, once: nothing is added when the prospectus already has photos."""
    if ProspectusPhoto.objects.exists():
        return "prospectus photos already loaded"
    for draw, alt, caption in PHOTOS:
        photo_add(actor=None, upload=draw(), alt_text=alt, caption=caption)
    return f"{len(PHOTOS)} prospectus photos"
