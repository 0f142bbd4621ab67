"""Percentiles and the readable table every benchmark prints before its JSON line."""

import math
from dataclasses import dataclass


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


@dataclass
class Row:
    label: str
    value: float | int | str | None
    target: str = ""  # e.g. "< 25"; empty for figures without a target
    unit: str = ""

    def verdict(self) -> str:
        if not self.target:
            return ""
        if self.value is None:
            return "no figure"
        op, limit = self.target.split()
        number = float(limit)
        ok = {
            "<": self.value < number,
            "<=": self.value <= number,
            ">=": self.value >= number,
            "=": self.value == number,
        }[op]
        return "ok" if ok else "MISSED"


def table(title: str, rows: list[Row]) -> str:
    def show(value: float | int | str | None) -> str:
        if value is None:
            return "—"
        if isinstance(value, str):
            return value
        return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"

    width = max(len(row.label) for row in rows)
    lines = [title, f"  {'figure':<{width}}  {'value':>12}  {'target':>10}  verdict"]
    for row in rows:
        value = f"{show(row.value)} {row.unit}".rstrip()
        target = f"{row.target} {row.unit}".rstrip() if row.target else ""
        lines.append(f"  {row.label:<{width}}  {value:>12}  {target:>10}  {row.verdict()}")
    return "\n".join(lines)
