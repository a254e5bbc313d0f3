"""The configuration file: its models, and loading that names every error.

Every model forbids unknown keys so a typo is an error, not a silent default.
Secrets never come from the file: see `database_url`.
"""

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.config.checks import cross_checks
from bot.config.database_urls import usable_database_url
from bot.config.monthly import MonthlyDay
from bot.config.problems import describe, describe_problems
from bot.config.tomllines import key_lines

Locale = Literal["nl", "en"]
DATABASE_URL_ENV = "INITIATIEFBOT_DATABASE_URL"
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Strict):
    """A text in every language the bot speaks."""

    nl: NonEmpty
    en: NonEmpty

    def get(self, locale: str, address: str = "je") -> str:
        return self.en if locale == "en" else self.nl


class Addressed(Localized):
    """A text that speaks to its reader: in Dutch also with "u", for [municipality]
    address = "u" (without it the "je" text serves)."""

    u: NonEmpty | None = None

    def get(self, locale: str, address: str = "je") -> str:
        if locale == "nl" and address == "u" and self.u:
            return self.u
        return super().get(locale)


class Municipality(Strict):
    name: NonEmpty
    privacy_url: NonEmpty
    privacy_version: NonEmpty = "1"
    # How the bot addresses residents in Dutch: the informal "je" or the polite "u".
    address: Literal["je", "u"] = "je"

    @field_validator("privacy_url")
    @classmethod
    def _https(cls, value: str) -> str:
        if not value.startswith("https://"):
            raise ValueError("must be a link starting with https://")
        return value


class BotSettings(Strict):
    default_language: Locale = "nl"
    timezone: str = "Europe/Amsterdam"
    data_dir: NonEmpty = "data"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}, e.g. 'Europe/Amsterdam'") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class DatabaseSettings(Strict):
    url: str = ""

    @field_validator("url")
    @classmethod
    def _usable_without_password(cls, value: str) -> str:
        if not value:
            return value
        usable = usable_database_url(value)
        if urlsplit(usable).password:
            raise ValueError(
                f"holds a password; put the whole URL in the environment variable "
                f"{DATABASE_URL_ENV} (or the password in PGPASSWORD) instead"
            )
        return usable


class IntakeSettings(Strict):
    flow: str = ""
    keep_unfinished_days: int = Field(default=7, ge=1, le=365)
    next_steps: Addressed
    max_photos: int = Field(default=5, ge=0, le=20)
    location_radius_km: float = Field(default=5.0, gt=0, le=100)
    # The theme a resident lands on who does not know which fits ("weet ik niet").
    # Empty: the last theme in [[themes]].
    fallback_theme: str = ""


class LimitSettings(Strict):
    """What one person may send: a flood gets one friendly answer and is ignored, and so
    does a message too long to read."""

    messages_per_minute: int = Field(default=20, ge=1, le=1000)
    initiatives_per_day: int = Field(default=3, ge=1, le=100)
    max_message_chars: int = Field(default=4096, ge=100, le=4096)


class OutboxSettings(Strict):
    max_attempts: int = Field(default=8, ge=1, le=100)
    first_retry_seconds: float = Field(default=2.0, gt=0, le=3600)
    max_retry_seconds: float = Field(default=600.0, gt=0, le=86400)


class ConsoleSettings(Strict):
    account: NonEmpty = "bewoner"


class MonitoringSettings(Strict):
    """`/healthz` and `/metrics` of `initiatiefbot run`."""

    enabled: bool = False
    listen: NonEmpty = "127.0.0.1"
    port: int = Field(default=9464, ge=1, le=65535)


TELEGRAM_TOKEN_ENV = "INITIATIEFBOT_TELEGRAM_TOKEN"
TELEGRAM_WEBHOOK_SECRET_ENV = "INITIATIEFBOT_TELEGRAM_WEBHOOK_SECRET"


