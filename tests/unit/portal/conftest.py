"""The portal's database, for the tests of visits and of what the pages do."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from tests.unit.portal.visitors import portal_database


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with portal_database(tmp_path) as engine:
        yield engine
