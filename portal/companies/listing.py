"""The tables of the companies' pages, ten rows a page: the page asked for kept within the pages
there are, and what a search box finds of a person (their name, their address)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from foundation.models.companies import RoleAssignment


@dataclass(frozen=True, slots=True)
class Paged:
    rows: list[Any]
    total: int
    page: int  # 1-based, within 1..pages
    pages: int  # at least 1


def page_within(total: int, page: int, per_page: int) -> tuple[int, int]:
    """The page asked for, moved within 1..pages; and how many pages there are."""
    pages = max(1, math.ceil(total / per_page))
    return min(max(1, page), pages), pages


def one_page(db: Session, query: Any, order: Sequence[Any], page: int, per_page: int) -> Paged:
    """The rows of ``query`` on one page, counted first."""
    total = db.exec(select(func.count()).select_from(query.subquery())).one()
    page, pages = page_within(total, page, per_page)
    rows = db.exec(query.order_by(*order).offset((page - 1) * per_page).limit(per_page)).all()
    return Paged(list(rows), total, page, pages)


def searched(query: Any, search: str, more: Callable[[str], list[Any]]) -> Any:
    """``query`` narrowed to the assignments whose person's name (the surname alone too: it is
    part of the name) or address holds ``search``, or that ``more`` (given the lowered text)
    finds; unchanged for an empty search."""
    needle = search.strip().lower()
    if not needle:
        return query
    name = func.lower(col(RoleAssignment.first_names) + " " + col(RoleAssignment.surname))
    return query.where(
        or_(
            name.contains(needle),
            func.lower(col(RoleAssignment.email)).contains(needle),
            *more(needle),
        )
    )
