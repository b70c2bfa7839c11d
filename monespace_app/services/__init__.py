"""Plain-Python services holding the portal's rules. No Reflex import here."""
