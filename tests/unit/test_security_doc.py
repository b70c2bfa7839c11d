"""docs/security.md names, for each ASVS requirement, the test that shows it holds: a reader who
follows a name must find that file, and that test in it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CITED = re.compile(r"`((?:unit|integration)/[^`\s]+|e2e/[^`\s]+)`")


def test_every_test_the_security_doc_cites_exists() -> None:
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    cited = CITED.findall(text)
    assert len(cited) > 40
    missing = []
    for reference in cited:
        path, _, name = reference.partition("::")
        found = ROOT / path if path.startswith("e2e/") else ROOT / "tests" / path
        if not found.exists() or (name and f"def {name}(" not in found.read_text("utf-8")):
            missing.append(reference)
    assert missing == []
