"""A load generator that speaks the portal's own protocol (issue #16): virtual browsers that open
pages over HTTP, connect Reflex's event websocket with the page's cookies and origin, hydrate,
log in with username + password + TOTP code, navigate and log out, while the portal's processes,
Redis and the database are watched. ``python -m bench.load --help``; docs/load.md."""
