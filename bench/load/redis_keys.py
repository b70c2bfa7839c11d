"""What one tab leaves in Redis: Reflex keeps each substate of a tab's state tree under a key of
its own, ``<tab token>_<full state name>``, pickled; this lists a tab's keys with the memory
Redis counts for each (``MEMORY USAGE``: key, value and bookkeeping) and the pickle's length."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from bench.load.report import markdown_table

ROOT_STATE = "reflex___state____state"


@dataclass(frozen=True, slots=True)
class TabKey:
    state: str  # the full state name, the token left out
    memory_bytes: int  # MEMORY USAGE
    value_bytes: int  # STRLEN: the pickle

    @property
    def short_name(self) -> str:
        """The state's own part of the name, ``direct_assignment_state`` (the root: ``State``).
        Reflex writes a module's dots as ``___`` and puts ``____`` before the class's name."""
        if self.state == ROOT_STATE:
            return "State (root)"
        last = self.state.rsplit(".", 1)[-1]
        return last.split("____")[-1] if "____" in last else last.split("___")[-1]


def token_of(key: str) -> str | None:
    """The tab token a state key starts with (None for keys that are not a tab's state)."""
    token, sep, rest = key.partition("_")
    return token if sep and rest.startswith(ROOT_STATE) else None


def typical_tab(keys: list[str]) -> str | None:
    """The token with the median count of keys among ``keys``: a tab like most others."""
    counts = Counter(token for key in keys if (token := token_of(key)))
    if not counts:
        return None
    ordered = sorted(counts, key=lambda token: (counts[token], token))
    return ordered[len(ordered) // 2]


def tab_keys(client: Any, token: str) -> list[TabKey]:
    """Every state key of the tab, the heaviest first. ``client``: a redis.Redis."""
    found = []
    for raw in client.scan_iter(match=f"{token}_*", count=1000):
        key = raw.decode() if isinstance(raw, bytes) else str(raw)
        found.append(
            TabKey(
                key.removeprefix(f"{token}_"),
                int(client.memory_usage(key) or 0),
                int(client.strlen(key)),
            )
        )
    return sorted(found, key=lambda k: (-k.memory_bytes, k.state))


def sample_keys(client: Any, count: int = 5000) -> list[str]:
    keys = []
    for raw in client.scan_iter(count=1000):
        keys.append(raw.decode() if isinstance(raw, bytes) else str(raw))
        if len(keys) >= count:
            break
    return keys


def keys_table(keys: list[TabKey]) -> str:
    rows = [[k.short_name, f"{k.memory_bytes:,}", f"{k.value_bytes:,}"] for k in keys]
    rows.append(
        [
            f"**{len(keys)} keys**",
            f"**{sum(k.memory_bytes for k in keys):,}**",
            f"**{sum(k.value_bytes for k in keys):,}**",
        ]
    )
    return markdown_table(("State (key)", "MEMORY USAGE bytes", "Pickle bytes"), rows)
