"""Pure validation and formatting rules (no framework imports)."""
