"""Which page numbers a paged table shows: a window around the current page."""

WINDOW = 5


def page_window(page: int, pages: int, width: int = WINDOW) -> list[int]:
    """Up to ``width`` consecutive page numbers, the current one as central as the ends allow."""
    pages = max(1, pages)
    page = min(max(1, page), pages)
    first = max(1, min(page - width // 2, pages - width + 1))
    return list(range(first, min(pages, first + width - 1) + 1))
