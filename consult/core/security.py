"""HTTP security headers for every response."""

from flask import Flask, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # Plotly sets inline styles on the charts it draws; scripts stay strict.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


#: Headers for every response, unless the view set its own.
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def init_security_headers(app: Flask) -> None:
    """Add CSP and friends to every response; pages behind a secret link are never cached."""

    @app.after_request
    def add_headers(response):
        headers = dict(SECURITY_HEADERS)
        if request.endpoint and not request.endpoint.endswith("static"):
            headers["Cache-Control"] = "no-store"
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        # Set only what the view left open; asking werkzeug's headers for a missing name
        # one at a time raises (and builds) an exception for each.
        present = {name.lower() for name, _value in response.headers}
        for name, value in headers.items():
            if name.lower() not in present:
                response.headers.add(name, value)
        return response
