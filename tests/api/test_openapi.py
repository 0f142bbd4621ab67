import re
from dataclasses import fields

import pytest
from starlette.routing import Mount, Route

from jingkang_app.api import build_api
from jingkang_app.api.openapi import OPENAPI
from jingkang_app.api.routes_consents import CONSENT_FIELDS
from jingkang_app.api.routes_rehab import REHAB_SERVICE_FIELDS
from jingkang_app.domain.services.care_team import Candidate
from jingkang_app.domain.services.help_request import HelpView
from jingkang_app.domain.services.overview import AreaCount
from jingkang_app.domain.services.recipients import RecipientDetail, RecipientRow, TeamMemberView
from jingkang_app.domain.services.rehab_services import RehabServiceView


def registered_operations(routes, prefix: str = "") -> set[tuple[str, str]]:
    operations = set()
    for route in routes:
        if isinstance(route, Mount):
            operations |= registered_operations(route.routes, prefix + route.path)
        elif isinstance(route, Route):
            path = re.sub(r"{(\w+):\w+}", r"{\1}", prefix + route.path)
            operations |= {(path, method.lower()) for method in route.methods if method != "HEAD"}
    return operations


def test_every_registered_route_is_described():
    operations = registered_operations(build_api().routes)
    described = {(path, method) for path, item in OPENAPI["paths"].items() for method in item}
    assert operations and operations == described


@pytest.mark.parametrize(
    ("schema", "shape"),
    [
        ("RecipientRow", [f.name for f in fields(RecipientRow)]),
        ("RecipientDetail", [f.name for f in fields(RecipientDetail)]),
        ("TeamMember", [f.name for f in fields(TeamMemberView)]),
        ("TeamCandidate", [f.name for f in fields(Candidate)]),
        ("AreaCount", [f.name for f in fields(AreaCount)]),
        ("Consent", list(CONSENT_FIELDS)),
        ("RehabService", [*REHAB_SERVICE_FIELDS, "attendees"]),
        ("RehabServiceRow", [f.name for f in fields(RehabServiceView)]),
        ("Help", [f.name for f in fields(HelpView)]),
    ],
)
def test_record_schemas_match_what_the_api_returns(schema, shape):
    assert set(OPENAPI["components"]["schemas"][schema]["properties"]) == set(shape)


def test_every_schema_reference_resolves():
    references = set(re.findall(r"#/components/schemas/(\w+)", repr(OPENAPI)))
    assert references <= set(OPENAPI["components"]["schemas"])


def test_the_document_declares_bearer_and_cookie_security():
    schemes = OPENAPI["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["cookieAuth"]["name"] == "jk_session"


def test_each_call_builds_a_fresh_app():
    assert build_api() is not build_api()


@pytest.mark.anyio
async def test_openapi_json_is_served_without_a_token(anyio_backend):
    import httpx

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=build_api()), base_url="http://t"
    ) as client:
        response = await client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"] == "3.1.0"
