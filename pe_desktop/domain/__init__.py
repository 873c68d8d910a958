"""Pure domain rules: no Qt, no database sessions."""
