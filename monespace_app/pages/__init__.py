"""One module per page or page family: layout and components, no rules."""
