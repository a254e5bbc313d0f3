"""Every key the config models know is written out in config.example.toml."""

import tomllib
from typing import Any

import pytest
from pydantic import BaseModel

from bot.config.settings import Config
from tests.conftest import EXAMPLE_CONFIG

pytestmark = pytest.mark.pure


def model_keys(model: type[BaseModel], prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for name, field in model.model_fields.items():
        keys.add(prefix + name)
        for candidate in _models_in(field.annotation):
            keys |= model_keys(candidate, f"{prefix}{name}.")
    return keys


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def file_keys(value: Any, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict):
            for name, inner in item.items():
                keys.add(prefix + name)
                keys |= file_keys(inner, f"{prefix}{name}.")
    return keys


def test_every_config_key_appears_in_the_example() -> None:
    example = tomllib.loads(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    missing = model_keys(Config) - file_keys(example)
    assert not missing, f"document these keys in config.example.toml: {sorted(missing)}"
