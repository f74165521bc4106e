"""Checking a prospectus photo before it is stored: the file must be a JPEG, PNG or WebP image
(told by decoding it, not by its name), not a decompression bomb; it is re-encoded as a JPEG at
most 1,600 px wide, which also leaves out its metadata (EXIF: camera, time, GPS location). The
alternative text must describe the picture, not be a placeholder or a file name."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

from oneworkforce.core.services import ServiceError

MAX_PHOTOS = 6
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about 7,700 x 5,200: more than any camera a partner uses
MAX_WIDTH = 1600
MAX_ALT = 250
FORMATS = ("JPEG", "PNG", "WEBP")
PLACEHOLDERS = frozenset(
    {
        "image", "photo", "photograph", "picture", "pic", "img", "graphic", "alt",
        "alt text", "untitled", "screenshot", "placeholder", "image of", "photo of",
        "picture of",
    }
)  # fmt: skip
FILE_NAME = re.compile(r"^[\w .-]*\.(jpe?g|png|webp|gif|heic|tiff?|bmp)$", re.IGNORECASE)
CAMERA_NAME = re.compile(r"^(img|dsc|dscn|pxl|image|photo|pic)[\s_-]*\d+$", re.IGNORECASE)


@dataclass(frozen=True)
class Encoded:
    jpeg: bytes
    width: int
    height: int


def checked_alt(value: str) -> str:
    """The alternative text with its spaces tidied, or a ServiceError on ``alt_text``."""
    alt = " ".join((value or "").split())
    bare = re.sub(r"[^\w ]", "", alt).strip().lower()
    if not alt:
        raise ServiceError("Describe what the photo shows", field="alt_text")
    if len(alt) > MAX_ALT:
        raise ServiceError(
            f"The alternative text must be {MAX_ALT} characters or fewer", field="alt_text"
        )
    if bare in PLACEHOLDERS or FILE_NAME.match(alt) or CAMERA_NAME.match(bare.replace(" ", "")):
        raise ServiceError(
            "Describe what the photo shows, for example 'A care worker and a resident laughing "
            "in a garden', not a word like 'photo' or a file name",
            field="alt_text",
        )
    return alt


def looks_like_a_photo(body: bytes) -> bool:
    """Whether the header of ``body`` is a JPEG, PNG or WebP image's (nothing is decoded: the
    form's quick check; ``encoded`` decodes it in full)."""
    try:
        with Image.open(BytesIO(body), formats=FORMATS):
            return True
    except Image.DecompressionBombError:
        return True  # an image, refused by ``encoded`` with its own message
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False


def encoded(body: bytes) -> Encoded:
    """``body`` decoded and re-encoded as a JPEG at most MAX_WIDTH px wide, without metadata;
    a ServiceError on ``upload`` when it is too big or not a JPEG, PNG or WebP image."""
    if len(body) > MAX_UPLOAD_BYTES:
        raise ServiceError("The photo must be 10 MB or smaller", field="upload")
    not_an_image = ServiceError("The photo must be a JPEG, PNG or WebP image", field="upload")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(body), formats=FORMATS) as source:
                width, height = source.size
                if width * height > MAX_PIXELS:
                    raise ServiceError(
                        f"The photo is {width:,} x {height:,} pixels: make it smaller than "
                        f"{MAX_PIXELS // 1_000_000} million pixels",
                        field="upload",
                    )
                source.load()
                picture = ImageOps.exif_transpose(source)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_an_image from error
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        too_many = "The photo has too many pixels to open safely"
        raise ServiceError(too_many, field="upload") from error
    picture = _flattened(picture)
    if picture.width > MAX_WIDTH:
        height = max(1, round(picture.height * MAX_WIDTH / picture.width))
        picture = picture.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    out = BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True, progressive=False)
    return Encoded(out.getvalue(), picture.width, picture.height)


def _flattened(picture: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on white (a JPEG has no transparency)."""
    if picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return picture.convert("RGB")
