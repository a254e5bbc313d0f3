"""What every command loads: the config and its flow, refused where an answer or a key
could be longer than the database column that keeps it (PostgreSQL would refuse every
such submission), or where the environment's database URL cannot be used."""

from pathlib import Path

import pytest

from bot.cli.loading import load
from bot.cli.main import main
from bot.config.settings import ConfigError
from storage.models import Initiative, table_of
from tests.conftest import EXAMPLE_CONFIG

pytestmark = pytest.mark.pure

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")
SHIPPED_FLOW = (
    Path(__file__).resolve().parents[2] / "bot" / "config" / "data" / "intake.toml"
).read_text(encoding="utf-8")
TITLE_COLUMN = table_of(Initiative).c.title.type.length


def with_flow(tmp_path: Path, flow_text: str, config_text: str = EXAMPLE) -> Path:
    flow = tmp_path / "flow.toml"
    flow.write_text(flow_text, encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(config_text.replace('flow = ""', f'flow = "{flow}"'), encoding="utf-8")
    return path


def refused(path: Path) -> tuple[str, ...]:
    with pytest.raises(ConfigError) as caught:
        load(path)
    return caught.value.problems


def test_the_example_loads(tmp_path: Path) -> None:
    config, flow = load(with_flow(tmp_path, SHIPPED_FLOW))
    assert config.municipality.name == "Goeree-Overflakkee"
    assert flow.step("title").max_length == 80


def test_a_title_longer_than_its_column_is_refused(tmp_path: Path) -> None:
    path = with_flow(tmp_path, SHIPPED_FLOW.replace("max_length = 80", "max_length = 4000", 1))
    [problem] = refused(path)
    flow = tmp_path / "flow.toml"
    line = SHIPPED_FLOW.splitlines().index("max_length = 80") + 1
    assert problem == (
        f"intake.flow: {flow}: steps[2].max_length: step 'title' allows 4000 characters, "
        f"but the database keeps {TITLE_COLUMN}: set max_length to {TITLE_COLUMN} or less "
        f"(line {line})"
    )


def test_a_name_step_without_a_limit_is_refused_too(tmp_path: Path) -> None:
    name_step = SHIPPED_FLOW.index('id = "name"')
    text = SHIPPED_FLOW[:name_step] + SHIPPED_FLOW[name_step:].replace("max_length = 80\n", "", 1)
    [problem] = refused(with_flow(tmp_path, text))
    assert "steps[7].max_length: step 'name' allows 500 characters" in problem


def test_a_config_key_longer_than_its_column_is_refused(tmp_path: Path) -> None:
    long_key = "k" * 65
    text = EXAMPLE.replace('key = "west"', f'key = "{long_key}"').replace(
        'team = "west"', f'team = "{long_key}"'
    )
    [problem] = refused(with_flow(tmp_path, SHIPPED_FLOW, text))
    assert problem.startswith("teams[1].key: 65 characters, but the database keeps 64 (line ")


def test_every_problem_of_flow_config_and_environment_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INITIATIEFBOT_DATABASE_URL", "mysql://bot@db/bot")
    flow = SHIPPED_FLOW.replace("max_length = 80", "max_length = 300", 1)
    text = EXAMPLE.replace('place = "Het Diekhuus, Middelharnis"', f'place = "{"p" * 256}"')
    found = refused(with_flow(tmp_path, flow, text))
    assert [problem.split(": ")[0] for problem in found] == [
        "INITIATIEFBOT_DATABASE_URL",
        "intake.flow",
        "return_days[1].place",
    ], found


def test_check_config_refuses_them_with_exit_code_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INITIATIEFBOT_DATABASE_URL", "postgresql://bot@db:vijf/bot")
    path = with_flow(tmp_path, SHIPPED_FLOW.replace("max_length = 80", "max_length = 4000", 1))
    assert main(["check-config", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("INITIATIEFBOT_DATABASE_URL: has a server address or port")
    assert "steps[2].max_length: step 'title' allows 4000 characters" in err[1]


@pytest.mark.parametrize(
    ("url", "wrong"),
    [
        ("postgresql://bot@d#b:5x/bot", "cannot be read as a database URL"),
        ("sqlite://#/data/bot.sqlite3", "an SQLite URL names no server"),
    ],
)
def test_a_database_url_is_read_as_sqlalchemy_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, wrong: str
) -> None:
    """URLs that a plain URL parser reads (a # starts its fragment) but SQLAlchemy not."""
    monkeypatch.delenv("INITIATIEFBOT_DATABASE_URL", raising=False)
    in_file = EXAMPLE.replace('url = ""', f'url = "{url}"', 1)
    [problem] = refused(with_flow(tmp_path, SHIPPED_FLOW, in_file))
    assert problem.startswith(f"database.url: {wrong}")
    monkeypatch.setenv("INITIATIEFBOT_DATABASE_URL", url)
    [problem] = refused(with_flow(tmp_path, SHIPPED_FLOW))
    assert problem.startswith(f"INITIATIEFBOT_DATABASE_URL: {wrong}")
