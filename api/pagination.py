"""Numbered pages: ``?page=2&page_size=200``, with the total and links to the next and previous pages."""
from rest_framework.pagination import PageNumberPagination

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class ApiPagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_page_message = "There is no page {page_number}: pages start at 1 and stop at the last page."

    def get_paginated_response_schema(self, schema):
        # DRF writes OpenAPI 3.0's "nullable"; the API's schema is OpenAPI 3.1 (JSON Schema types).
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "description": "Items on every page together."},
                "next": {**link, "description": "The next page, or null on the last page."},
                "previous": {**link, "description": "The previous page, or null on the first page."},
                "results": schema,
            },
        }
