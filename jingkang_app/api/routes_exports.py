"""Report exports over HTTP (issue 7): the month's or year's report of an area as an XLSX or one sheet as CSV,
sent as a download. Same service, permissions, watermark and audit entry as the pages' export buttons."""

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from jingkang_app.api.auth import call_as_actor
from jingkang_app.domain.rules import fields
from jingkang_app.domain.services import exports


def download(file: exports.ExportFile) -> Response:
    """The file as an attachment: its name in the user's language (RFC 5987) with an ASCII one for old clients;
    never cached, since it may hold personal data."""
    disposition = f"attachment; filename=\"{file.ascii_filename}\"; filename*=UTF-8''{quote(file.filename)}"
    headers = {"Content-Disposition": disposition, "Cache-Control": "no-store"}
    return Response(file.data, media_type=file.content_type, headers=headers)


async def report_xlsx(request: Request) -> Response:
    query = request.query_params
    personal = fields.flag(dict(query), "personal")
    file = await call_as_actor(
        request,
        lambda session, actor: exports.report_xlsx(
            session, actor, query.get("area_id"), query.get("period"), personal=personal
        ),
    )
    return download(file)


async def report_csv(request: Request) -> Response:
    query = request.query_params
    file = await call_as_actor(
        request,
        lambda session, actor: exports.report_csv(
            session, actor, query.get("area_id"), query.get("period"), sheet=query.get("sheet", "")
        ),
    )
    return download(file)


ROUTES = [
    Route("/exports/report.xlsx", report_xlsx, methods=["GET"]),
    Route("/exports/report.csv", report_csv, methods=["GET"]),
]
