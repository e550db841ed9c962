"""axe-core on every page type the official's journeys reach, error states included:
no violations of WCAG 2.2 A or AA."""
import pytest

from .helpers.axe import assert_accessible
from .helpers.catalogue import ALL_PAGE_TYPES
from .helpers.page_types import visit


@pytest.mark.parametrize("page_type", ALL_PAGE_TYPES, ids=str)
def test_page_has_no_wcag_violations(page, context, base_url, scene, page_type):
    visit(page, context, base_url, scene, page_type)
    assert_accessible(page, where=page_type.name)


def test_the_check_itself_reports_a_violation(page, live_server):
    """Guards the guard: if axe failed to load or ran no rules, every page above would pass."""
    page.goto("/sign-in/")
    image = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
    page.evaluate("html => document.querySelector('main').insertAdjacentHTML('beforeend', html)", image)
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page, where="a page with an image without alt text")
