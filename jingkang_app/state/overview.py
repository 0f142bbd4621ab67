"""The coordinator's area overview."""

import reflex as rx

from jingkang_app.domain.services import overview
from jingkang_app.state.base import AppState


class OverviewState(AppState):
    area_name: str = ""
    rows: list[dict[str, str]] = []
    total: dict[str, str] = {}

    @rx.event
    def load(self):
        result, redirect = self.guard(overview.area_overview)
        if result is not None:
            self.area_name = result.area_name
            self.rows = [_row(r) for r in result.rows]
            self.total = _row(result.total)
        return redirect


def _row(count: overview.AreaCount) -> dict[str, str]:
    return {
        "name": count.name,
        "registered": str(count.registered),
        "applying": str(count.applying),
        "high_risk": str(count.high_risk),
    }
