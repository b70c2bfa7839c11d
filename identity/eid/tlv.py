"""The BELPIC tag-length-value format of the identity and address files.

One tag byte; the length is a run of FF bytes (255 each) ended by a byte below FF. Files may be
padded with zero bytes after the last field.
"""

from __future__ import annotations

from identity.eid.errors import CardDataError


def parse_fields(data: bytes) -> dict[int, bytes]:
    fields: dict[int, bytes] = {}
    position = 0
    while position < len(data):
        if not any(data[position:]):
            break
        tag = data[position]
        position += 1
        length = 0
        while True:
            if position >= len(data):
                raise CardDataError(f"truncated length of tag {tag:02X}")
            byte = data[position]
            position += 1
            length += byte
            if byte != 0xFF:
                break
        end = position + length
        if end > len(data):
            raise CardDataError(f"value of tag {tag:02X} runs past the end of the file")
        fields[tag] = data[position:end]
        position = end
    return fields
