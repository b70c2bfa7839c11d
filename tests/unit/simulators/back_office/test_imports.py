"""The back office is the administration's, outside the portal: it knows the portal by its API
alone, so importing it loads none of the portal's code."""

from __future__ import annotations

import json
import subprocess
import sys

from foundation.settings import PROJECT_ROOT

PORTAL_PACKAGES = ("portal", "state", "monespace_app", "components", "identity")


def test_the_back_office_loads_nothing_of_the_portal() -> None:
    script = (
        "import json, sys\n"
        "import simulators.back_office.web, simulators.back_office.pages\n"
        "import simulators.back_office.portal_api, simulators.back_office.decision_document\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=PROJECT_ROOT,
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    )
    assert "simulators.back_office.web" in loaded
    assert [m for m in loaded if m.split(".")[0] in PORTAL_PACKAGES] == []
