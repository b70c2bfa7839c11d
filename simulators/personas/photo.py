"""A generated passport-style JPEG for a persona (made at card-build time, never committed)."""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageDraw

from simulators.personas.loader import Persona

WIDTH, HEIGHT = 140, 200


def persona_photo(persona: Persona) -> bytes:
    seed = hashlib.sha256(persona.slug.encode()).digest()
    background = (200 + seed[0] % 40, 205 + seed[1] % 40, 210 + seed[2] % 40)
    skin = (150 + seed[3] % 90, 110 + seed[4] % 80, 80 + seed[5] % 70)
    clothes = (seed[6] % 120, seed[7] % 120, 60 + seed[8] % 120)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 150, 120, 260), fill=clothes)  # shoulders
    draw.ellipse((40, 45, 100, 125), fill=skin)  # head
    draw.rectangle((62, 118, 78, 150), fill=skin)  # neck
    initials = persona.first_name[0] + persona.surname[0]
    draw.text((6, 6), initials, fill=(40, 40, 40))
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()
