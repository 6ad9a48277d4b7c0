from django.conf import settings


def content_security_policy(get_response):
    """Adds the Content-Security-Policy header (Django 5.2 has no built-in one)."""

    def middleware(request):
        response = get_response(request)
        # The admin ships inline scripts and styles; it keeps Django's own protections.
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response

    return middleware


def request_memo(get_response):
    """Gives each request its own memo for values that cannot change during it (facets.data_version)."""
    from .facets import request_memo as memo

    def middleware(request):
        token = memo.set({})
        try:
            return get_response(request)
        finally:
            memo.reset(token)

    return middleware
