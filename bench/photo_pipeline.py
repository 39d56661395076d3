"""Measure the photo pipeline (observe.photos.imaging.process) on camera-like input.

    .venv/bin/python bench/photo_pipeline.py [--runs N]

Generates a 12-megapixel JPEG (4000x3000, quality 92, EXIF with GPS and orientation 6,
textured like a photo so the encoder has real work) and a 12-megapixel HEIC (via
pillow_heif), then runs verify -> orient -> sRGB -> strip -> full (<=2560) + thumbnail
(<=480) on each. Each input is measured in a fresh subprocess, so the figures are its
own: time per photo (median and max over the runs), peak resident memory of the
process (resource.getrusage maxrss, which covers Pillow's, libjpeg's and libheif's
native buffers) before and after processing, and the peak traced Python heap
(tracemalloc; Pillow's pixel buffers are native and do not show there).
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from observe.photos import imaging  # noqa: E402


def camera_like(width=4000, height=3000) -> Image.Image:
    """Gradients plus noise and shapes: compresses like a photo, not like a flat card."""
    small = Image.effect_noise((width // 8, height // 8), 60).convert("RGB")
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = small.resize((width, height), Image.Resampling.BICUBIC)
    image = Image.blend(base, noise, 0.45)
    draw = ImageDraw.Draw(image)
    for i in range(40):
        x, y = (i * 97) % width, (i * 61) % height
        draw.ellipse((x, y, x + 300, y + 220), fill=((i * 40) % 255, (i * 90) % 255, 120))
    return image.filter(ImageFilter.GaussianBlur(1))


def exif_bytes() -> bytes:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Apple", "iPad Pro", 6
    exif.get_ifd(0x8825).update({1: "N", 2: (55.0, 40.0, 30.0), 3: "E",
                                 4: (12.0, 34.0, 10.0)})
    return exif.tobytes()


def make_inputs() -> dict[str, bytes]:
    import pillow_heif

    pillow_heif.register_heif_opener()
    image = camera_like()
    jpeg, heic = io.BytesIO(), io.BytesIO()
    image.save(jpeg, "JPEG", quality=92, exif=exif_bytes())
    image.save(heic, "HEIF", quality=80, exif=exif_bytes())
    return {"JPEG 4000x3000": jpeg.getvalue(), "HEIC 4000x3000": heic.getvalue()}


def measure(data: bytes, runs: int) -> dict:
    imaging.process(data)  # warm-up (codec initialisation)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = imaging.process(data)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    imaging.process(data)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"median_s": statistics.median(times), "max_s": max(times),
            "peak_heap_mb": peak / 1e6, "out": (result.width, result.height,
                                                len(result.full), len(result.thumb))}


def one(path: str, runs: int) -> None:
    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = measure(data, runs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    width, height, full, thumb = figures["out"]
    print(f"{Path(path).stem} ({len(data) / 1e6:.1f} MB in): "
          f"median {figures['median_s'] * 1000:.0f} ms, max {figures['max_s'] * 1000:.0f} ms "
          f"per photo; peak RSS {peak:.0f} MB (+{peak - before:.0f} MB over the idle "
          f"process); Python heap peak {figures['peak_heap_mb']:.0f} MB; "
          f"out {width}x{height}, full {full / 1e3:.0f} kB + thumb {thumb / 1e3:.0f} kB")


def main() -> None:
    import subprocess
    import tempfile

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--make", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one, args.runs)
        return
    if args.make:
        for name, data in make_inputs().items():
            (Path(args.make) / name.replace(" ", "_")).write_bytes(data)
        return
    print(f"Pillow {Image.__version__}; runs per input: {args.runs}; "
          f"max pixels {imaging.DEFAULT_MAX_PIXELS:,}", flush=True)
    # Linux hands a parent's peak RSS down to its children: the inputs are generated in
    # a subprocess of their own, so this parent stays small and each figure is honest.
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, __file__, "--make", tmp], check=True)
        for path in sorted(Path(tmp).iterdir()):
            subprocess.run([sys.executable, __file__, "--one", str(path),
                            "--runs", str(args.runs)], check=True)


if __name__ == "__main__":
    main()
