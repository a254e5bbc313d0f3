import pytest

from bot.config.tomllines import key_lines, line_of

pytestmark = pytest.mark.pure


TEXT = """\
top = 1
[a]
x = 1
y.z = "two"
text = \"\"\"
fake = 3
\"\"\"
[[items]]
key = "first"
[[items]]
key = "second"
[items.inner]
deep = true
"""


def test_keys_tables_and_array_entries_have_their_lines() -> None:
    lines = key_lines(TEXT)
    assert lines[("top",)] == 1
    assert lines[("a",)] == 2
    assert lines[("a", "y", "z")] == 4
    assert lines[("items", 0, "key")] == 9
    assert lines[("items", 1, "key")] == 11
    assert lines[("items", 1, "inner", "deep")] == 13


def test_text_inside_a_multiline_string_is_not_a_key() -> None:
    assert ("a", "fake") not in key_lines(TEXT)


def test_an_unknown_key_falls_back_to_its_table() -> None:
    lines = key_lines(TEXT)
    assert line_of(lines, ("items", 1, "missing")) == 10
    assert line_of(lines, ("nowhere",)) is None
