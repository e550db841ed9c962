"""Screenshots of key pages, for people to see the product without installing it.

They go to ``$SCREENSHOT_DIR`` (default ``test-artifacts/screenshots``, not committed), so
an ordinary test run leaves the committed pictures alone; refresh those with
``SCREENSHOT_DIR=docs/screenshots make test-browser``.
"""
import os
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

MAX_BYTES = 300 * 1024  # the README shows them: keep the repository small


def screenshot_dir() -> Path:
    folder = os.environ.get("SCREENSHOT_DIR") or "test-artifacts/screenshots"
    path = Path(folder)
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


def save_screenshot(page: Page, name: str, *, full_page: bool = False, height: int | None = None) -> Path:
    """The viewport, or the whole page; ``height`` keeps only the top of the whole page (to stay small)."""
    path = screenshot_dir() / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    clip = None
    if height is not None:
        full_page, clip = True, {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height}
    page.screenshot(path=path, full_page=full_page, clip=clip, animations="disabled", caret="hide")
    size = path.stat().st_size
    assert size < MAX_BYTES, f"{path.name} is {size // 1024} KB; keep screenshots under {MAX_BYTES // 1024} KB"
    return path
