"""Config problems as people read them: the key with list entries counted from 1, the
file line, and for an unknown key the known one it was probably meant to be.

pydantic names a place as `("teams", 0, "notify", 1)`; an administrator counts the
`[[teams]]` of the file from 1, as the bot counts everything it lists, so that place is
shown as `teams[1].notify[2]`.
"""

from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from bot.config.tomllines import Path as KeyPath
from bot.config.tomllines import key_lines, line_of

UNKNOWN_KEY = "extra_forbidden"


def where(loc: KeyPath) -> str:
    """`("teams", 0, "notify", 1)` as `teams[1].notify[2]`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text or "(file)"


def describe(loc: KeyPath, message: str, lines: dict[KeyPath, int]) -> str:
    """`key: message (line N)`; the line of the nearest key the file has."""
    line = line_of(lines, loc)
    return f"{where(loc)}: {message}" + (f" (line {line})" if line else "")


def describe_problems(
    error: ValidationError, text: str, model: type[BaseModel], prefix: str = ""
) -> tuple[str, ...]:
    """Each validation error of `model` read from `text`, as `prefix key: message (line N)`."""
    lines = key_lines(text)
    found = []
    for problem in error.errors():
        loc = tuple(problem["loc"])
        message = problem["msg"]
        if problem["type"] == UNKNOWN_KEY and loc and isinstance(loc[-1], str):
            message = unknown_key(loc[-1], keys_at(model, loc[:-1]))
        found.append(prefix + describe(loc, message, lines))
    return tuple(found)


def unknown_key(key: str, allowed: Sequence[str]) -> str:
    """What to say of a key no model knows: the likely one, or all there are."""
    close = get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key; did you mean {close[0]!r}?"
    return "unknown key; known keys here: " + ", ".join(allowed)


def keys_at(model: type[BaseModel], path: KeyPath) -> tuple[str, ...]:
    """The keys allowed in the table at `path` of a file `model` reads."""
    current = model
    for part in path:
        if isinstance(part, int):  # an entry of a list: the same model as the list's
            continue
        field = current.model_fields.get(part)
        inner = _model_in(field.annotation) if field else None
        if inner is None:
            return ()
        current = inner
    return tuple(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside `list[Area]`, `Addressed | None`, `tuple[Person, ...]` and so on."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None
