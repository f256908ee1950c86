"""Keep secrets out of every output: API keys travel in URLs and in error messages.

deep-translator puts keys in query strings (`api_key=`, `auth_key=`) and quotes them in its
exceptions (`AuthorizationException(api_key)`); requests quotes the URL in connection errors.
Anything an engine says goes through `redact` before it can reach a record, a log or run.json.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "[REDACTED]"
SECRET_PARAMETER = re.compile(
    r"(?i)(?<![\w-])((?:[\w-]*(?:key|token|secret|password|passwd|signature))=)([^&\s'\"<>]+)"
)  # started where a run of word characters starts: linear on long runs ("a-a-a-...")
# A scheme is at most 40 characters (real ones: under 20): a bounded attempt at each position.
URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{0,39}://)[^/\s:@]+:[^/\s@]+@")
MIN_SECRET = 4  # shorter values are not worth hiding (and would mask ordinary words)


def redact(message: str, secrets: Iterable[str] = ()) -> str:
    """`message` with secret query parameters, URL credentials and the given values masked."""
    for secret in sorted({s for s in secrets if len(s) >= MIN_SECRET}, key=len, reverse=True):
        message = message.replace(secret, MASK)
    message = SECRET_PARAMETER.sub(lambda m: m[1] + MASK, message)
    return URL_CREDENTIALS.sub(lambda m: m[1] + MASK + "@", message)
