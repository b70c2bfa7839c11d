"""The state schema, the initial state's hashes and the client-storage cookies, read from the
compiled frontend as the production build minifies it and as the readable build writes it."""

from __future__ import annotations

from bench.load.frontend import module_assets, parse_build

MINIFIED = (
    "initialState={reflex___state____state:{is_hydrated_rx_state_:!1}},"
    "initialStateHashes=`e02087b0307c8b9c.d029e8db883816fc.bf21a9e8fbc5a384`.split(`.`),"
    "stateSchema=`3acc10a4b8744ec49a703b546a540ead`,defaultColorMode=`light`,"
    'clientStorage={cookies:{"reflex___state____state.state___i18n_state___i18n_state.lang_rx_'
    'state_":{name:`monespace_lang`,path:`/`,maxAge:31536e3,sameSite:`lax`},"reflex___state___'
    '_state.state___login_return_state____login_return_state.came_from_rx_state_":{name:`monespa'
    "ce_suite`,path:`/`,maxAge:1800,sameSite:`lax`}},local_storage:{},session_storage:{}},"
    "state_name=`reflex___state____state`"
)
READABLE = """
export const initialStateHashes = ["e02087b0307c8b9c", "d029e8db883816fc", "bf21a9e8fbc5a384"]
export const stateSchema = "3acc10a4b8744ec49a703b546a540ead"
export const clientStorage = {"cookies": {"reflex___state____state.state___login_return_state____login_return_state.came_from_rx_state_": {"name": "monespace_suite", "path": "/", "maxAge": 1800, "sameSite": "lax"}, "reflex___state____state.state___i18n_state___i18n_state.lang_rx_state_": {"name": "monespace_lang", "path": "/", "maxAge": 31536000, "sameSite": "lax"}}, "local_storage": {}, "session_storage": {}}
"""  # noqa: E501 - as the compiler writes it, one line
ROOT = "reflex___state____state"
COOKIES = {
    f"{ROOT}.state___i18n_state___i18n_state.lang_rx_state_": "monespace_lang",
    f"{ROOT}.state___login_return_state____login_return_state.came_from_rx_state_": (
        "monespace_suite"
    ),
}


def test_the_minified_and_the_readable_build_read_alike() -> None:
    for script in (MINIFIED, READABLE):
        build = parse_build(script)
        assert build.state_schema == "3acc10a4b8744ec49a703b546a540ead"
        assert build.hashes == ["e02087b0307c8b9c", "d029e8db883816fc", "bf21a9e8fbc5a384"]
        assert build.storage_cookies == COOKIES
        assert build.complete


def test_a_script_without_the_context_gives_an_incomplete_build() -> None:
    build = parse_build("import{a as b}from'./react.js';export{b};")
    assert not build.complete
    assert build.storage_cookies == {}


def test_the_context_module_is_tried_first() -> None:
    html = (
        '<link rel="modulepreload" href="/assets/manifest-d04fcd5d.js"/>'
        '<link rel="modulepreload" href="/assets/root-tFh5z0f1.js"/>'
        '<link rel="modulepreload" href="/assets/context-DoQUsjQ6.js"/>'
        '<script type="module">import("/assets/root-tFh5z0f1.js")</script>'
    )
    assert module_assets(html) == [
        "/assets/context-DoQUsjQ6.js",
        "/assets/manifest-d04fcd5d.js",
        "/assets/root-tFh5z0f1.js",
    ]
