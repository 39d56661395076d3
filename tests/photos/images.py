"""Generated test images: camera-like JPEGs with EXIF (GPS, orientation), and files
crafted to be refused."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw


def picture(width=64, height=48, color=(200, 120, 40)) -> Image.Image:
    image = Image.new("RGB", (width, height), color)
    draw = ImageDraw.Draw(image)
    # A marker in the top-left corner, to see where the orientation puts it.
    draw.rectangle((0, 0, width // 4, height // 4), fill=(0, 0, 255))
    return image


def camera_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Apple"  # Make
    exif[0x0110] = "iPad Pro"  # Model
    exif[0x0112] = orientation
    exif[0x0131] = "17.4"  # Software
    gps = {1: "N", 2: (55.0, 40.0, 30.0), 3: "E", 4: (12.0, 34.0, 10.0)}
    exif.get_ifd(0x8825).update(gps)
    return exif


def jpeg(width=64, height=48, *, orientation=None, gps=False, icc=False,
         comment=False) -> bytes:
    image = picture(width, height)
    kwargs = {}
    if orientation or gps:
        kwargs["exif"] = camera_exif(orientation or 1).tobytes()
    if icc:
        from PIL import ImageCms

        kwargs["icc_profile"] = ImageCms.ImageCmsProfile(
            ImageCms.createProfile("sRGB")).tobytes()
    if comment:
        kwargs["comment"] = b"Taken at Solsikken"
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, **kwargs)
    return out.getvalue()


def encoded(fmt: str, width=40, height=30, **kwargs) -> bytes:
    out = io.BytesIO()
    image = picture(width, height)
    if fmt == "GIF":
        image = image.convert("P")
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def heic(width=64, height=48) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    picture(width, height).save(out, "HEIF", quality=70)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = jpeg(400, 300)
    return data[: len(data) // 2]


SVG = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
       b'height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>')
NOT_AN_IMAGE = b"Dette er ikke et billede, bare tekst med et billednavn.\n" * 20


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png_bomb(width=100_000, height=100_000) -> bytes:
    """A tiny PNG whose header declares 10 gigapixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(
        b"IEND", b"")
