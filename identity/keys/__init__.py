"""What every digital key other than the eID card shares: errors, kinds, lockout, status views."""
