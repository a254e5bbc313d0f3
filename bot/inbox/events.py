"""What an incoming event is, decided once, before anything is done with it.

Every event is exactly one of the kinds below. They are tried in this order, and
the first that fits wins:

1. Someone asks for the chat's id (`/chatid`): anyone, anywhere, is answered.
2. A return day's sign-up link or "aanmelden CODE": in a private chat a sign-up, from
   anyone; in a group they are told to sign up privately.
   Chatter in a group the config does not name: ignored until an admin adds it.
3. A message longer than anyone may write: refused (in a team chat, ignored).
4. A coordinator's block command, or their return-day command.
5. A contact command, typed, pressed or written as an answer to the bot's message
   about an initiative: in a team chat from anyone (the desk refuses residents),
   and from a contact or coordinator anywhere. Other talk in a team chat is theirs.
   A contact in the middle of an intake in their private chat answers it: only a
   command that names an initiative is still theirs to give.
6. A contact's `namens` in their private chat: an intake for a resident they met or
   phoned. From a resident it is just words.
7. A resident's button for a return day, a follow-up or a withdrawal, or their words to
   pause or stop check-ins (outside an intake).
8. A resident's button to meet or join another's initiative, or to answer such a wish,
   or their yes or no to showing their initiative as an example (whatever the
   conversation is at); typed, outside an intake, a wish, or `voorbeelden` to list the
   examples.
9. A resident's command about an initiative of theirs (outside an intake): withdraw
   it, add text or a photo to it.
10. Anything else is a turn of the resident's conversation.

Pure: it reads the message and the config, and asks `in_intake` only when it must.
"""

from collections.abc import Callable
from dataclasses import dataclass

from bot.accounts import Staff, address, staff_member, team_chat_owner
from bot.cases import examples
from bot.cases.commands import (
    Action,
    Malformed,
    ResidentAction,
    ResidentMalformed,
    Verb,
    parse_button,
    parse_contact_command,
    parse_resident_command,
    parse_withdraw_button,
    reply_to_message,
)
from bot.config.settings import Config
from bot.connections import commands as connecting
from bot.followups.answers import FollowUpAnswer, PreferenceChange, parse_answer, parse_preference
from bot.intake import on_behalf
from bot.intake.commands import asks_chat_id
from bot.messages import OPENED, Incoming
from bot.privacy.blocking import BlockCommand, parse_block_command
from bot.returndays import signup
from bot.returndays.commands import ReturnDayCommand, Rsvp, Unusable, parse_command, parse_rsvp


@dataclass(frozen=True, slots=True)
class Sender:
    """Who wrote, and where, as the config knows them."""

    chat: str  # "channel:id" of the chat it was said in
    account: str  # "channel:id" of the person
    staff: Staff | None  # None: a resident
    in_team_chat: bool

    @classmethod
    def of(cls, incoming: Incoming, config: Config) -> "Sender":
        chat = address(incoming.channel, incoming.chat_id)
        account = address(incoming.channel, incoming.sender_id)
        in_team_chat = team_chat_owner(config, chat) is not None
        return cls(chat, account, staff_member(config, account), in_team_chat)


@dataclass(frozen=True, slots=True)
class AsksChatId:
    """`/chatid`: the ids an admin needs to put this chat or account in the config."""


@dataclass(frozen=True, slots=True)
class Ignored:
    """Nothing to answer: why, for the debug log."""

    why: str


@dataclass(frozen=True, slots=True)
class TooLong:
    """Longer than anyone may write: refused unread."""

    length: int


@dataclass(frozen=True, slots=True)
class Blocking:
    """A coordinator blocks or unblocks an account, or asks which are blocked."""

    command: BlockCommand


@dataclass(frozen=True, slots=True)
class ReturnDayPlanning:
    """A coordinator plans, shows, moves or cancels a return day."""

    command: ReturnDayCommand | Unusable


@dataclass(frozen=True, slots=True)
class ContactCommand:
    """A contact acts on an initiative: claim, forward, close, reply …"""

    action: Action | Malformed


@dataclass(frozen=True, slots=True)
class OnBehalfIntake:
    """A contact starts an intake for a resident (`namens`), in their private chat."""

    staff: Staff


@dataclass(frozen=True, slots=True)
class ReturnDayAnswer:
    """An invitee's button: coming, not coming, maybe."""

    rsvp: Rsvp


@dataclass(frozen=True, slots=True)
class ReturnDaySignUp:
    """Someone came through a return day's sign-up link, or typed "aanmelden CODE"."""

    code: str


@dataclass(frozen=True, slots=True)
class SignUpInGroup:
    """ "aanmelden CODE" typed in a group chat (a dorpsraad's, where the invitation came)."""

    code: str


@dataclass(frozen=True, slots=True)
class FollowUpReply:
    """A resident's button under a check-in, a long-open question or an appointment."""

    answer: FollowUpAnswer


@dataclass(frozen=True, slots=True)
class CheckInPreference:
    """A resident pauses, stops or restarts their check-ins."""

    change: PreferenceChange


@dataclass(frozen=True, slots=True)
class ResidentCommand:
    """An initiator withdraws an initiative of theirs, or adds to it."""

    action: ResidentAction | ResidentMalformed


