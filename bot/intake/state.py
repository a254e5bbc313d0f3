"""A resident's place in the intake, and the fixed setting it runs in."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from bot.config.flows import Flow
from bot.config.settings import Area, Question, Theme
from bot.intake.geo import location_from_json, location_to_json
from bot.messages import Location

# An answer as stored: text, an option key, a list of keys, or a contact detail.
Answer = str | list[str] | dict[str, str] | None


@dataclass(frozen=True)
class Setting:
    """Everything about the municipality the conversation needs; fixed while running."""

    flow: Flow
    areas: tuple[Area, ...]
    themes: tuple[Theme, ...]
    municipality: str
    privacy_url: str
    privacy_version: str
    keep_unfinished: timedelta
    default_locale: str
    max_photos: int = 5
    location_radius_km: float = 5.0
    fallback_theme: str = ""  # the theme of "weet ik niet"
    faq: tuple[Question, ...] = ()
    address: str = "je"  # "je" or "u": how Dutch texts of the config speak to the resident
    # The options each step offers per language, made at first use (`answers.options`).
    made_options: dict[tuple[str, str], Any] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False
    )


@dataclass(frozen=True)
class State:
    """Where one resident is. `step` is None when no intake is under way."""

    locale: str
    step: str | None = None
    answers: Mapping[str, Answer] = field(default_factory=dict)
    history: tuple[str, ...] = ()
    editing: bool = False
    touched_at: datetime | None = None
    known: bool = False  # has talked to the bot before
    locale_chosen: bool = False  # chose a language; the app's language no longer counts
    photos: tuple[Mapping[str, str], ...] = ()  # {"file_id", "path"} of each photo sent
    preset: tuple[str, ...] = ()  # steps answered by the link the intake started from
    forgetting: bool = False  # asked to confirm "vergeet mij"; the intake waits meanwhile
    # Kept for the contact: questions asked along the way, and what answered nothing.
    questions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    place_detail: str | None = None  # more about where: "de Oostplaat", "bij de molen"
    location: Location | None = None  # the spot shared at the area question, for the contact
    # A contact answering for a resident (`namens`): {"by": their account, "name": theirs}.
    on_behalf: Mapping[str, str] | None = None
    # What similar initiatives were last looked for (`conversation.SUBJECT_STEPS`), so
    # that going back without changing it does not show them again.
    looked_for: str = ""

    @property
    def untouched(self) -> bool:
        """An intake under way in which nothing was answered or said yet: opened by
        the chat's start, not by anything the person wrote."""
        kept = (self.answers, self.questions, self.notes, self.photos, self.on_behalf)
        return self.step is not None and not any(kept)

    def idle(self) -> "State":
        """The same resident with no intake: only the language is kept."""
        return State(locale=self.locale, known=self.known, locale_chosen=self.locale_chosen)

    def hinted(self, language: str) -> "State":
        """Follow the language the person's app is set to, until they choose one."""
        if self.locale_chosen or not language:
            return self
        # Frisian speakers read Dutch; anyone else is better served in English.
        dutch = language.lower().split("-")[0] in ("nl", "fy")
        return replace(self, locale="nl" if dutch else "en")

    def at(self, step: str, now: datetime) -> "State":
        return replace(self, step=step, touched_at=now)

    def to_json(self) -> dict[str, Any]:
        return {
            "locale": self.locale,
            "step": self.step,
            "answers": dict(self.answers),
            "history": list(self.history),
            "editing": self.editing,
            "touched_at": self.touched_at.isoformat() if self.touched_at else None,
            "known": self.known,
            "locale_chosen": self.locale_chosen,
            "photos": [dict(photo) for photo in self.photos],
            "preset": list(self.preset),
            "forgetting": self.forgetting,
            "questions": list(self.questions),
            "notes": list(self.notes),
            "place_detail": self.place_detail,
            "location": location_to_json(self.location) if self.location else None,
            "on_behalf": dict(self.on_behalf) if self.on_behalf else None,
            "looked_for": self.looked_for,
        }

    @classmethod
    def of(cls, stored: Mapping[str, Any] | None, default_locale: str) -> "State":
        """A resident's state as stored; a newcomer (None) starts in the default language."""
        return cls.from_json(stored) if stored is not None else cls(default_locale)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "State":
        touched = data.get("touched_at")
        return cls(
            locale=data["locale"],
            step=data.get("step"),
            answers=dict(data.get("answers") or {}),
            history=tuple(data.get("history") or ()),
            editing=bool(data.get("editing")),
            touched_at=datetime.fromisoformat(touched) if touched else None,
            known=bool(data.get("known")),
            locale_chosen=bool(data.get("locale_chosen")),
            photos=tuple(dict(photo) for photo in data.get("photos") or ()),
            preset=tuple(data.get("preset") or ()),
            forgetting=bool(data.get("forgetting")),
            questions=tuple(data.get("questions") or ()),
            notes=tuple(data.get("notes") or ()),
            place_detail=data.get("place_detail"),
            location=location_from_json(data.get("location")),
            on_behalf=dict(data["on_behalf"]) if data.get("on_behalf") else None,
            looked_for=str(data.get("looked_for") or ""),
        )
