"""The client address the throttles count by (identity.throttling).

Reflex takes it from the socket, or from X-Forwarded-For only through the number of trusted
proxies configured (settings ``trusted_proxy_hops``, passed to Reflex by rxconfig.py): a client
cannot choose its own address by sending the header.
"""

from __future__ import annotations

import reflex as rx


def client_address(state: rx.State) -> str | None:
    return state.router.session.client_ip or None
