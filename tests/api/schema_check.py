"""Checks every API response the tests see against the OpenAPI schema the service publishes.

``ApiClient`` is Django's test client with a Bearer token and a check after every
request: the operation must be in the schema, the status documented for it, and the
body valid against the documented JSON Schema (OpenAPI 3.1 schemas are JSON Schema 2020-12).
"""
from __future__ import annotations

import copy
import json
import re
from functools import cache

from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = "urn:levelup-openapi"


@cache
def openapi_schema() -> dict:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema))


def _absolute_refs(node):
    if isinstance(node, dict):
        return {k: (ROOT + v if k == "$ref" and v.startswith("#") else _absolute_refs(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_absolute_refs(v) for v in node]
    return node


@cache
def _registry_and_document():
    document = _absolute_refs(copy.deepcopy(openapi_schema()))
    registry = Registry().with_resource(ROOT, Resource.from_contents(document, default_specification=DRAFT202012))
    return registry, document


def _operation(method: str, path: str) -> tuple[str, dict | None]:
    """The path template and its operation for ``method`` (None: the path has no such method)."""
    for template, item in openapi_schema()["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path):
            return template, item.get(method)
    return "", None  # no such path: the API's catch-all 404


def _validate(body, schema: dict, where: str) -> None:
    registry, _document = _registry_and_document()
    validator = Draft202012Validator(
        _absolute_refs(schema), registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{where} does not match the schema: " + "; ".join(
        f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]
    )


def check_response(response, *, method: str, path: str) -> None:
    """Fail unless the response is one the schema documents, body included."""
    method = method.lower()
    if method == "head":
        method = "get"
    status = str(response.status_code)
    if status == "304":  # no body
        return
    template, operation = _operation(method, path)
    if operation is None:  # a method the read-only API does not offer: refused with a problem
        assert status in {"401", "404", "405"}, f"{method.upper()} {path} answered {status}"
        assert response.headers["Content-Type"] == "application/problem+json"
        _validate(json.loads(response.content), {"$ref": "#/components/schemas/Problem"}, f"{template} {status}")
        return
    responses = operation["responses"]
    assert status in responses, f"{method.upper()} {template} answered {status}, which the schema does not document"
    content_type = response.headers.get("Content-Type", "").split(";")[0]
    content = responses[status].get("content", {})
    assert content_type in content, f"{template} {status}: {content_type} not in {list(content)}"
    _validate(json.loads(response.content), content[content_type]["schema"], f"{template} {status}")


class ApiClient(Client):
    """A test client that sends ``token`` as a Bearer token and checks each API response against the schema."""

    def __init__(self, token: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.token = token

    def request(self, **request):
        if self.token is not None:
            request.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        response = super().request(**request)
        path = request["PATH_INFO"]
        if path.startswith("/api/v1/"):
            check_response(response, method=request["REQUEST_METHOD"], path=path)
        return response
