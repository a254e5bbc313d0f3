"""Intake flows as data: the steps a resident is asked, in order.

The default flow ships as `bot/config/data/intake.toml`; a municipality can point
`[intake] flow` at its own file in the same format.
"""

import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import Field, ValidationError, model_validator

from bot.config.problems import describe_problems
from bot.config.settings import Addressed, ConfigError, Localized, Strict, read_text

StepKind = Literal["consent", "text", "choice", "multi-choice", "area", "phone-or-email", "confirm"]
# Steps the rest of the bot relies on, with the kind each must have.
REQUIRED_STEPS = {"title": "text", "area": "area", "theme": "choice"}
OptionSource = Literal["themes"]


class Option(Strict):
    key: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    label: Localized
    aliases: tuple[str, ...] = ()
    # Words that point to this option anywhere in an answer, matched on their stem.
    keywords: tuple[str, ...] = ()


class Step(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    kind: StepKind
    label: Localized
    prompt: Addressed
    optional: bool = False
    min_length: int = Field(default=1, ge=1)
    max_length: int = Field(default=500, ge=1, le=4000)
    options: tuple[Option, ...] = ()
    options_from: OptionSource | None = None
    # Words that name this question at the summary: "het nummer klopt niet".
    keywords: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.kind in ("choice", "multi-choice") and not (self.options or self.options_from):
            raise ValueError(f"a {self.kind} step needs options or options_from")
        if self.min_length > self.max_length:
            raise ValueError("min_length is larger than max_length")
        return self


class Flow(Strict):
    version: int = Field(ge=1)
    steps: list[Step] = Field(min_length=3)

    @model_validator(mode="after")
    def _shape(self) -> Self:
        ids = [step.id for step in self.steps]
        if len(ids) != len(set(ids)):
            raise ValueError("step ids must be unique")
        if self.steps[0].kind != "consent":
            raise ValueError("the first step must be of kind 'consent'")
        if self.steps[-1].kind != "confirm":
            raise ValueError("the last step must be of kind 'confirm'")
        kinds = [step.kind for step in self.steps]
        if kinds.count("consent") != 1 or kinds.count("confirm") != 1:
            raise ValueError("a flow has exactly one consent and one confirm step")
        by_id = {step.id: step for step in self.steps}
        for step_id, kind in REQUIRED_STEPS.items():
            if step_id not in by_id or by_id[step_id].kind != kind:
                raise ValueError(f"a flow needs a step {step_id!r} of kind {kind!r}")
            if by_id[step_id].optional:
                raise ValueError(f"step {step_id!r} cannot be optional")
        return self

    def step(self, step_id: str) -> Step:
        return next(step for step in self.steps if step.id == step_id)

    def after(self, step_id: str) -> Step:
        index = [step.id for step in self.steps].index(step_id)
        return self.steps[index + 1]


def load_flow(path: str) -> Flow:
    """The flow at `path`, or the shipped one for an empty path."""
    if path:
        try:
            text = read_text(Path(path))
        except ConfigError as error:
            raise ConfigError(
                tuple(f"intake.flow: {problem}" for problem in error.problems)
            ) from None
    else:
        path = "intake.toml (shipped)"
        text = files("bot.config").joinpath("data", "intake.toml").read_text(encoding="utf-8")
    try:
        return Flow.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError((f"intake.flow: {path} is not valid TOML: {error}",)) from None
    except ValidationError as error:
        raise ConfigError(describe_problems(error, text, Flow, f"intake.flow: {path}: ")) from None
