"""States of the démarche, dossier and professional-space pages."""
