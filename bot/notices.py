"""What the core wants said, and to whom: every feature's answer before it is an outbox row."""

from dataclasses import dataclass

from bot.messages import Attachment, Choice


@dataclass(frozen=True, slots=True)
class Reply:
    """A message to the resident; the shell addresses it and puts it in the outbox."""

    text: str
    choices: tuple[Choice, ...] = ()
    multiple: bool = False
    done_label: str = ""  # the button that ends a multiple choice, where there are buttons
    attachment: Attachment | None = None
    # Erasure's last word: the outbox forgets the row (and with it the chat) once sent.
    forget_once_sent: bool = False


@dataclass(frozen=True, slots=True)
class Notice:
    """A reply for any chat, addressed as "channel:id" (a team chat, a contact, a resident)."""

    chat: str
    reply: Reply
