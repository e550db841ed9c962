"""What every API view shares: read-only methods, conditional GET, validated query parameters."""
from __future__ import annotations

from rest_framework import viewsets
from rest_framework.request import Request

from api.conditional import ConditionalGetMixin


class ReadOnlyApiMixin(ConditionalGetMixin):
    http_method_names = ["get", "head"]
    lookup_value_converter = "int"  # /rounds/abc/ is a 404 from the URL resolver, never a query


class ApiViewSet(ReadOnlyApiMixin, viewsets.GenericViewSet):
    pass


class ApiReadOnlyModelViewSet(ReadOnlyApiMixin, viewsets.ReadOnlyModelViewSet):
    pass


def query_filters(request: Request, serializer_class) -> dict:
    """The query parameters a filter serializer knows, validated (400 problem with every error otherwise)."""
    known = {name: request.query_params[name] for name in serializer_class().fields if name in request.query_params}
    serializer = serializer_class(data=known)
    serializer.is_valid(raise_exception=True)
    return {key: value for key, value in serializer.validated_data.items() if value not in (None, "")}
