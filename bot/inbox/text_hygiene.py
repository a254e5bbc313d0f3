"""What arrives from a platform, made storable without changing what people wrote.

Text is kept exactly, with two exceptions no database can hold: NUL characters
(PostgreSQL text refuses them) are dropped, and lone UTF-16 surrogates (valid in
JSON escapes, not in UTF-8) become U+FFFD. Everything else, control characters,
bidi overrides and zero-width characters included, is kept; the renderers escape
it on the way out.
"""

import re
from dataclasses import replace

from bot.messages import Incoming

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def storable(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def cleaned(incoming: Incoming) -> Incoming:
    """`incoming` with every text in it storable."""
    return replace(
        incoming,
        text=storable(incoming.text),
        payload=storable(incoming.payload),
        replied_text=storable(incoming.replied_text),
        language=storable(incoming.language),
        sender_name=storable(incoming.sender_name),
    )
