"""The PE's time per placement: quick logging, a timer, the weekly chart, exports."""
