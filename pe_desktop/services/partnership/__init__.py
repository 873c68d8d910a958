"""The partnership return: the PE's own contribution to a partnership's PE database."""
