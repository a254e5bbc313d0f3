"""Reading a yes or no keeps what was said only when it was a yes or no: a name, a
phone number or a story read on the way must not stay in memory after an erasure."""

import gc
import types

from bot.intake.intent import Intent, intent


def test_only_yes_and_no_answers_are_remembered() -> None:
    # Made here, not a constant of this code, which would hold it too.
    story = " ".join(["Mijn buurman Kees de Boer, 06 98765432,", "wil een moestuin"])
    assert intent(story) is None
    assert intent("ja hoor, klopt") is Intent.YES
    # Only this test's own frame holds the story.
    assert all(isinstance(holder, types.FrameType) for holder in gc.get_referrers(story))
    assert intent("ja hoor, klopt") is Intent.YES  # read from memory, the same