@dataclass(frozen=True, slots=True)
class Connecting:
    """A resident wants to meet another initiative's initiator, or to join it; or they
    answer what that wish asks of them."""

    command: connecting.ConnectionCommand


@dataclass(frozen=True, slots=True)
class ExampleAnswer:
    """An initiator's yes or no to their initiative being shown as an example."""

    answer: examples.Consent


@dataclass(frozen=True, slots=True)
class ExampleListing:
    """ "voorbeelden [kern|thema]": the examples to learn from."""

    asked: examples.Listing


@dataclass(frozen=True, slots=True)
class ResidentTurn:
    """One turn of the resident's conversation: the intake, or a command of theirs."""


Event = (
    AsksChatId
    | Ignored
    | TooLong
    | Blocking
    | ReturnDayPlanning
    | ContactCommand
    | OnBehalfIntake
    | ReturnDayAnswer
    | ReturnDaySignUp
    | SignUpInGroup
    | FollowUpReply
    | CheckInPreference
    | Connecting
    | ExampleAnswer
    | ExampleListing
    | ResidentCommand
    | ResidentTurn
)


def classify(
    incoming: Incoming,
    sender: Sender,
    config: Config,
    in_intake: Callable[[], bool],
    answering: Callable[[], bool] | None = None,
) -> Event:
    """The one kind `incoming` is (see the module's list, in order). `answering`: in an
    intake with something in it already (by default, any intake); one the chat's start
    opened is no reason to take "voorbeelden" or "kennismaken REF" for an answer."""
    if asks_chat_id(incoming.text):
        return AsksChatId()
    # A follower's chat is a group, also where a platform (the console) cannot tell.
    group = incoming.group or any(sender.chat in f.chats for f in config.followers)
    if (code := signup.code_in(incoming)) is not None:
        # Anyone, in a private chat (contacts come too); in a group, they are told to
        # sign up privately: one person's sign-up, not the group's.
        return SignUpInGroup(code) if group else ReturnDaySignUp(code)
    if group and not sender.in_team_chat:
        return Ignored("a group the config does not name, or a follower's")
    if len(incoming.text) > config.limits.max_message_chars:
        return (
            Ignored("too long, in a team chat")
            if sender.in_team_chat
            else TooLong(len(incoming.text))
        )
    if on_behalf.is_start(incoming.payload):
        # Only the inbox makes this payload (`OnBehalfIntake`); from outside it is forged.
        return Ignored("a forged start of an intake on someone's behalf")
    if sender.staff is not None:
        if blocking := parse_block_command(incoming.text):
            return Blocking(blocking)
        if planning := parse_command(incoming.text, config):
            return ReturnDayPlanning(planning)
    action = _contact_action(incoming, sender.staff is not None)
    if sender.in_team_chat:
        return ContactCommand(action) if action else Ignored("talk in a team chat")
    if sender.staff is not None:
        if action is not None and (_names_an_initiative(action) or not in_intake()):
            return ContactCommand(action)
        if not incoming.payload and on_behalf.asked_for(incoming.text):
            return OnBehalfIntake(sender.staff)
    return _from_resident(incoming, config, in_intake, answering or in_intake)


def _names_an_initiative(action: Action | Malformed) -> bool:
    """ "oppakken 2026-0042": a contact's command even in the middle of an intake, where
    "help", or a title that begins like a command ("Vraag over de speeltuin"), answers it."""
    return isinstance(action, Action) and bool(action.reference)


def _contact_action(incoming: Incoming, from_staff: bool) -> Action | Malformed | None:
    """The contact action a message asks for, if any."""
    if incoming.payload == OPENED and from_staff:
        return Action(Verb.HELP)
    if incoming.payload:
        return parse_button(incoming.payload)
    typed = parse_contact_command(incoming.text)
    if from_staff and incoming.replied_text and not isinstance(typed, Action):
        # A contact answering the bot's message about an initiative writes to its
        # resident, even when the answer happens to begin like a command ("Bericht…").
        return reply_to_message(incoming.replied_text, incoming.text) or typed
    return typed


def _from_resident(
    incoming: Incoming,
    config: Config,
    in_intake: Callable[[], bool],
    answering: Callable[[], bool],
) -> Event:
    if (rsvp := parse_rsvp(incoming.payload)) is not None:
        return ReturnDayAnswer(rsvp)
    if (answer := parse_answer(incoming.payload)) is not None:
        return FollowUpReply(answer)  # whatever the conversation is at
    if (sure := parse_withdraw_button(incoming.payload)) is not None:
        return ResidentCommand(sure)  # whatever the conversation is at
    if (pressed := connecting.parse_button(incoming.payload)) is not None:
        return Connecting(pressed)  # whatever the conversation is at
    if (consent := examples.parse_button(incoming.payload)) is not None:
        return ExampleAnswer(consent)  # whatever the conversation is at
    if incoming.payload:
        return ResidentTurn()
    if (change := parse_preference(incoming.text)) and not in_intake():
        return CheckInPreference(change)
    if (wish := connecting.parse_typed(incoming.text)) is not None and not answering():
        return Connecting(wish)
    if (asked := examples.parse_listing(incoming.text, config)) is not None and not answering():
        return ExampleListing(asked)
    command = parse_resident_command(incoming.text, photo=incoming.photo is not None)
    if command is not None and not in_intake():
        return ResidentCommand(command)
    return ResidentTurn()
