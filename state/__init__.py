"""Reflex State classes: thin translators between pages and services."""
