"""Every page type the browser tests check. Add each area's list here as its journey lands
(review queue and review page, dashboards, administration, public results)."""
from .official_pages import OFFICIAL_PAGES

ALL_PAGE_TYPES = [*OFFICIAL_PAGES]
