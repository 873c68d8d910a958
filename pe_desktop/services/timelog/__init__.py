"""The PE's time per student against the allocation: log, weekly summary, exports."""
