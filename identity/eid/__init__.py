"""The eID reader: reads a Belgian eID card through PC/SC and has it sign (no Reflex here)."""
