"""Every page type the browser tests check, area by area; test_accessibility.py and
test_responsive.py run over ``ALL_PAGE_TYPES``."""
from .admin_pages import ADMIN_PAGES
from .api_pages import API_PAGES
from .dashboard_pages import DASHBOARD_PAGES
from .evidence_pages import EVIDENCE_PAGES
from .official_pages import OFFICIAL_PAGES
from .review_pages import REVIEW_PAGES
from .second_factor_pages import SECOND_FACTOR_PAGES
from .statistics_pages import STATISTICS_PAGES

ALL_PAGE_TYPES = [
    *OFFICIAL_PAGES, *REVIEW_PAGES, *DASHBOARD_PAGES, *ADMIN_PAGES, *SECOND_FACTOR_PAGES, *STATISTICS_PAGES, *API_PAGES,
    *EVIDENCE_PAGES,
]
