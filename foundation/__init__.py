"""What every layer stands on: settings, database, tables and migrations, mail outbox and SMTP,
signed links, clock, secrets at rest, the text catalogues and the route table."""
