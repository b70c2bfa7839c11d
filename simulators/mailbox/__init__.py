"""A local mail server for demos and tests: an SMTP sink and a mailbox page to read what it got."""
