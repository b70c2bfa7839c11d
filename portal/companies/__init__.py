"""Companies: company and national numbers, and the company register (BCE) the portal reads."""
