"""Login orchestration: what follows a key's verification (session, first page)."""
