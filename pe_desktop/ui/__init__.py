"""Qt user interface: thin over services/."""
