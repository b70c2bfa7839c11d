"""Mon Espace for testers: a pytest plugin (entry point ``monespace``) with fixtures that drive
the simulated hardware of a running ``make demo``, or of a private stack it starts itself.

Importing this package, or the plugin, loads nothing heavy: pytest loads the plugin in every run
of the environment, so the simulators, Playwright and the portal's code are imported only by
the fixtures that need them. See docs/testing.md.
"""

from monespace_testing._http import ServiceError, ServiceUnavailableError

__all__ = ["ServiceError", "ServiceUnavailableError"]
