"""When a periodic background job last started, shared by every backend of the portal: the one
whose claim moves it forward runs the job (``foundation.job_turns``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel


class JobRun(SQLModel, table=True):
    __tablename__ = "job_run"

    # e.g. "hourly"
    name: str = Field(primary_key=True, max_length=50)
    started_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # host:pid of the process that started it, for an operator wondering which backend did.
    started_by: str | None = Field(default=None, max_length=200)
