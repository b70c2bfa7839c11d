"""The generator's command line: the other processes it watches (``--watch NAME=PID``)."""

from __future__ import annotations

import pytest

from bench.load.__main__ import watched_processes


def test_each_watch_names_a_process_by_its_pid() -> None:
    assert watched_processes(["nginx=120", "postgres=7"]) == (("nginx", 120), ("postgres", 7))
    assert watched_processes([]) == ()


@pytest.mark.parametrize("value", ["nginx", "nginx=", "=12", "nginx=twelve"])
def test_a_watch_without_a_name_and_a_pid_is_refused(value: str) -> None:
    with pytest.raises(SystemExit, match="NAME=PID"):
        watched_processes([value])
