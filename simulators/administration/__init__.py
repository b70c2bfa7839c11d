"""What the administration already holds on the personas: the teaching-staff register, dossiers,
documents, notifications and communications. Loaded into the portal's database for demos and
tests, the way a real back office would feed it."""
