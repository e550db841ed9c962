"""'Stay signed in' from the timeout warning: extends the session (a write, so POST with CSRF)."""
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST


@never_cache
@require_POST
def keep_alive(request: HttpRequest) -> JsonResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    request.session.modified = True  # saved with a fresh expiry, even without SESSION_SAVE_EVERY_REQUEST
    return JsonResponse({"signed_in": True, "expires_in": request.session.get_expiry_age()})
