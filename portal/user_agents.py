"""The browser and system a User-Agent header names, for "Mes sessions" ("Chrome sur Linux").

A handful of substring rules, not a full parser: the person only needs to recognise their own
devices, and a header is whatever the browser (or anyone) chose to send, so nothing here decides
anything. Order matters: Edge and Opera also say "Chrome/", every Chromium browser also says
"Safari/", Android also says "Linux" and an iPhone also says "Mac OS X".
"""

from __future__ import annotations

from dataclasses import dataclass

# (what the header contains, the name people know)
BROWSERS = (
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("EdgiOS/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),  # HeadlessChrome/ too
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("Windows", "Windows"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)


@dataclass(frozen=True, slots=True)
class BrowserName:
    browser: str  # "" when not recognised
    system: str  # "" when not recognised


def browser_name(user_agent: str | None) -> BrowserName:
    header = user_agent or ""
    browser = next((name for mark, name in BROWSERS if mark in header), "")
    system = next((name for mark, name in SYSTEMS if mark in header), "")
    return BrowserName(browser, system)
