"""User-facing text, one catalogue per language."""
