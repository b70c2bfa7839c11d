"""Accounts: creation at first login, activation, e-mail changes, deletion and its 30-day
withdrawal period."""
