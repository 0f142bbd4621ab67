"""Report downloads over /api/v1 (issue 7): the file with its type and name, and the refusals as JSON."""

import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from jingkang_app.api.openapi import OPENAPI
from jingkang_app.domain.models import Role
from tests.api.conftest import bearer
from tests.factories import make_recipient

pytestmark = pytest.mark.anyio

XLSX = "/api/v1/exports/report.xlsx"
CSV = "/api/v1/exports/report.csv"


@pytest.fixture
def recipient(session, world):
    return make_recipient(session, world)


async def get(client, token_for, url: str, role: Role = Role.county_coordinator, **params):
    return await client.get(url, params=params, headers=bearer(token_for(role)))


async def test_a_coordinator_downloads_the_months_xlsx_with_personal_data(
    client, world, recipient, token_for
):
    response = await get(client, token_for, XLSX, area_id=world.county.id, period="2026-11", personal="1")
    assert response.status_code == 200
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["指标汇总", "分区统计", "服务对象名单", "随访明细"]


async def test_the_download_is_named_in_chinese_with_an_ascii_fallback_and_never_cached(
    client, world, recipient, token_for
):
    response = await get(client, token_for, XLSX, area_id=world.county.id, period="2026", personal="0")
    name = quote("示范县2026年精康工作报表.xlsx")
    assert response.headers["content-disposition"] == (
        f"attachment; filename=\"jingkang-330127-2026.xlsx\"; filename*=UTF-8''{name}"
    )
    assert response.headers["cache-control"] == "no-store"


async def test_without_personal_the_xlsx_has_only_the_statistics(client, world, recipient, token_for):
    response = await get(client, token_for, XLSX, area_id=world.county.id, period="2026-11")
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["指标汇总", "分区统计"]


async def test_a_csv_sheet_comes_as_utf8_text_with_a_byte_order_mark(client, world, recipient, token_for):
    response = await get(
        client, token_for, CSV, area_id=world.township_a.id, period="2026-11", sheet="recipients"
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "jingkang-330127001-2026-11-recipients.csv" in response.headers["content-disposition"]


@pytest.mark.parametrize("role", [Role.caregiver, Role.community_doctor, Role.grid_worker])
async def test_field_roles_are_refused(client, world, recipient, token_for, role):
    response = await get(client, token_for, XLSX, role, area_id=world.township_a.id, period="2026-11")
    assert response.status_code == 403
    assert response.json()["error"] == "error.permission_denied"


async def test_a_township_coordinator_is_refused_the_county(client, world, recipient, token_for):
    response = await get(
        client,
        token_for,
        CSV,
        Role.township_coordinator,
        area_id=world.county.id,
        period="2026",
        sheet="summary",
    )
    assert response.status_code == 403


async def test_a_bad_period_is_refused_beside_its_field(client, world, token_for):
    response = await get(client, token_for, XLSX, area_id=world.county.id, period="2026-13")
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"period"}


async def test_an_unknown_sheet_is_refused_beside_its_field(client, world, token_for):
    response = await get(client, token_for, CSV, area_id=world.county.id, period="2026", sheet="all")
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"sheet"}


async def test_an_unknown_area_is_not_found(client, world, token_for):
    response = await get(client, token_for, XLSX, area_id=99999, period="2026")
    assert response.status_code == 404


async def test_no_token_no_file(client, world):
    response = await client.get(XLSX, params={"area_id": world.county.id, "period": "2026"})
    assert response.status_code == 401


def test_the_openapi_document_describes_both_downloads_as_files():
    paths = OPENAPI["paths"]
    xlsx = paths[XLSX]["get"]["responses"]["200"]["content"]
    csv = paths[CSV]["get"]["responses"]["200"]["content"]
    assert list(xlsx) == ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
    assert list(csv) == ["text/csv"]
