"""Mon Espace: the portal (Reflex app, services, models)."""
