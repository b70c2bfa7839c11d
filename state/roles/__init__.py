"""The states of "Ma gestion des rôles eGov" and of the designation of a company's GAP."""
