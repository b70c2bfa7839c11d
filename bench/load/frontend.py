"""What a browser learns from the portal's compiled frontend before it opens the websocket: the
state schema hash and the initial state's hashes (sent with the hydrate event), and which
client-storage vars live in which cookie. Read from the JavaScript the page loads, once per run
(a browser caches it), in the minified production build as in the readable one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ASSET = re.compile(r"""["'](/assets/[\w.\-]+\.js)["']""")
_SCHEMA = re.compile(r"""stateSchema\s*=\s*[`"']([0-9a-f]+)[`"']""")
_HASHES_SPLIT = re.compile(r"initialStateHashes\s*=\s*`([0-9a-f.]*)`\.split\(`\.`\)")
_HASHES_ARRAY = re.compile(r"initialStateHashes\s*=\s*\[([^\]]*)\]")
_STORAGE = re.compile(r"clientStorage\s*=\s*\{\s*\"?cookies\"?\s*:\s*\{(?P<cookies>.*?)\}\s*\}\s*,")
_COOKIE_VAR = re.compile(
    r"\"(?P<key>[\w.]+_rx_state_)\"\s*:\s*\{\s*\"?name\"?\s*:\s*[`\"'](?P<name>[^`\"']+)[`\"']"
)


@dataclass(frozen=True, slots=True)
class FrontendBuild:
    state_schema: str = ""
    hashes: list[str] = field(default_factory=list)
    storage_cookies: dict[str, str] = field(default_factory=dict)  # state key -> cookie name

    @property
    def complete(self) -> bool:
        return bool(self.state_schema and self.hashes)


def module_assets(html: str) -> list[str]:
    """The page's JavaScript modules, the one holding the app's context first."""
    assets = list(dict.fromkeys(_ASSET.findall(html)))
    return sorted(assets, key=lambda path: "context" not in path)


def parse_build(script: str) -> FrontendBuild:
    schema = _SCHEMA.search(script)
    split = _HASHES_SPLIT.search(script)
    if split is not None:
        hashes = [h for h in split[1].split(".") if h]
    else:
        array = _HASHES_ARRAY.search(script)
        hashes = re.findall(r"[0-9a-f]{8,}", array[1]) if array is not None else []
    storage = _STORAGE.search(script)
    cookies = (
        {m["key"]: m["name"] for m in _COOKIE_VAR.finditer(storage["cookies"])}
        if storage is not None
        else {}
    )
    return FrontendBuild(schema[1] if schema is not None else "", hashes, cookies)
