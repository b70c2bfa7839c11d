"""The page numbers a paged table shows."""

import pytest

from state.paging import page_window


@pytest.mark.parametrize(
    ("page", "pages", "shown"),
    [
        (1, 1, [1]),
        (1, 0, [1]),  # an empty table still has its page 1
        (2, 3, [1, 2, 3]),
        (1, 9, [1, 2, 3, 4, 5]),
        (5, 9, [3, 4, 5, 6, 7]),
        (9, 9, [5, 6, 7, 8, 9]),
        (12, 9, [5, 6, 7, 8, 9]),  # a page past the end reads as the last
    ],
)
def test_a_window_of_five_around_the_current_page(page: int, pages: int, shown: list[int]) -> None:
    assert page_window(page, pages) == shown
