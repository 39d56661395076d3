"""Turn an uploaded file into two clean JPEGs: a full version and a thumbnail.

Rules (photos of children are sensitive personal data):

- An upload is an image only if Pillow can *decode* it; its name and the browser's
  content type are never trusted. Accepted: JPEG, PNG, WebP and HEIC/HEIF (iPads).
  Refused on purpose: GIF and BMP (animations and uncompressed screen dumps are not
  photos), TIFF (multi-page and rarely from a camera), SVG (a document that may carry
  scripts, not a photo).
- The pixel count is checked from the header before anything is decoded, against
  ``max_pixels`` (config ``MAX_IMAGE_PIXELS``), and Pillow's own decompression-bomb
  limit is set explicitly as a second fence; its warning is raised as an error here.
- The EXIF orientation is applied, the colours converted to sRGB from any embedded
  ICC profile, and then the pixels are copied into a *new* image: nothing of the
  original's metadata (EXIF incl. GPS, XMP, IPTC, comments, embedded thumbnails, ICC)
  can travel along. The output is baseline JPEG without any metadata segment; sRGB is
  the assumed colour space of an untagged JPEG.
- Full version: long side at most 2560 px; thumbnail: at most 480 px.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import pillow_heif
from PIL import Image, ImageCms, ImageFile, UnidentifiedImageError

pillow_heif.register_heif_opener()

DEFAULT_MAX_PIXELS = 64_000_000  # a 48 MP phone photo passes; a crafted bomb does not
# Pillow's global fence (warning above it, error above twice it). Our own, per-app
# limit is checked first; this is the backstop for any other code path.
Image.MAX_IMAGE_PIXELS = DEFAULT_MAX_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated file is refused, never guessed

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
FULL_SIZE = 2560
THUMB_SIZE = 480
FULL_QUALITY = 85
THUMB_QUALITY = 80
CONTENT_TYPE = "image/jpeg"
SUFFIX = ".jpg"

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class ImageRejected(Exception):
    """The upload is refused. ``kind`` selects the message and the HTTP status."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind  # not_image | svg | unsupported | damaged | too_many_pixels


@dataclass
class ProcessedImage:
    full: bytes
    thumb: bytes
    width: int
    height: int
    thumb_width: int
    thumb_height: int
    source_format: str


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in head


def _open(data: bytes, max_pixels: int) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRejected("too_many_pixels") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ImageRejected("svg" if _looks_like_svg(data) else "not_image") from None
    if image.format not in ACCEPTED_FORMATS:
        raise ImageRejected("unsupported")
    width, height = image.size
    if width < 1 or height < 1 or width * height > max_pixels:
        raise ImageRejected("too_many_pixels")
    return image


def _decode(data: bytes, max_pixels: int) -> Image.Image:
    """Open, verify and fully decode: a file that does not decode is refused."""
    probe = _open(data, max_pixels)
    try:
        probe.verify()  # structure and checksums (PNG CRCs); the object is spent after
    except Exception:
        raise ImageRejected("damaged") from None
    image = _open(data, max_pixels)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected("too_many_pixels") from None
    except Exception:  # truncated data, corrupt entropy coding, decoder errors
        raise ImageRejected("damaged") from None
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colours into sRGB (using an embedded ICC profile if there is one), alpha flattened
    onto white, mode RGB."""
    icc = image.info.get("icc_profile")
    if image.mode in ("P", "PA"):
        image = image.convert("RGBA")
    if image.mode in ("LA", "RGBA"):
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        background.alpha_composite(image.convert("RGBA"))
        image = background.convert("RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if image.mode not in ("RGB", "CMYK", "L"):
                image = image.convert("RGB")
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to a plain conversion
    return image.convert("RGB")


def _clean_copy(image: Image.Image) -> Image.Image:
    """The pixels alone, in a new image: no ``info`` (exif, xmp, icc, comment, ...)."""
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    return clean


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    # No exif=, icc_profile=, comment= arguments: the file carries no metadata segment.
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
              4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
              6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
              8: Image.Transpose.ROTATE_90}


def _fit(image: Image.Image, limit: int, resample) -> Image.Image:
    if max(image.size) <= limit:
        return image
    scale = limit / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, resample, reducing_gap=3.0)


def process(data: bytes, max_pixels: int = DEFAULT_MAX_PIXELS) -> ProcessedImage:
    """Verify, orient, strip and resize ``data``; raise ``ImageRejected`` on refusal.

    Resizing comes first (the long-side limit does not depend on the orientation), so
    rotating, colour conversion and the clean copy work on the small image: a 12 MP
    photo costs about half the time and memory it would otherwise.
    """
    image = _decode(data, max_pixels)
    source_format = image.format or ""
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)  # an animated WebP or PNG: the first frame is the photo
    orientation = image.getexif().get(0x0112, 1)
    icc = image.info.get("icc_profile")
    if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "PA", "CMYK"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    resized = _fit(image, FULL_SIZE, Image.Resampling.BICUBIC)
    if icc:
        resized.info["icc_profile"] = icc
    if orientation in _TRANSPOSE:
        resized = resized.transpose(_TRANSPOSE[orientation])
        if icc:
            resized.info["icc_profile"] = icc
    clean = _clean_copy(_to_srgb(resized))
    image.close()
    full = _jpeg(clean, FULL_QUALITY)
    thumb_image = _fit(clean, THUMB_SIZE, Image.Resampling.LANCZOS)
    if thumb_image is clean:
        thumb_image = clean.copy()
    thumb = _jpeg(thumb_image, THUMB_QUALITY)
    return ProcessedImage(full=full, thumb=thumb, width=clean.width, height=clean.height,
                          thumb_width=thumb_image.width, thumb_height=thumb_image.height,
                          source_format=source_format)
