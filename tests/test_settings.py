"""The typed settings registry: defaults, types, and surviving a damaged file."""

from __future__ import annotations

from pathlib import Path

import pytest

from clerk_app.settings import FONT_SCALE, LANGUAGE, RESULT_LIMIT, TABLE_NAME, Settings


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
