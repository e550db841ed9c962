"""Every page type the official's journeys reach works at 320 px wide and at 200% zoom:
no sideways scrolling, nothing cut off or hidden, the navigation still reachable."""
import pytest

from .helpers.catalogue import ALL_PAGE_TYPES
from .helpers.layout import DESKTOP, NARROW, ZOOM_200, assert_reflows, main_text
from .helpers.page_types import visit


@pytest.mark.parametrize("page_type", ALL_PAGE_TYPES, ids=str)
def test_page_reflows_at_200_percent_zoom_and_320_px(page, context, base_url, scene, page_type):
    visit(page, context, base_url, scene, page_type)
    page.set_viewport_size(DESKTOP)
    desktop_text = main_text(page)
    assert_reflows(page, ZOOM_200, desktop_text=desktop_text)
    assert_reflows(page, NARROW, desktop_text=desktop_text)
