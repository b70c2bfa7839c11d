"""SQLModel tables. Import every table module here so that Alembic sees the whole schema."""

from monespace_app.models.outbox import OutboxMessage

__all__ = ["OutboxMessage"]
