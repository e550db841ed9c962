"""Code that cites a design note cites a file in this repository, so the repository stands alone."""
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CITED = re.compile(r"(?<![\w/.-])((?:[\w-]+/)+[\w-]+\.md)\b")  # a path with a folder
SOURCES = ["assessments", "service_pages", "feedback", "levelup", "tests", "scripts", "bench"]


def test_every_markdown_file_cited_in_code_exists_in_the_repository():
    missing = []
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            for cited in CITED.findall(path.read_text(encoding="utf-8")):
                if not (ROOT / cited).is_file():
                    missing.append(f"{path.relative_to(ROOT)} cites {cited}")
    assert not missing, "\n".join(missing)


def test_the_scoring_module_cites_the_framework_in_docs():
    assert "docs/framework.md" in (ROOT / "assessments" / "scoring" / "__init__.py").read_text(encoding="utf-8")
    assert "## Scoring rules" in (ROOT / "docs" / "framework.md").read_text(encoding="utf-8")
