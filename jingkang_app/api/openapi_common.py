"""Building blocks of the hand-written OpenAPI description (api/openapi.py and the feature modules that add
their paths and schemas to it): references, JSON bodies, objects, the usual types and error answers."""

from jingkang_app.domain.models import TeamRole


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def object_schema(properties: dict, required: list[str] | None = None) -> dict:
    schema = {"type": "object", "properties": properties}
    if required is not None:
        schema["required"] = required
    return schema


def all_required(properties: dict) -> dict:
    return object_schema(properties, list(properties))


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
TEAM_ROLE = {"enum": [r.value for r in TeamRole]}


def nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


ERROR = json_body(ref("Error"), "Refused; `message` is in the user's language")
VALIDATION_ERROR = json_body(ref("ValidationError"), "Invalid input: one entry per field, nothing stored")
ERRORS = {
    "401": ERROR | {"description": "No token, unknown token or an ended session"},
    "503": ERROR | {"description": "The database cannot be reached"},
}
BODY_ERRORS = {
    "400": ERROR | {"description": "The body is not a JSON object"},
    "413": ERROR | {"description": "The body is larger than 64 KiB"},
    "415": ERROR | {"description": "The body is not application/json"},
}

OBJECT = {"type": "object"}
ID_PARAM = [{"name": "id", "in": "path", "required": True, "schema": INTEGER}]
PAGE_PARAMS = [
    {"name": "offset", "in": "query", "schema": INTEGER | {"default": 0, "minimum": 0}},
    {"name": "limit", "in": "query", "schema": INTEGER | {"default": 20, "minimum": 1, "maximum": 100}},
]
PUBLIC: list = []  # an operation anyone may call
