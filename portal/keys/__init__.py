"""Mes clés numériques: the person's keys as the page lists them, and the activation wizards."""
