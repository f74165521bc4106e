"""Prospectus photos: checked and re-encoded without metadata, ordered, audited, served to
anyone, and shown on the page and in the PDF with their alternative text."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from oneworkforce.careers.models import ProspectusPhoto
from oneworkforce.careers.prospectus import demo, photos, presenters, selectors, services
from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError

pytestmark = pytest.mark.django_db

ALT = "A nurse and a care worker talking in a hospital corridor"


def _image(fmt: str = "JPEG", size: tuple[int, int] = (400, 300), **save: object) -> bytes:
    out = BytesIO()
    mode = "RGBA" if fmt == "PNG" else "RGB"
    Image.new(mode, size, (200, 80, 40)).save(out, fmt, **save)
    return out.getvalue()


def _with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS
    return _image("JPEG", exif=exif.tobytes())


def _claims(width: int, height: int) -> bytes:
    """A 1 x 1 PNG whose header claims ``width`` x ``height`` pixels."""
    png = bytearray(_image("PNG", (1, 1)))
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(png[24:29])
    png[16:24] = struct.pack(">II", width, height)
    png[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(png)


def _add(**kwargs: object) -> ProspectusPhoto:
    return services.photo_add(**{"actor": None, "upload": _image(), "alt_text": ALT, **kwargs})


def test_a_photo_is_re_encoded_as_a_jpeg_without_its_location():
    original = _with_gps()
    assert Image.open(BytesIO(original)).getexif().get_ifd(0x8825)  # the upload has a location
    photo = _add(upload=original)
    stored = Image.open(BytesIO(bytes(photo.image)))
    assert stored.format == "JPEG"
    assert not stored.getexif() and "exif" not in stored.info
    assert (photo.width, photo.height) == (400, 300)
    assert AuditEvent.objects.filter(action="careers.prospectus_photo_added").exists()


def test_png_and_webp_are_accepted_and_a_wide_photo_is_narrowed():
    wide = _add(upload=_image("PNG", (3200, 1000)))
    assert (wide.width, wide.height) == (photos.MAX_WIDTH, 500)
    assert Image.open(BytesIO(bytes(wide.image))).size == (1600, 500)
    assert _add(upload=_image("WEBP")).width == 400


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (b"%PDF-1.4 not a photo", "must be a JPEG, PNG or WebP"),
        (_image("GIF"), "must be a JPEG, PNG or WebP"),
        (_image()[:200], "must be a JPEG, PNG or WebP"),  # cut short
        (b"\xff" * (photos.MAX_UPLOAD_BYTES + 1), "10 MB or smaller"),
        (None, "Choose a photo"),
    ],
)
def test_a_bad_file_is_refused_on_the_upload_field_and_nothing_is_written(upload, message):
    with pytest.raises(ServiceError) as refused:
        _add(upload=upload)
    assert refused.value.field == "upload" and message in refused.value.message
    assert not ProspectusPhoto.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.parametrize("side", [8_000, 30_000])  # over our limit; over Pillow's own
def test_a_decompression_bomb_is_refused_before_it_is_decoded(side, client, partnership_admin):
    # A tiny PNG whose header claims side x side pixels: it is refused from the header alone.
    bomb = _claims(side, side)
    assert len(bomb) < 100
    with pytest.raises(ServiceError, match="pixels") as refused:
        _add(upload=bomb)
    assert refused.value.field == "upload"
    client.force_login(partnership_admin)
    upload = {"upload": SimpleUploadedFile("big.png", bomb), "alt_text": ALT}
    response = client.post(reverse("careers:prospectus_photos"), upload)
    assert response.status_code == 200 and "pixels" in response.context["form"].errors["upload"][0]
    assert not ProspectusPhoto.objects.exists()


@pytest.mark.parametrize(
    "alt", ["", "   ", "Image", "photo.", "IMG_2041", "IMG_2041.JPG", "team day.png", "x" * 251]
)
def test_empty_or_placeholder_alternative_text_is_refused(alt):
    with pytest.raises(ServiceError) as refused:
        _add(alt_text=alt)
    assert refused.value.field == "alt_text"
    assert not ProspectusPhoto.objects.exists()


def test_photos_keep_their_order_move_and_are_removed_with_an_audit(partnership_admin):
    first, second, third = (_add(alt_text=f"{ALT} ({n})") for n in (1, 2, 3))
    assert services.photo_move(actor=partnership_admin, photo=third, up=True)
    assert [p.pk for p in selectors.photos()] == [first.pk, third.pk, second.pk]
    assert not services.photo_move(actor=partnership_admin, photo=first, up=True)
    services.photo_remove(actor=partnership_admin, photo=third)
    assert [p.pk for p in selectors.photos()] == [first.pk, second.pk]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"careers.prospectus_photo_moved", "careers.prospectus_photo_removed"} <= actions


def test_no_more_than_the_most_photos(partnership_admin):
    for n in range(photos.MAX_PHOTOS):
        _add(alt_text=f"{ALT} ({n})")
    with pytest.raises(ServiceError, match="remove one first"):
        _add()
    assert ProspectusPhoto.objects.count() == photos.MAX_PHOTOS


def test_anyone_gets_the_photo_and_an_unknown_one_is_not_found(client):
    photo = _add()
    response = client.get(reverse("careers:prospectus_photo", kwargs={"pk": photo.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response.content == bytes(photo.image)
    assert "max-age=86400" in response["Cache-Control"]
    missing = reverse("careers:prospectus_photo", kwargs={"pk": photo.pk + 1})
    assert client.get(missing).status_code == 404


def test_the_page_shows_the_photo_with_its_alt_text_and_the_pdf_holds_it(client):
    photo = _add(caption="Our hospital", credit="Sam Patel, used with permission")
    body = client.get(reverse("careers:prospectus")).content.decode()
    src = reverse("careers:prospectus_photo", kwargs={"pk": photo.pk})
    assert f'<img src="{src}" alt="{ALT}" width="400" height="300"' in body
    assert "<figcaption" in body and "Photo: Sam Patel, used with permission" in body
    pdf = client.get(reverse("careers:prospectus_pdf")).content
    assert b"/Subtype /Image" in pdf
    assert presenters.sections(selectors.prospectus())["photos"][0]["image"] is None


def test_an_admin_adds_a_photo_and_bad_input_is_named_on_the_form(client, partnership_admin):
    client.force_login(partnership_admin)
    url = reverse("careers:prospectus_photos")
    refused = client.post(
        url, {"upload": SimpleUploadedFile("x.jpg", b"not a picture"), "alt_text": "photo"}
    )
    assert refused.status_code == 200
    form = refused.context["form"]
    assert "alt_text" in form.errors and "upload" in form.errors
    assert not ProspectusPhoto.objects.exists()
    added = client.post(
        url, {"upload": SimpleUploadedFile("x.png", _image("PNG")), "alt_text": ALT}
    )
    assert added.status_code == 302
    photo = ProspectusPhoto.objects.get()
    assert photo.added_by == partnership_admin and photo.alt_text == ALT
    edit = reverse("careers:prospectus_photo_edit", kwargs={"pk": photo.pk})
    assert client.post(edit, {"alt_text": "image"}).status_code == 200
    assert client.post(edit, {"alt_text": "A care home garden", "caption": "Ours"}).status_code
    photo.refresh_from_db()
    assert (photo.alt_text, photo.caption) == ("A care home garden", "Ours")


def test_someone_who_is_not_a_partnership_admin_cannot_add_or_remove(client, admin_a):
    client.force_login(admin_a)
    photo = _add()
    upload = {"upload": SimpleUploadedFile("x.png", _image("PNG")), "alt_text": ALT}
    assert client.post(reverse("careers:prospectus_photos"), upload).status_code == 403
    remove = reverse("careers:prospectus_photo_remove", kwargs={"pk": photo.pk})
    assert client.post(remove).status_code == 403
    assert list(ProspectusPhoto.objects.all()) == [photo]


def test_the_demo_photos_load_once():
    assert demo.load_photos() == "2 prospectus photos"
    assert demo.load_photos() == "prospectus photos already loaded"
    assert ProspectusPhoto.objects.count() == 2
