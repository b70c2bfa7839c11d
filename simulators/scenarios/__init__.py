"""Scenario resets of the demo: named, known states (``<name>.toml`` here) that
``python -m simulators.demo reset --scenario NAME`` and the trainers' page put the demo in.
See docs/trainers.md."""
