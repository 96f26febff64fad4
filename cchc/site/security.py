"""The portal's Content-Security-Policy, in one place.

Pages carry the policy as `<meta http-equiv="Content-Security-Policy">` (main.html); a
server in front of the site should send `CSP_HEADER` as a header too (the header form may
also forbid framing, which a meta tag cannot). Scripts come only from the site itself:
no inline script, no `javascript:` URL, no event-handler attribute runs. Styles allow
inline `style=` (Markdown tables align cells with it); images allow `data:` (Material's
icons are data: SVGs in its CSS).
"""

from __future__ import annotations

_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
CSP = "; ".join(_DIRECTIVES)
"""The policy every page's <meta http-equiv> carries."""
CSP_HEADER = f"{CSP}; frame-ancestors 'self'"
"""The same policy as a server header (nginx: add_header Content-Security-Policy "..." always;)."""
