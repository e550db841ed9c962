"""Find pages the way a person does: from a start page, follow same-site links (navigation,
then whatever the pages reached link to), one page per URL pattern, and check each.

Bounded so it stays cheap in CI: one page per URL pattern (``/manage/people/7/`` stands
for every person), a depth and a page limit. Links that download a file, leave the site,
sign out or go to the Django admin are not followed.
"""
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

# URL names never followed: signing out ends the crawl's session; exports are files, not pages.
NOT_FOLLOWED_PREFIXES = ("/django-admin/", "/static/", "/sign-out/")
DOWNLOAD_SUFFIXES = (".csv", ".xlsx", ".json", ".yaml", ".zip", ".pdf")

_LINKS = """() => Array.from(document.querySelectorAll('a[href]'))
  .filter(a => !a.hasAttribute('download'))
  .map(a => a.href)"""


@dataclass
class Visit:
    path: str
    pattern: str
    status: int
    problems: list[str] = field(default_factory=list)


@dataclass
class Crawl:
    visits: list[Visit] = field(default_factory=list)

    @property
    def failures(self) -> list[Visit]:
        return [visit for visit in self.visits if visit.problems]


def url_pattern(path: str) -> str | None:
    """The URL pattern a path belongs to ("manage-person" for /manage/people/7/), query included by key."""
    split = urlsplit(path)
    try:
        match = resolve(split.path)
    except Resolver404:
        return None
    keys = sorted({part.split("=")[0] for part in split.query.split("&") if part and not part.startswith("page=")})
    return (match.view_name or match.route) + ("?" + "&".join(keys) if keys else "")


def _followable(url: str, origin: str) -> str | None:
    split = urlsplit(url)
    if f"{split.scheme}://{split.netloc}" != origin:
        return None
    path = split.path + (f"?{split.query}" if split.query else "")
    if split.path.startswith(NOT_FOLLOWED_PREFIXES) or split.path.endswith(DOWNLOAD_SUFFIXES):
        return None
    return path


def crawl(
    page: Page, *, base_url: str, start: str, check: Callable[[Page], list[str]], max_depth: int = 3,
    max_pages: int = 60, already_checked: frozenset[str] = frozenset(),
) -> Crawl:
    """Breadth-first from ``start``; ``check`` returns the problems on the page as it is.

    Patterns in ``already_checked`` (pages that are the same for everyone, checked for
    another role) are neither opened nor followed again.
    """
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    result = Crawl()
    seen_patterns: set[str] = set(already_checked)
    queue: deque[tuple[str, int]] = deque([(start, 0)])
    while queue and len(result.visits) < max_pages:
        path, depth = queue.popleft()
        pattern = url_pattern(path)
        if pattern is None or pattern in seen_patterns:
            continue
        seen_patterns.add(pattern)
        try:
            response = page.goto(urljoin(base_url, path))
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                continue  # a plain link to a file (an API schema, say): not a page
            raise
        status = response.status if response else 0
        visit = Visit(path=path, pattern=pattern, status=status)
        result.visits.append(visit)
        if status >= 400:
            visit.problems.append(f"answered {status}")
            continue
        if not (response.headers.get("content-type") or "").startswith("text/html"):
            continue  # a file or data (CSV, JSON) reached through a plain link: not a page to check
        visit.problems.extend(check(page))
        if depth < max_depth:
            for url in page.evaluate(_LINKS):
                if (link := _followable(url.split("#")[0], origin)) and url_pattern(link) not in seen_patterns:
                    queue.append((link, depth + 1))
    return result
