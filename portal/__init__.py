"""The portal's domain rules, in plain Python: no Reflex import."""
