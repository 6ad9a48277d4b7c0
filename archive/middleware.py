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
