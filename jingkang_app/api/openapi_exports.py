"""OpenAPI paths of api/routes_exports.py (report downloads), merged into api/openapi.py. The answers are files,
so there are no schemas of their own."""

from jingkang_app.api.openapi_common import ERROR, ERRORS, INTEGER, STRING, VALIDATION_ERROR
from jingkang_app.domain.services.exports import CSV_TYPE, PERSONAL_SHEETS, STATISTICAL_SHEETS, XLSX_TYPE

BINARY = {"type": "string", "format": "binary"}
DISPOSITION = {
    "Content-Disposition": {
        "description": "attachment; filename=\"<ASCII name>\"; filename*=UTF-8''<the name in the user's language>",
        "schema": STRING,
    }
}
AREA = {
    "name": "area_id",
    "in": "query",
    "schema": INTEGER,
    "description": "the county, township or village; empty: the widest area the caller exports",
}
PERIOD = {
    "name": "period",
    "in": "query",
    "schema": STRING,
    "description": "a month (2026-11) or a year (2026), local calendar; empty: this month",
}
WATERMARK = (
    "Every sheet starts with a watermark row (who exported, as which role, when) that also stands in its print "
    "header and footer; each export is written to the audit log."
)


def _download(summary: str, media_type: str, parameter: dict, refusals: str) -> dict:
    return {
        "get": {
            "summary": summary,
            "description": WATERMARK,
            "parameters": [AREA, PERIOD, parameter],
            "responses": {
                "200": {
                    "description": "The file",
                    "headers": DISPOSITION,
                    "content": {media_type: {"schema": BINARY}},
                },
                "403": ERROR | {"description": refusals},
                "404": ERROR | {"description": "No such area"},
                "422": VALIDATION_ERROR | {"description": "`period` or `sheet` is not one offered"},
                **ERRORS,
            },
        }
    }


PATHS = {
    "/api/v1/exports/report.xlsx": _download(
        "The month's or year's report of an area as XLSX: 指标汇总 and 分区统计; with personal=1 also 服务对象名单 "
        "and, for a month, 随访明细",
        XLSX_TYPE,
        {
            "name": "personal",
            "in": "query",
            "schema": {"enum": ["0", "1"], "default": "0"},
            "description": "1: include the sheets with personal data (export.personal)",
        },
        "Not a coordinator of this area, or personal data asked for without export.personal",
    ),
    "/api/v1/exports/report.csv": _download(
        "One sheet of the report as CSV (UTF-8 with a byte-order mark; the first line is the watermark)",
        CSV_TYPE.split(";")[0],
        {
            "name": "sheet",
            "in": "query",
            "required": True,
            "schema": {"enum": [*STATISTICAL_SHEETS, *PERSONAL_SHEETS]},
            "description": "recipients and followups (a month only) hold personal data (export.personal)",
        },
        "Not a coordinator of this area, or a personal sheet without export.personal",
    ),
}
