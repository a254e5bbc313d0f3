"""A corpus of hostile input: what a public chat bot will be sent sooner or later."""

from bot.config.settings import load_config
from tests.conftest import EXAMPLE_CONFIG

# Longer than this, a message is answered with "too long" ([limits] max_message_chars).
READABLE = load_config(EXAMPLE_CONFIG).limits.max_message_chars


def too_long(text: str) -> bool:
    return len(text) > READABLE


HOSTILE = (
    "",
    " ",
    "\x00",
    "nul\x00in het midden",
    "\x01\x02\x03\x07\x08\x1b[31mrood\x1b[0m\x7f",
    "\r\n\r\n\t\v\f",
    "\u202egnp.exe\u202c",  # a right-to-left override hiding a file name
    "\u2066\u2067\u2068isolates\u2069",
    "zero\u200bwidth\u200c\u200d\ufeffjoiners",
    "\u00ad\u034f\u180e\u2060\u2061",
    "<script>alert(1)</script>",
    "<b>vet</b> &amp; &lt;tag&gt; &#x3C; &",
    '</a><a href="javascript:alert(1)">klik</a>',
    "<img src=x onerror=alert(1)>",
    "*vet* _schuin_ `code` ```blok``` [link](http://example.invalid) ~~doorgestreept~~",
    "@everyone @room",
    "\\' OR 1=1; DROP TABLE initiatives; --",
    "%s %d {0} {name} {{}} %(x)s",
    "\ud800 een losse surrogaat \udfff",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466" * 50,
    "Z\u0351\u0314\u0346\u0300a\u0357\u0315l\u0316g\u0323o\u0352" * 30,
    "\ufdfd" * 100,
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u05e2\u05d1\u05e8\u05d9\u05ea mixed",
    "nieuw\u200b",  # looks like a command, is not quite
    "/start@someone_else_bot extra",
    "matrix:@" + "x" * 300 + ":example.org",  # an account too long to be one
    "1" * 5000,
    "x" * 1_000_000,  # a megabyte
    "a\n" * 3000,
)
# Button payloads nobody was offered, malformed or out of range.
FORGED_PAYLOADS = (
    "rsvp:1:yes",
    "rsvp:99999999999999999999999:yes",
    "rsvp:-1:yes",
    "rsvp:1:maybe:extra",
    "rsvp::",
    "ci:2026-0001:yes",
    "ci:9999-99999999999999999999:no",
    "st:../../etc/passwd:again",
    "appt:2026-0001:move",
    "again:2026-0001",
    "forget:yes",
    "forget:maybe",
    "claim:2026-0001",
    "claim:99999999999999999999",
    "show:\x00",
    "several:a|b|c",
    "edit:title",
    "edit:../../",
    "send",
    "start:ouddorp",
    "start:" + "x" * 500,
    "opened",
    "unreadable",
    "\ud800",
    ":" * 64,
    "x" * 10_000,
)
