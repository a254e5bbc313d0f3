"""Hostile input through the real service, on SQLite and PostgreSQL: in every state of
a resident's conversation, in every contact command, and as forged buttons. Nothing
may raise, stored text is what was written (bar what no database can hold), and
the bot goes on working for everyone."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.inbox.text_hygiene import storable
from bot.intake.commands import parse_command
from bot.intake.state import State
from bot.messages import Incoming
from storage.models import Conversation
from tests.hostile import FORGED_PAYLOADS, HOSTILE, too_long
from tests.intake.chatting import DUTCH_INTAKE
from tests.town import Town

STEPS = [
    "consent",
    "title",
    "description",
    "area",
    "theme",
    "help_wanted",
    "name",
    "group",
    "brings",
    "contact",
]
_ids = itertools.count()
# Contact commands with room for free text, "{h}" where the hostile text goes.
COMMANDS = (
    "claim {h}",
    "toon {h}",
    "notitie {ref} {h}",
    "antwoord {ref} {h}",
    "vraag {ref} {h}",
    "afspraak {ref} 12-01-2031 14:00 {h}",
    "doorsturen {ref} {h}",
    "doorsturen {ref} midden {h}",
    "terugkomdag 2031-01-10 19:30 {h} voor alle",
    "terugkomdag 2031-01-10 19:30 Dorpshuis voor {h}",
    "terugkomdag verzet {h}",
    "terugkomdag verzet 99999999999999999999 2031-01-11 19:30",
    "terugkomdag annuleer 99999999999999999999",
    "terugkomdag toon {h}",
    "blokkeer {h}",
    "blokkeer {ref} {h}",
    "deblokkeer {h}",
    "{h}",
)


def conversation(town: Town, sender: str, chat: str = "") -> State | None:
    with town.db.transaction() as session:
        row = session.scalars(
            select(Conversation).where(
                Conversation.sender_id == sender, Conversation.chat_id == (chat or sender)
            )
        ).one_or_none()
        return State.from_json(row.state) if row else None


def at_step(town: Town, sender: str, step: int) -> None:
    """`sender` at question number `step` of a fresh intake."""
    town.say(sender, "stop")
    for text in ["nieuw", *DUTCH_INTAKE[:step]]:
        town.say(sender, text)
    state = conversation(town, sender)
    assert state is not None
    assert state.step == STEPS[step]


def test_the_corpus_at_every_question_changes_nothing_it_should_not(town: Town) -> None:
    for step, name in enumerate(STEPS):
        sender = f"r-{name}"
        at_step(town, sender, step)
        for text in HOSTILE:
            before = conversation(town, sender)
            town.say(sender, text)
            after = conversation(town, sender)
            assert after is not None
            if too_long(text):  # too long to read: not a thing changed
                assert after == before
                assert town.last(sender).startswith("Dat bericht is te lang voor mij")
            kept = after.answers.get(name)
            if isinstance(kept, str) and name in ("title", "description", "name"):
                assert kept == storable(text).strip()  # exactly what was written
            if after.step != name:
                at_step(town, sender, step)


def test_the_corpus_when_idle_is_relayed_exactly_or_answered(town: Town) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"claim {reference}", chat="team-west")
    for text in HOSTILE:
        town.say("bewoner", text)
        town.say("bewoner", "stop")  # where a text started an intake
        town.say("nieuwkomer", text)
    relayed = [data.get("text") for kind, _, data in town.trail(reference)]
    readable = [kept for t in HOSTILE if not too_long(t) and (kept := storable(t).strip())]
    for text in readable:
        if parse_command(text) is None:  # "nieuw\u200b" is still "nieuw"
            assert text in relayed, text[:40]
    assert not [text for text in relayed if text and too_long(text)]


def test_contact_commands_with_hostile_text_never_break(town: Town) -> None:
    reference = town.submit("bewoner")
    assert town.say("anna", f"claim {reference}", chat="team-west")
    for text, command in itertools.product(HOSTILE, COMMANDS):
        typed = command.format(h=text, ref=reference)
        town.say("anna", typed, chat="team-west")
        town.say("coordinator", typed)
    # The bot works on: the initiative can be shown, and a new one handed in and taken up.
    assert town.say("coordinator", f"toon {reference}")
    fresh = town.submit("nieuwkomer")
    assert town.say("anna", f"claim {fresh}", chat="team-west")
    assert town.say("anna", f"antwoord {fresh} Tot morgen!", chat="team-west")


def test_forged_buttons_are_refused_in_every_chat(town: Town) -> None:
    town.submit("bewoner")
    at_step(town, "halverwege", 3)
    for payload, chat in itertools.product(FORGED_PAYLOADS, ["", "team-west"]):
        # A start link or an opened chat is welcome from anyone; anything else is refused.
        welcome = payload == "opened" or payload.startswith("start:")
        assert not town.say("bewoner", "", chat=chat, payload=payload) or welcome
        assert not town.say("halverwege", "", payload=payload) or welcome
        # Contacts may press some of these for real (claim:REF); none may break anything.
        town.say("anna", "", chat=chat, payload=payload)
        town.say("coordinator", "", chat=chat, payload=payload)
    state = conversation(town, "halverwege")
    assert state is not None
    assert state.step == "area"  # still where they were


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sender=st.sampled_from(["bewoner", "buurman", "anna", "coordinator"]),
    chat=st.sampled_from(["", "team-west", "ergens-anders"]),
    text=st.one_of(st.text(max_size=300), st.sampled_from(HOSTILE[:-3])),
    payload=st.one_of(st.just(""), st.sampled_from(FORGED_PAYLOADS), st.text(max_size=70)),
    group=st.booleans(),
)
def test_any_message_from_anyone_anywhere_is_handled(
    town: Town, sender: str, chat: str, text: str, payload: str, group: bool
) -> None:
    event = f"h{next(_ids)}"
    incoming = Incoming("console", chat or sender, sender, event, text, payload, group=group)
    town.service.handle(incoming)  # raises on any failure: the property is that it does not
    state = conversation(town, sender, chat)
    if state is not None:
        assert state.step in {*STEPS, "confirm", None}
