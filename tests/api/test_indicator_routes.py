"""The dashboard's indicators over JSON: the figures, the drill-down by area and to recipients, the trend, the
refusals, and the OpenAPI schemas matching what the routes return."""

from dataclasses import fields
from datetime import date

import pytest

from jingkang_app.api.openapi import OPENAPI
from jingkang_app.domain.models import Role
from jingkang_app.domain.services.indicator_figures import (
    AlertFigure,
    Dashboard,
    FeedbackFigure,
    FollowupFigure,
    RateFigure,
    ReferralFigure,
    RespiteFigure,
    RiskFigure,
    TrainingFigure,
    VolunteerFigure,
)
from jingkang_app.domain.services.indicator_lists import RecipientBehind, RecipientPage
from jingkang_app.domain.services.indicator_scope import Definitions
from jingkang_app.domain.services.indicator_trend import Trend, TrendSeries
from jingkang_app.domain.services.indicators import Breakdown, BreakdownRow
from tests.api.conftest import bearer
from tests.domain.indicator_world import followed_up, registered

pytestmark = pytest.mark.anyio


@pytest.fixture
def overdue(session, world):
    """A recipient of village A whose next follow-up (11-01) has passed, and one of village B not yet due."""
    late = registered(session, world)
    followed_up(session, world, late, date(2026, 8, 1))
    followed_up(session, world, registered(session, world, world.village_b), date(2026, 10, 1))
    return late


async def get(client, token: str, path: str, **params):
    return await client.get(f"/api/v1{path}", params=params, headers=bearer(token))


async def test_the_county_coordinator_reads_the_county_figures(client, token_for, world, overdue):
    response = await get(client, token_for(Role.county_coordinator), "/indicators", period="2026-11")

    assert response.status_code == 200
    body = response.json()
    assert (body["area_id"], body["period"], body["start"], body["as_of"]) == (
        world.county.id,
        "2026-11",
        "2026-11-01",
        "2026-11-23",
    )
    assert (body["home_patients"], body["followups"]["overdue_now"]) == (2, 1)
    assert body["standard_service_rate"] == {"numerator": 0, "denominator": 2, "rate": 0.0, "target": 0.6}
    assert body["definitions"]["on_schedule_days"] == 92


async def test_a_bad_period_is_a_422_on_its_field(client, token_for):
    response = await get(client, token_for(Role.county_coordinator), "/indicators", period="2026-13")

    assert response.status_code == 422
    assert response.json()["fields"]["period"]["key"] == "error.period_format"


async def test_a_doctor_reads_no_indicators(client, token_for):
    response = await get(client, token_for(Role.community_doctor), "/indicators")

    assert response.status_code == 403


async def test_a_township_coordinator_reads_no_other_township(client, token_for, world):
    response = await get(
        client, token_for(Role.township_coordinator), "/indicators", area_id=world.township_b.id
    )

    assert response.status_code == 403


async def test_indicators_need_a_token(client):
    response = await client.get("/api/v1/indicators")

    assert response.status_code == 401


async def test_the_breakdown_gives_one_row_per_township(client, token_for, world, overdue):
    response = await get(client, token_for(Role.county_coordinator), "/indicators/followups/breakdown")

    assert response.status_code == 200
    rows = response.json()["rows"]
    assert [(r["area_id"], r["figure"]["overdue_now"]) for r in rows] == [
        (world.township_a.id, 1),
        (world.township_b.id, 0),
    ]


async def test_an_unknown_indicator_is_a_404(client, token_for):
    response = await get(client, token_for(Role.county_coordinator), "/indicators/happiness/breakdown")

    assert response.status_code == 404


async def test_the_recipients_behind_a_figure_are_listed_masked(client, token_for, world, overdue):
    response = await get(
        client,
        token_for(Role.township_coordinator),
        "/indicators/overdue_followups/recipients",
        area_id=world.village_a.id,
        page=1,
    )

    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    row = body["items"][0]
    assert (row["id"], row["village"], row["date"]) == (overdue.id, world.village_a.name, "2026-11-01")
    assert row["id_masked"] == overdue.id_number[:4] + "*" * 10 + overdue.id_number[-4:]


async def test_the_trend_has_twelve_months_by_default(client, token_for):
    response = await get(client, token_for(Role.county_coordinator), "/indicators/trend")

    assert response.status_code == 200
    body = response.json()
    assert (len(body["months"]), body["months"][-1]) == (12, "2026-11")
    assert [s["key"] for s in body["series"]] == [
        "followups_done",
        "followups_due",
        "alerts_raised",
        "rehab_attendances",
        "volunteer_hours",
    ]


async def test_trend_months_out_of_range_are_a_422(client, token_for):
    response = await get(client, token_for(Role.county_coordinator), "/indicators/trend", months=40)

    assert response.status_code == 422
    assert "months" in response.json()["fields"]


@pytest.mark.parametrize(
    ("schema", "record"),
    [
        ("Dashboard", Dashboard),
        ("IndicatorRate", RateFigure),
        ("IndicatorDefinitions", Definitions),
        ("FollowupFigure", FollowupFigure),
        ("RiskFigure", RiskFigure),
        ("AlertFigure", AlertFigure),
        ("ReferralFigure", ReferralFigure),
        ("RespiteFigure", RespiteFigure),
        ("VolunteerFigure", VolunteerFigure),
        ("TrainingFigure", TrainingFigure),
        ("FeedbackFigure", FeedbackFigure),
        ("Breakdown", Breakdown),
        ("BreakdownRow", BreakdownRow),
        ("RecipientBehind", RecipientBehind),
        ("RecipientPage", RecipientPage),
        ("Trend", Trend),
        ("TrendSeries", TrendSeries),
    ],
)
def test_the_schemas_match_the_records_the_routes_return(schema, record):
    assert set(OPENAPI["components"]["schemas"][schema]["properties"]) == {f.name for f in fields(record)}
