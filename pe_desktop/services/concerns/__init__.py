"""Causes for concern per placement: record, action plan, meetings, dashboard items."""
