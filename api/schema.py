"""OpenAPI additions: the Bearer token scheme, and the problem responses every operation can give."""
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

from .problems import PROBLEM_CONTENT_TYPE


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "personal_api_token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from your account page, sent as `Authorization: Bearer <token>`.",
        }


PROBLEMS = {
    "400": "A query parameter has a value the API cannot use (see errors).",
    "401": "No token, or the token is not valid.",
    "403": "The token's owner may not see this.",
    "404": "No such object, or the token's owner may not see it.",
    "429": "Too many requests: wait the number of seconds in Retry-After.",
}


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        from .serializers import ProblemSerializer

        responses = super()._get_response_bodies(direction)
        public = {} in self.get_auth()
        for code, description in PROBLEMS.items():
            if code in responses or (public and code in {"401", "403"}):
                continue
            response = self._get_response_for_code(ProblemSerializer, code, [PROBLEM_CONTENT_TYPE], direction)
            response["description"] = description
            responses[code] = response
        return responses
