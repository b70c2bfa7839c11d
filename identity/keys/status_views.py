"""What "Mes clés numériques" shows: each key of a person, its status, since when, until when."""

from __future__ import annotations

from sqlmodel import Session

from identity.key_protocol import KeyView, KeyViewStatus
from identity.registry import KeyRegistry, or_default

__all__ = ["KeyView", "KeyViewStatus", "key_status_views"]


def key_status_views(
    db: Session, national_number: str, registry: KeyRegistry | None = None
) -> list[KeyView]:
    """The person's keys in the order of the key chooser (the eID first for an account holder);
    each key's store says whether the person has it."""
    views = (key.store.view(db, national_number) for key in or_default(registry).ordered())
    return [view for view in views if view is not None]
