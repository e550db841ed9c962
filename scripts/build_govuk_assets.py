#!/usr/bin/env python3
"""Copy the GOV.UK Frontend files the browser needs from node_modules into static/govuk/.

Run by ``make install`` after ``npm ci``; safe to run again (it rebuilds static/govuk/
from scratch each time). Standard library only.

What ends up in static/govuk/ (gitignored):

- ``govuk-frontend.min.css``: with the package's absolute ``/assets/...`` URLs made
  relative (``assets/...``), so they resolve under STATIC_URL as
  ``/static/govuk/assets/...`` wherever the static files are served from;
- ``govuk-frontend.min.js``: an ES module (load it with ``<script type="module">``);
- ``assets/``: fonts, images and manifest.json, copied as they are.

``sourceMappingURL`` comments are removed from the CSS and JS (the .map files are not
copied), because WhiteNoise's CompressedManifestStaticFilesStorage fails on references
to files that do not exist. The JS is a single line, so the comment is substituted
away, never deleted line by line.

axe-core is not copied: accessibility tests inject ``node_modules/axe-core/axe.min.js``
straight from node_modules (``make`` exports its path as AXE_CORE_PATH).
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
TARGET = ROOT / "static" / "govuk"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

CSS = "govuk-frontend.min.css"
JS = "govuk-frontend.min.js"

# url(/assets/...), url('/assets/...') or url("/assets/...") -> the same, relative.
ABSOLUTE_ASSET_URL = re.compile(r"""url\(\s*(['"]?)/assets/""")
# /*# sourceMappingURL=... */ in CSS; //# sourceMappingURL=... (to end of line) in JS.
CSS_SOURCEMAP = re.compile(r"/\*\s*[#@]\s*sourceMappingURL=[^*]*\*/")
JS_SOURCEMAP = re.compile(r"//\s*[#@]\s*sourceMappingURL=[^\r\n]*")


def fail(message: str) -> None:
    print(f"build_govuk_assets: {message}", file=sys.stderr)
    sys.exit(1)


def rewrite_css(text: str) -> str:
    text = ABSOLUTE_ASSET_URL.sub(lambda m: f"url({m.group(1)}assets/", text)
    text = CSS_SOURCEMAP.sub("", text)
    # Any other root-relative URL would 404 under /static/govuk/.
    leftovers = sorted(set(re.findall(r"""url\(\s*['"]?/[^)]*\)""", text)))
    if leftovers:
        fail(f"root-relative URLs left in {CSS}: {leftovers[:5]}")
    if "sourceMappingURL" in text:
        fail(f"sourceMappingURL left in {CSS}")
    return text


def rewrite_js(text: str) -> str:
    lines_before = text.count("\n")
    text = JS_SOURCEMAP.sub("", text)
    if "sourceMappingURL" in text:
        fail(f"sourceMappingURL left in {JS}")
    if text.count("\n") != lines_before:
        fail(f"rewriting {JS} changed its line count")
    return text


def main() -> int:
    if not SOURCE.is_dir():
        fail(f"{SOURCE.relative_to(ROOT)} not found: run `npm ci` (or `make install`) first")
    for name in (CSS, JS, "assets"):
        if not (SOURCE / name).exists():
            fail(f"{name} missing from {SOURCE.relative_to(ROOT)}")
    if not AXE.is_file():
        fail(f"{AXE.relative_to(ROOT)} not found: run `npm ci` (or `make install`) first")

    version = json.loads((SOURCE.parent.parent / "package.json").read_text())["version"]

    # Build in (gitignored) node_modules, then swap it in, so a failed run never leaves
    # half a tree in static/.
    staging = ROOT / "node_modules" / ".govuk-static-staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copytree(SOURCE / "assets", staging / "assets")
    (staging / CSS).write_text(rewrite_css((SOURCE / CSS).read_text(encoding="utf-8")), encoding="utf-8")
    (staging / JS).write_text(rewrite_js((SOURCE / JS).read_text(encoding="utf-8")), encoding="utf-8")
    (staging / "VERSION").write_text(f"govuk-frontend {version}\n", encoding="utf-8")

    shutil.rmtree(TARGET, ignore_errors=True)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(TARGET)

    files = sum(1 for p in TARGET.rglob("*") if p.is_file())
    size_kb = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file()) // 1024
    print(f"static/govuk: govuk-frontend {version}, {files} files, {size_kb} KB; "
          f"axe-core at {AXE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
