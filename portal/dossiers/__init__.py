"""Démarches and dossiers: the catalogue of procedures, their forms, the dossiers filed."""
