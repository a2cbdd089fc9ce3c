"""Quantities: units (pint), written numbers and rounding intervals."""
