"""The typed settings registry: defaults, types, and surviving a damaged file."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.settings import (
    FONT_SCALE,
    LANGUAGE,
    REGISTRY,
    REPORT_FIRST_HOUR,
    REPORT_INTERVAL,
    REPORT_LAST_HOUR,
    RESULT_LIMIT,
    TABLE_NAME,
    Setting,
    Settings,
)
from clerk_app.storage.eventlog import MAX_CLERK_LENGTH


def test_defaults_then_saved_values_survive_a_restart(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    assert settings.get(LANGUAGE) == "vi"
    assert settings.get(RESULT_LIMIT) == 20
    settings.set(LANGUAGE, "en")
    settings.set(TABLE_NAME, "Bàn 2")
    again = Settings(tmp_path)
    assert again.get(LANGUAGE) == "en"
    assert again.get(TABLE_NAME) == "Bàn 2"
    assert "Bàn 2" in (tmp_path / "settings.json").read_text(encoding="utf-8")


def test_a_table_name_longer_than_the_ward_accepts_is_refused_and_ignored(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    settings.set(TABLE_NAME, "B" * MAX_CLERK_LENGTH)  # the longest the ward takes
    with pytest.raises(ValueError, match="table_name"):
        settings.set(TABLE_NAME, "B" * (MAX_CLERK_LENGTH + 1))
    assert Settings(tmp_path).get(TABLE_NAME) == "B" * MAX_CLERK_LENGTH  # the refused one changed nothing
    (tmp_path / "settings.json").write_text('{"table_name": "%s"}' % ("B" * 101), encoding="utf-8")
    assert Settings(tmp_path).get(TABLE_NAME) == TABLE_NAME.default  # a hand-edited file cannot stall sync


def test_wrong_types_are_refused_on_write_and_ignored_on_read(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    with pytest.raises(TypeError):
        settings.set(RESULT_LIMIT, "many")  # type: ignore[arg-type]
    (tmp_path / "settings.json").write_text('{"result_limit": "x", "font_scale": 2}', encoding="utf-8")
    again = Settings(tmp_path)
    assert again.get(RESULT_LIMIT) == 20
    assert again.get(FONT_SCALE) == 2.0


def test_a_damaged_file_falls_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert Settings(tmp_path).get(LANGUAGE) == "vi"


def test_the_report_schedule_settings_round_trip(tmp_path: Path) -> None:
    settings = Settings(tmp_path)
    assert (settings.get(REPORT_INTERVAL), settings.get(REPORT_FIRST_HOUR), settings.get(REPORT_LAST_HOUR)) == (
        60,
        7,
        19,
    )
    settings.set(REPORT_INTERVAL, 30)
    settings.set(REPORT_FIRST_HOUR, 5)
    settings.set(REPORT_LAST_HOUR, 21)
    again = Settings(tmp_path)
    assert (again.get(REPORT_INTERVAL), again.get(REPORT_FIRST_HOUR), again.get(REPORT_LAST_HOUR)) == (30, 5, 21)
    assert REGISTRY["report_interval_minutes"] is REPORT_INTERVAL


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        (REPORT_INTERVAL, 45),
        (REPORT_INTERVAL, 0),
        (REPORT_FIRST_HOUR, 4),
        (REPORT_FIRST_HOUR, 13),
        (REPORT_LAST_HOUR, 22),
    ],
)
def test_report_schedule_values_outside_the_allowed_ones_are_refused(
    tmp_path: Path, setting: Setting[int], value: int
) -> None:
    settings = Settings(tmp_path)
    with pytest.raises(ValueError):
        settings.set(setting, value)
    assert settings.get(setting) == setting.default
    assert not (tmp_path / "settings.json").exists()  # nothing written


def test_report_schedule_values_damaged_in_the_file_fall_back_to_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(
        '{"report_interval_minutes": 45, "report_first_hour": true, "report_last_hour": 19.0}', encoding="utf-8"
    )
    settings = Settings(tmp_path)
    assert (settings.get(REPORT_INTERVAL), settings.get(REPORT_FIRST_HOUR), settings.get(REPORT_LAST_HOUR)) == (
        60,
        7,
        19,
    )
    with pytest.raises(TypeError):
        settings.set(REPORT_FIRST_HOUR, True)
