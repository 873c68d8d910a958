"""The on-site supervisor's reduced app and the PE's OSS dialogs (issue 14)."""
