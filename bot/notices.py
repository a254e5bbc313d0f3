"""What the core wants said, and to whom: every feature's answer before it is an outbox row,
and what handling an event came to."""

from collections.abc import Sequence
from dataclasses import dataclass

from bot.messages import Attachment, Choice, Handled, Location


@dataclass(frozen=True, slots=True)
class Reply:
    """A message to the resident; the shell addresses it and puts it in the outbox."""

    text: str
    choices: tuple[Choice, ...] = ()
    multiple: bool = False
    done_label: str = ""  # the button that ends a multiple choice, where there are buttons
    attachment: Attachment | None = None
    location: Location | None = None  # a map pin after the text, where the platform has one
    # Erasure's last word: the outbox forgets the row (and with it the chat) once sent.
    forget_once_sent: bool = False


@dataclass(frozen=True, slots=True)
class Notice:
    """A reply for any chat, addressed as "channel:id" (a team chat, a contact, a resident)."""

    chat: str
    reply: Reply


# Handled is frozen: one value serves every outcome that was simply done.
ACCEPTED = Handled()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What handling one event came to, whichever feature handled it: the messages to
    send, what the adapter tells the person (a refused button gets a note), and the
    initiatives (by reference) and return days (by number) whose follow-ups changed."""

    notices: Sequence[Notice] = ()
    handled: Handled = ACCEPTED
    replan: tuple[str, ...] = ()

    @classmethod
    def said(cls, chat: str, text: str, replan: tuple[str, ...] = ()) -> "Outcome":
        """One answer to the chat the event came from."""
        return cls((Notice(chat, Reply(text)),), ACCEPTED, replan)

    @classmethod
    def refused(cls, chat: str, text: str) -> "Outcome":
        """Nothing done: the chat is told why, and a pressed button shows it too."""
        return cls((Notice(chat, Reply(text)),), Handled(accepted=False, note=text))


IGNORED = Outcome(handled=Handled(accepted=False))
