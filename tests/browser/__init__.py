"""Browser tests: real journeys in Debian's chromium against a live server, with axe-core.

Run them alone with ``make test-browser``. Set ``CHROMIUM_PATH`` to use another chromium
build and ``SCREENSHOT_DIR`` to choose where the journeys save their screenshots (for
example ``docs/screenshots`` to refresh the README's pictures).
"""
