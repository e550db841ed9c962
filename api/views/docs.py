"""The OpenAPI schema and its Swagger UI, both public and served from this origin.

The UI's page, script and styles all come from 'self' (drf-spectacular-sidecar's copy
of Swagger UI and the split view's separate init script), so the site-wide CSP applies
to these pages unchanged.
"""
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny


class SchemaView(SpectacularAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    authentication_classes = []
    permission_classes = [AllowAny]
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
    title = "Levelling-up readiness API"
