"""Camera-like JPEGs for demo data and tests: real pixels, real EXIF.

They imitate what an inspector's phone produces: 12-megapixel frames,
sensor noise (so the files are camera-sized, not a few kilobytes), a
capture time with its UTC offset, and for portrait shots the pixels stored
sideways with EXIF orientation 6, as phones do.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from inspector_app.store.photos import (
    EXIF_DATETIME,
    EXIF_DATETIME_ORIGINAL,
    EXIF_IFD,
    EXIF_OFFSET_TIME_ORIGINAL,
    EXIF_ORIENTATION,
)

CAMERA_SIZE = (4032, 3024)
EXIF_MAKE = 0x010F
EXIF_MODEL = 0x0110


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def hall_scene(size: tuple[int, int], label: str, rng: random.Random) -> Image.Image:
    """An upright picture of 'a service hall': wall, counters, a window sign."""
    width, height = size
    wall = tuple(rng.randint(150, 230) for _ in range(3))
    image = Image.new("RGB", size, wall)
    draw = ImageDraw.Draw(image)
    floor_y = int(height * 0.62)
    draw.rectangle((0, floor_y, width, height), fill=(120, 110, 100))
    counters = rng.randint(2, 4)
    span = width // counters
    for i in range(counters):
        x0 = i * span + span // 10
        draw.rectangle(
            (x0, int(height * 0.45), x0 + int(span * 0.8), floor_y + height // 12),
            fill=(90, 70 + 20 * i, 60),
        )
        draw.rectangle(
            (x0 + span // 4, int(height * 0.2), x0 + span // 2, int(height * 0.3)),
            fill=(30, 60, 140),
        )
    draw.text(
        (width // 20, height // 20), label, fill=(20, 20, 20), font=_font(max(16, width // 40))
    )
    noise = Image.effect_noise(size, 28).convert("RGB")
    return Image.blend(image, noise, 0.18)


def write_camera_jpeg(
    path: Path,
    *,
    taken_at: datetime,
    portrait: bool,
    label: str,
    rng: random.Random,
    size: tuple[int, int] = CAMERA_SIZE,
) -> Path:
    """Save a JPEG as a phone would; a portrait shot is stored sideways with orientation 6."""
    landscape = (max(size), min(size))
    if portrait:
        upright = hall_scene((landscape[1], landscape[0]), label, rng)
        stored = upright.transpose(Image.Transpose.ROTATE_90)  # undone by orientation 6
    else:
        stored = hall_scene(landscape, label, rng)
    exif = Image.Exif()
    exif[EXIF_MAKE] = "DemoPhone"
    exif[EXIF_MODEL] = "Inspector Cam 12MP"
    exif[EXIF_ORIENTATION] = 6 if portrait else 1
    stamp = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    exif[EXIF_DATETIME] = stamp
    sub = exif.get_ifd(EXIF_IFD)
    sub[EXIF_DATETIME_ORIGINAL] = stamp
    offset = taken_at.strftime("%z")
    if offset:
        sub[EXIF_OFFSET_TIME_ORIGINAL] = f"{offset[:3]}:{offset[3:]}"
    path.parent.mkdir(parents=True, exist_ok=True)
    stored.save(path, "JPEG", quality=90, exif=exif)
    return path
