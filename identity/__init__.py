"""The identity layer: digital keys, levels of assurance, sessions. No Reflex import here."""
