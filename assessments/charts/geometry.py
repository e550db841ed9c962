"""Shared scale helpers: scores run 0-100 on every axis."""
from decimal import Decimal

SCORE_MAX = Decimal(100)


def scale(value, *, start: float, length: float, maximum: Decimal = SCORE_MAX) -> float:
    """Position of ``value`` (0..maximum) along an axis from ``start`` over ``length`` pixels."""
    return round(start + float(Decimal(value) / maximum) * length, 1)
