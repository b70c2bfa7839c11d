"""Personas of the simulators: people with a Belgian eID card, as data files (one TOML each)."""