class TelegramSettings(Strict):
    """The Telegram bot; its token comes from INITIATIEFBOT_TELEGRAM_TOKEN."""

    enabled: bool = False
    # The bot's username (without @), for the return days' sign-up links on posters.
    username: str = Field(default="", pattern=r"^([A-Za-z][A-Za-z0-9_]{3,31})?$")
    mode: Literal["polling", "webhook"] = "polling"
    base_url: NonEmpty = "https://api.telegram.org/bot"
    base_file_url: NonEmpty = "https://api.telegram.org/file/bot"
    poll_timeout_seconds: int = Field(default=30, ge=0, le=50)
    webhook_url: str = ""
    webhook_listen: NonEmpty = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    photo_max_bytes: int = Field(default=5_000_000, ge=0, le=20_000_000)
    messages_per_second: float = Field(default=30.0, gt=0, le=1000)
    messages_per_chat_per_second: float = Field(default=1.0, gt=0, le=100)
    messages_per_group_per_minute: float = Field(default=20.0, gt=0, le=6000)

    @field_validator("base_url", "base_file_url")
    @classmethod
    def _http(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must be a URL starting with https:// (or http:// for a local server)")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _public_https(cls, value: str) -> str:
        if value and not value.startswith("https://"):
            raise ValueError("Telegram only calls webhooks on https:// URLs")
        return value


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
QUIET_HOURS = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$")
TIME_OF_DAY = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
SPAN = re.compile(r"^\s*([1-9][0-9]{0,3})\s+(working days?|days?|weeks?|months?|hours?)\s*$")


SpanUnit = Literal["working days", "days", "weeks", "months", "hours"]
UNITS: dict[str, SpanUnit] = {
    "working day": "working days",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "hour": "hours",
}


@dataclass(frozen=True)
class Span:
    """A waiting time as people say it: "2 working days", "10 days", "8 weeks", "12 months",
    "4 hours"."""

    amount: int
    unit: SpanUnit

    @classmethod
    def parse(cls, text: str) -> "Span":
        found = SPAN.match(text)
        if found is None:
            raise ValueError(
                "must be a number and a unit, such as '2 working days', '10 days', "
                "'8 weeks', '12 months' or '4 hours'"
            )
        return cls(int(found.group(1)), UNITS[found.group(2).removesuffix("s")])


def _span(text: str) -> str:
    Span.parse(text)
    return text


SpanText = Annotated[str, AfterValidator(_span)]


class WithSpans(Strict):
    """Settings that hold periods as text, validated as `SpanText`."""

    def span(self, key: str) -> Span:
        """One of the periods, e.g. `span("remind_after")`."""
        return Span.parse(getattr(self, key))


class ScheduleSettings(WithSpans):
    """When follow-ups may go out, and which days count as working days."""

    quiet_hours: str = "21:00-08:00"
    working_days: tuple[Weekday, ...] = Field(
        default=("mon", "tue", "wed", "thu", "fri"), min_length=1
    )
    public_holidays: str = "NL"
    working_holidays: tuple[NonEmpty, ...] = ("Good Friday",)
    extra_days_off: tuple[date, ...] = ()
    remind_after: SpanText = "2 working days"
    escalate_after: SpanText = "5 working days"
    checkin_after: SpanText = "10 days"
    stale_after: SpanText = "8 weeks"
    question_timeout: SpanText = "5 working days"
    pause_for: SpanText = "4 weeks"
    return_day_reminders: tuple[SpanText, ...] = ("7 days", "1 day")
    digest_at: str = "08:30"
    # When the followers ([[followers]]) get their weekly message: a weekday and a time.
    followers_day: Weekday = "mon"
    followers_at: str = "09:00"

    @field_validator("quiet_hours")
    @classmethod
    def _span(cls, value: str) -> str:
        if not QUIET_HOURS.match(value):
            raise ValueError("must be two times as 'HH:MM-HH:MM', such as '21:00-08:00'")
        return value

    @field_validator("digest_at")
    @classmethod
    def _time_or_nothing(cls, value: str) -> str:
        if value and not TIME_OF_DAY.fullmatch(value):
            raise ValueError("must be a time as 'HH:MM', such as '08:30', or '' for no digest")
        return value

    @field_validator("followers_at")
    @classmethod
    def _time(cls, value: str) -> str:
        if not TIME_OF_DAY.fullmatch(value):
            raise ValueError("must be a time as 'HH:MM', such as '09:00'")
        return value

    @field_validator("public_holidays")
    @classmethod
    def _country(cls, value: str) -> str:
        if value and value not in holidays.list_supported_countries():
            raise ValueError(f"no public holidays known for {value!r}; use a code such as 'NL'")
        return value

    def return_day_offsets(self) -> tuple[Span, ...]:
        """How long before a return day each of its reminders goes out."""
        return tuple(Span.parse(text) for text in self.return_day_reminders)

    def quiet_times(self) -> tuple[time, time]:
        start, end = self.quiet_hours.split("-")
        return time.fromisoformat(start), time.fromisoformat(end)


MATRIX_PASSWORD_ENV = "INITIATIEFBOT_MATRIX_PASSWORD"
MATRIX_ACCESS_TOKEN_ENV = "INITIATIEFBOT_MATRIX_ACCESS_TOKEN"
# A homeserver's name as it ends a Matrix id: gemeente.nl, matrix.org, localhost:8008.
ServerName = Annotated[str, Field(pattern=r"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$")]


class MatrixSettings(Strict):
    """The Matrix account; its password or access token comes from the environment."""

    enabled: bool = False
    homeserver: str = ""
    user_id: str = ""
    device_name: NonEmpty = "initiatiefbot"
    encryption: bool = True
    unverified_devices: Literal["send", "refuse"] = "send"
    invites_from: tuple[ServerName, ...] = ()
    reaction_shortcuts: bool = False
    sync_timeout_seconds: int = Field(default=30, ge=1, le=300)

    @field_validator("homeserver")
    @classmethod
    def _url(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("must be a URL such as https://matrix.gemeente.nl")
        return value.rstrip("/")

    @field_validator("user_id")
    @classmethod
    def _matrix_id(cls, value: str) -> str:
        if value and not re.fullmatch(r"@[a-z0-9._=/+-]+:[A-Za-z0-9.-]+(:[0-9]{1,5})?", value):
            raise ValueError("must be a full Matrix id such as @initiatiefbot:gemeente.nl")
        return value


# [latitude, longitude] in WGS 84 degrees, as a map shows them.
Point = tuple[
    Annotated[float, Field(ge=-90, le=90)],
    Annotated[float, Field(ge=-180, le=180)],
]


class Area(Strict):
    key: NonEmpty
    name: NonEmpty
    aliases: tuple[NonEmpty, ...] = ()
    postcodes: tuple[Annotated[str, Field(pattern=r"^[1-9][0-9]{3}$")], ...] = ()
    centre: Point | None = None
    polygon: tuple[Point, ...] = ()
    # The keys of the areas next to it: similar initiatives are looked for there too.
    # Neighbours are mutual: naming one on either side is enough.
    neighbours: tuple[NonEmpty, ...] = ()

    @field_validator("polygon")
    @classmethod
    def _closed_shape(cls, value: tuple[Point, ...]) -> tuple[Point, ...]:
        if value and len(value) < 3:
            raise ValueError("a polygon needs at least 3 points")
        return value

    def names(self) -> tuple[str, ...]:
        """Every name a resident may type for this area."""
        return (self.name, self.key, *self.aliases)


class Theme(Strict):
    key: NonEmpty
    name: Localized
    aliases: tuple[NonEmpty, ...] = ()
    # Words that point to this theme anywhere in an answer ("speeltuin" → youth),
    # matched on their stem and with room for a typo.
    keywords: tuple[NonEmpty, ...] = ()
    next_steps: Addressed | None = None

    def names(self) -> tuple[str, ...]:
        """Every name a resident may type for this theme, in either language."""
        return (self.name.nl, self.name.en, self.key, *self.aliases)


# "channel:id", e.g. telegram:123456789, matrix:@anna:gemeente.nl, console:anna.
Address = Annotated[
    str,
    Field(
        pattern=r"^(console|telegram|matrix):\S+$",
        description="channel:id with channel console, telegram or matrix",
    ),
]


class Person(Strict):
    """A contact or coordinator: a platform account and the name residents see."""

    account: Address
    name: NonEmpty


class Team(Strict):
    key: NonEmpty
    name: NonEmpty
    language: Locale = "nl"
    members: tuple[Person, ...] = ()
    notify: tuple[Address, ...] = ()

    def names(self) -> tuple[str, ...]:
        """What a contact may type to name this team, e.g. when forwarding."""
        return (self.name, self.key)


class Follower(Strict):
    """Who follows what happens in some areas without acting on it: a dorpsraad, a
    wijkprofessional, a partner organisation. Their chats get one message a week,
    with titles and statuses only: no personal data."""

    name: NonEmpty
    areas: tuple[NonEmpty, ...] = Field(min_length=1)
    chats: tuple[Address, ...] = Field(min_length=1)
    language: Locale = "nl"


class Route(Strict):
    """Initiatives of these areas and themes go to `team`; an empty list means any."""

    team: NonEmpty
    areas: tuple[NonEmpty, ...] = ()
    themes: tuple[NonEmpty, ...] = ()


class Routing(Strict):
    fallback_team: NonEmpty
    coordinators: tuple[Person, ...] = ()
    description_preview_chars: int = Field(default=400, ge=50, le=3000)


# A return day's purpose and programme, in the config as in chat: an invitation must
# fit in one message (Telegram takes 4096 characters).
RETURN_DAY_TEXT_MAX = 1000


class ReturnDaySettings(Strict):
    """A return day planned in the config rather than from chat; `key` names it for good.

    Its moment is either `at`, a fixed local time, or `on` and `time`, a day of the
    month that always lies ahead ("second thursday of next month", see `MonthlyDay`).
    """

    key: NonEmpty
    at: datetime | None = None  # local time in [bot] timezone, e.g. 2027-03-12T19:30:00
    on: str = ""
    time: str = ""
    place: NonEmpty
    # What a return day is and why to come, and its programme: in the invitation.
    purpose: Addressed | None = None
    programme: Localized | None = None
    areas: tuple[NonEmpty, ...] = ()
    themes: tuple[NonEmpty, ...] = ()
    team: str = ""
    # Invited by name (a masterclass's participants), the chats of followers by their
    # name, and whoever signs up through the day's link (`signup`).
    all_initiators: bool = True  # without areas, themes or team: every initiator, or none
    participants: tuple[Person, ...] = ()
    followers: tuple[NonEmpty, ...] = ()
    signup: bool = False
    capacity: int | None = Field(default=None, ge=1, le=10_000)  # people, guests included

    @field_validator("on")
    @classmethod
    def _monthly(cls, value: str) -> str:
        if value:
            MonthlyDay.parse(value)
        return value

    @field_validator("time")
    @classmethod
    def _time_of_day(cls, value: str) -> str:
        if value and not TIME_OF_DAY.fullmatch(value):
            raise ValueError("must be a time as 'HH:MM', such as '19:30'")
        return value

    @field_validator("purpose", "programme")
    @classmethod
    def _short(cls, value: Localized | None) -> Localized | None:
        if value is not None and any(
            len(text) > RETURN_DAY_TEXT_MAX for text in value.model_dump().values() if text
        ):
            raise ValueError(f"keep each text within {RETURN_DAY_TEXT_MAX} characters")
        return value

    @model_validator(mode="after")
    def _one_moment(self) -> "ReturnDaySettings":
        if (self.at is None) == (not self.on):
            raise ValueError("give either 'at' (a date and time) or 'on' with 'time', not both")
        if self.on and not self.time:
            raise ValueError("'on' needs 'time', such as time = \"19:30\"")
        if self.at is not None and self.time:
            raise ValueError("'time' goes with 'on'; 'at' holds its own time")
        return self

    def starts_at(self, zone: ZoneInfo, today: date) -> datetime:
        """When the day is, seen on `today` (the local date): `at`, or the next day `on`
        names, at `time`, in `zone`."""
        if self.at is not None:
            return self.at.replace(tzinfo=zone) if self.at.tzinfo is None else self.at
        return self.on_day(MonthlyDay.parse(self.on).first_after(today), zone)

    def on_day(self, day: date, zone: ZoneInfo) -> datetime:
        """`day` at `time`, in `zone`."""
        return datetime.combine(day, time.fromisoformat(self.time), tzinfo=zone)


class RetentionSettings(WithSpans):
    """How long residents' personal data is kept (AVG bewaartermijnen), and what an
    erasure ("vergeet mij") leaves of an initiative."""

    after_close: SpanText = "12 months"
    abandoned_after: SpanText = "30 days"
    warn_before: SpanText = "14 days"
    run_at: str = "10:00"
    erased_initiatives: Literal["anonymise", "delete"] = "anonymise"

    @field_validator("run_at")
    @classmethod
    def _time(cls, value: str) -> str:
        if not TIME_OF_DAY.fullmatch(value):
            raise ValueError("must be a time as 'HH:MM', such as '10:00'")
        return value


class CasesSettings(WithSpans):
    """What happens to a resident's words once their initiative is handed in."""

    # After a close, what the initiator writes still goes to the last contact (or
    # the team) for this long; later the bot tells them how to start anew.
    reopen_window: SpanText = "14 days"


class SimilarSettings(Strict):
    """Showing initiatives like a new one: to its initiator in the intake, and to its
    team ("lijkt op")."""

    enabled: bool = True
    # A finished initiative (done or not feasible) is shown this many months after
    # its close; 0 shows only open and running ones.
    finished_within_months: int = Field(default=6, ge=0, le=12)


class Question(Strict):
    """A common question the bot answers at once: its words, the answer and its source."""

    keywords: tuple[NonEmpty, ...] = Field(min_length=1)
    answer: Addressed
    source: NonEmpty


class Config(Strict):
    municipality: Municipality
    bot: BotSettings = BotSettings()
    database: DatabaseSettings = DatabaseSettings()
    intake: IntakeSettings
    outbox: OutboxSettings = OutboxSettings()
    limits: LimitSettings = LimitSettings()
    retention: RetentionSettings = RetentionSettings()
    console: ConsoleSettings = ConsoleSettings()
    monitoring: MonitoringSettings = MonitoringSettings()
    telegram: TelegramSettings = TelegramSettings()
    matrix: MatrixSettings = MatrixSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    areas: list[Area] = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)
    teams: list[Team] = Field(min_length=1)
    routes: list[Route] = []
    routing: Routing
    followers: list[Follower] = []
    return_days: list[ReturnDaySettings] = []
    cases: CasesSettings = CasesSettings()
    similar: SimilarSettings = SimilarSettings()
    faq: list[Question] = []

    def team(self, key: str) -> Team:
        return next(team for team in self.teams if team.key == key)

    def near(self, area: str) -> tuple[str, ...]:
        """`area` and the areas next to it, as either names the other. An area no longer
        in the config has none."""
        named = next((other.neighbours for other in self.areas if other.key == area), ())
        return (
            area,
            *(
                other.key
                for other in self.areas
                if other.key != area and (area in other.neighbours or other.key in named)
            ),
        )

    def fallback_theme(self) -> str:
        """The theme of a resident who does not know which fits."""
        return self.intake.fallback_theme or self.themes[-1].key


@dataclass(frozen=True)
class ConfigError(Exception):
    """Everything wrong with a config file, one `key.path: message` per line."""

    problems: tuple[str, ...]

    def __str__(self) -> str:
        return "\n".join(self.problems)


def load_config(path: Path) -> Config:
    """Read and validate `path`; raise `ConfigError` naming every problem."""
    text = read_text(path)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError((f"{path}: not valid TOML: {error}",)) from None
    try:
        config = Config.model_validate(raw)
    except ValidationError as error:
        raise ConfigError(describe_problems(error, text, Config)) from None
    lines = key_lines(text)
    problems = [describe(loc, message, lines) for loc, message in cross_checks(config)]
    if problems:
        raise ConfigError(tuple(problems))
    return config


def read_text(path: Path) -> str:
    """The text of a config or flow file; `ConfigError` names the file, and for bytes that
    are no UTF-8 (a file saved as Windows-1252, say) where the first such byte stands."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError((f"{path}: cannot read the file ({error.strerror})",)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConfigError(
            (
                f"{path}: not UTF-8 text: byte 0x{data[error.start]:02x} at offset "
                f"{error.start} (line {line}); save the file as UTF-8",
            )
        ) from None


def database_url(config: Config, environ: Mapping[str, str] = os.environ) -> str:
    """The database to use: the environment wins, then the file, then SQLite in data_dir.

    The file's URL was checked as it was read; the environment's is checked here, and a
    `ConfigError` names the variable.
    """
    if environ.get(DATABASE_URL_ENV):
        try:
            return usable_database_url(environ[DATABASE_URL_ENV])
        except ValueError as error:
            raise ConfigError((f"{DATABASE_URL_ENV}: {error}",)) from None
    if config.database.url:
        return config.database.url
    return f"sqlite:///{Path(config.bot.data_dir) / 'initiatiefbot.sqlite3'}"
