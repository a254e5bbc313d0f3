"""Matrix messages out (plain body, escaped HTML, numbered choices) and events in."""

from typing import Any

from adapters.matrix import render
from adapters.matrix.reading import from_event, replied_event_id, without_reply_fallback
from bot.messages import UNREADABLE, Choice, Location, Outgoing, Photo

BOT = "@initiatiefbot:gemeente.test"
RESIDENT = "@lies:gemeente.test"
DM = "!dm:gemeente.test"


def message(body: str, **content: Any) -> dict[str, Any]:
    return {
        "type": "m.room.message",
        "sender": RESIDENT,
        "event_id": "$e1",
        "content": {"msgtype": "m.text", "body": body, **content},
    }


def test_user_text_is_escaped_in_html_and_choices_are_numbered() -> None:
    question = Outgoing(
        "matrix",
        DM,
        "Klopt <b>dit</b> & dat?\nKies:",
        (Choice("yes", "Ja <script>"), Choice("no", "Nee")),
    )
    content = render.content(question)
    assert content["body"] == "Klopt <b>dit</b> & dat?\nKies:\n\n1. Ja <script>\n2. Nee"
    assert content["format"] == "org.matrix.custom.html"
    assert content["formatted_body"] == (
        "Klopt &lt;b&gt;dit&lt;/b&gt; &amp; dat?<br>Kies:"
        "<ol><li>Ja &lt;script&gt;</li><li>Nee</li></ol>"
    )


def test_number_reactions_only_for_a_single_choice_of_at_most_ten() -> None:
    three = tuple(Choice(str(n), str(n)) for n in range(3))
    assert render.reactions(Outgoing("matrix", DM, "?", three)) == render.NUMBER_REACTIONS[:3]
    assert render.reactions(Outgoing("matrix", DM, "?", three, multiple=True)) == ()
    eleven = tuple(Choice(str(n), str(n)) for n in range(11))
    assert render.reactions(Outgoing("matrix", DM, "?", eleven)) == ()
    assert render.reaction_number("2\ufe0f\u20e3") == 2
    assert render.reaction_number("\U0001f51f") == 10
    assert render.reaction_number("\U0001f44d") is None


def test_text_location_photo_and_what_cannot_be_read() -> None:
    text = from_event(message("Bankje bij de haven"), DM, BOT, False, "")
    assert text is not None
    assert (text.text, text.sender_id, text.event_id) == (
        "Bankje bij de haven",
        RESIDENT,
        "$e1",
    )
    located = from_event(
        message("Ouddorp", msgtype="m.location", geo_uri="geo:51.815,3.93;u=10"), DM, BOT, False, ""
    )
    assert located is not None
    assert located.location == Location(51.815, 3.93)
    photo = from_event(
        message("foto.jpg", msgtype="m.image", file={"url": "mxc://gemeente.test/abc"}),
        DM,
        BOT,
        False,
        "",
    )
    assert photo is not None
    assert photo.photo == Photo("mxc://gemeente.test/abc")
    voice = from_event(message("voice", msgtype="m.audio"), DM, BOT, False, "")
    assert voice is not None
    assert voice.payload == UNREADABLE


def test_own_messages_edits_notices_and_group_media_are_not_heard() -> None:
    own = dict(message("hallo"), sender=BOT)
    assert from_event(own, DM, BOT, False, "") is None
    edit = message("* Bankje", **{"m.relates_to": {"rel_type": "m.replace", "event_id": "$e0"}})
    assert from_event(edit, DM, BOT, False, "") is None
    assert from_event(message("beep", msgtype="m.notice"), DM, BOT, False, "") is None
    assert from_event(message("file", msgtype="m.file"), "!team:x", BOT, True, "") is None
    assert from_event({"type": "m.room.member", "sender": RESIDENT}, DM, BOT, False, "") is None


def test_a_reply_is_read_without_the_quoted_fallback() -> None:
    body = (
        "> <@initiatiefbot:gemeente.test> Nieuw initiatief 2026-0001\n> tweede regel\n\nIk bel je"
    )
    reply = message(body, **{"m.relates_to": {"m.in_reply_to": {"event_id": "$q"}}})
    assert replied_event_id(reply["content"]) == "$q"
    heard = from_event(reply, "!team:x", BOT, True, "Nieuw initiatief 2026-0001")
    assert heard is not None
    assert (heard.text, heard.replied_text) == ("Ik bel je", "Nieuw initiatief 2026-0001")
    assert without_reply_fallback("> geen fallback") == "> geen fallback"
