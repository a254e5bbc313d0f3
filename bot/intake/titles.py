"""A short title made from a resident's story, for them to accept or replace."""

import re

from bot.intake.intent import is_greeting

# Openings that say "this is my idea" rather than what the idea is.
_OPENINGS = re.compile(
    r"^(?:(?:ik|wij|we)\s+(?:zou|zouden|wil|willen)(?:\s+graag)?(?:\s+(?:dat\s+er|voorstellen))?"
    r"|(?:ik\s+heb|wij\s+hebben|we\s+hebben)\s+(?:nog\s+)?(?:een\s+)?idee(?:\s*:|\s+voor)?"
    r"|mijn\s+idee\s+is(?:\s+om)?|graag|"
    r"(?:i|we)\s+(?:would\s+like|want|wish)(?:\s+to\s+(?:have|see|start))?"
    r"|(?:i|we)\s+have\s+an\s+idea(?:\s*:|\s+for)?|my\s+idea\s+is(?:\s+to)?)\s+",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
MAX_TITLE = 60


def title_from(story: str) -> str:
    """The first thing the story says, without greeting or opening, at most 60 characters."""
    sentences = [part.strip() for part in _SENTENCE.split(story.strip()) if part.strip()]
    while len(sentences) > 1 and is_greeting(sentences[0]):
        sentences = sentences[1:]
    first = sentences[0] if sentences else story.strip()
    first = _GREETING_LEAD.sub("", first)
    first = _OPENINGS.sub("", first, count=1).strip(" .!,;:")
    if len(first) > MAX_TITLE:
        cut = first[: MAX_TITLE - 1].rsplit(" ", 1)[0]
        first = cut.rstrip(" ,;:") + "\u2026"
    return first[:1].upper() + first[1:] if first else story.strip()[:MAX_TITLE]


# "Hoi! ik wil …", "Hallo, wij …": a greeting before the story.
_GREETING_LEAD = re.compile(
    r"^(?:hoi|hallo|hey|hee|hi|hello|goedemorgen|goedemiddag|goedenavond|beste)\b[\s!,.]*",
    re.IGNORECASE,
)
