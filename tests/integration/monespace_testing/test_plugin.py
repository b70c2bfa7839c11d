"""The plugin as pytest loads it in a tester's environment: found by its entry point, its
options, nothing autouse, nothing heavy imported, one clear line when a simulator is missing,
and Chromium from a given executable."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from monespace_testing.chromium import CHROMIUM_ARGS
from tests.integration.conftest import free_port
from tests.integration.monespace_testing.outside_suite import run_suite

pytestmark = pytest.mark.integration

FIXTURES = (
    "monespace_stack",
    "eid_card",
    "mailbox",
    "sms_inbox",
    "authenticator_phone",
    "itsme_phone",
    "eidas_node",
    "company_register",
    "demo_clock",
    "portal",
)


def test_the_entry_point_brings_the_options_and_fixtures(tmp_path: Path) -> None:
    help_run = run_suite(tmp_path / "help", {}, "--help")
    assert help_run.returncode == 0, help_run.output
    for flag in ("--monespace-stack={demo,private}", "--monespace-eid-socket=PATH"):
        assert flag in help_run.output
    assert "MONESPACE_TESTING_PORTAL_URL" in help_run.output
    fixtures = run_suite(tmp_path / "fixtures", {}, "--fixtures")
    assert "monespace_testing/plugin.py" in fixtures.output
    for name in FIXTURES:
        assert f"\n{name} " in fixtures.output, name


def test_a_suite_that_asks_for_nothing_runs_as_without_the_plugin(tmp_path: Path) -> None:
    # No demo runs at these addresses: nothing of the plugin may be set up behind the test.
    nowhere = f"http://127.0.0.1:{free_port()}"
    run = run_suite(
        tmp_path,
        {"test_plain.py": "def test_plain():\n    assert 1 + 1 == 2\n"},
        "--setup-show",
        env={"MONESPACE_TESTING_MAILBOX_URL": nowhere, "MONESPACE_TESTING_PORTAL_URL": nowhere},
    )
    assert run.returncode == 0, run.output
    assert "1 passed" in run.output
    for name in FIXTURES:
        assert name not in run.output


def test_importing_the_plugin_loads_nothing_heavy() -> None:
    # pytest imports it in every run of the environment, the project's own included.
    code = (
        "import sys, monespace_testing.plugin;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'playwright', 'simulators', "
        "'foundation', 'identity', 'portal', 'sqlmodel', 'sqlalchemy', 'pydantic', 'reflex', "
        "'smartcard', 'zxingcpp', 'PIL', 'cryptography'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_a_fixture_without_its_simulator_says_what_to_start(tmp_path: Path) -> None:
    port = free_port()
    run = run_suite(
        tmp_path,
        {"test_mail.py": "def test_mail(mailbox):\n    pass\n"},
        f"--monespace-mailbox-url=http://127.0.0.1:{port}",
    )
    assert run.returncode == 1, run.output
    assert f"no mailbox answers at http://127.0.0.1:{port}" in run.output
    assert "start `make demo`" in run.output
    assert "--monespace-mailbox-url" in run.output
    assert "Traceback" not in run.output

    socket = tmp_path / "no-demo.sock"
    cards = run_suite(
        tmp_path / "cards",
        {"test_cards.py": "def test_cards(eid_card):\n    pass\n"},
        env={"MONESPACE_TESTING_EID_SOCKET": str(socket)},
    )
    assert cards.returncode == 1, cards.output
    assert f"no running demo answers on the eID control socket {socket}" in cards.output


LAUNCH_ARGS = """
import json


def test_launch(browser_type_launch_args):
    print("LAUNCH=" + json.dumps(browser_type_launch_args))
"""


def launch_args(run_output: str) -> dict[str, object]:
    line = next(line for line in run_output.splitlines() if "LAUNCH=" in line)
    arguments: dict[str, object] = json.loads(line.split("LAUNCH=", 1)[1])
    return arguments


def test_chromium_from_a_given_executable_offline(tmp_path: Path) -> None:
    given = run_suite(
        tmp_path / "given",
        {"test_launch.py": LAUNCH_ARGS},
        "-s",
        "--monespace-chromium=/usr/bin/chromium",
    )
    assert given.returncode == 0, given.output
    arguments = launch_args(given.output)
    assert arguments["executable_path"] == "/usr/bin/chromium"
    assert arguments["args"] == CHROMIUM_ARGS
    # Without the option, Playwright's own browser and arguments, untouched.
    plain = run_suite(tmp_path / "plain", {"test_launch.py": LAUNCH_ARGS}, "-s")
    assert plain.returncode == 0, plain.output
    assert "executable_path" not in launch_args(plain.output)


STACK_ADDRESSES = """
def test_addresses(monespace_stack):
    print("STACK=" + repr(monespace_stack))
"""


def test_addresses_come_from_the_options_then_the_environment_then_the_demo(
    tmp_path: Path,
) -> None:
    run = run_suite(
        tmp_path,
        {"test_stack.py": STACK_ADDRESSES},
        "-s",
        "--monespace-portal-url=http://localhost:3300",
        env={
            "MONESPACE_TESTING_PORTAL_URL": "http://localhost:3400",
            "MONESPACE_TESTING_MAILBOX_URL": "http://127.0.0.1:8426",
            # A demo started with other ports: the plugin reads the demo's own settings.
            "MONESPACE_DEMO_KEY_SIMULATORS_PORT": "8127",
            "MONESPACE_DATA_DIR": str(tmp_path / "demo-data"),
        },
    )
    assert run.returncode == 0, run.output
    assert "mode='demo'" in run.output
    assert "portal_url='http://localhost:3300'" in run.output
    assert "mailbox_url='http://127.0.0.1:8426'" in run.output
    assert "sms_url='http://127.0.0.1:8127'" in run.output
    assert "company_register_url='http://127.0.0.1:8131'" in run.output
    assert "eidas_node_url='http://127.0.0.1:8133'" in run.output
    assert f"eid_socket=PosixPath('{tmp_path / 'demo-data' / 'cards' / 'control.sock'}')" in (
        run.output
    )
