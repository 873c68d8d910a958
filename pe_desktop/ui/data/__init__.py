"""File menu: data management, calendar export and printing."""
