"""Help: the user guide, the keyboard shortcuts window and About."""
