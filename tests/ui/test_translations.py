"""Vietnamese from day one: every string translated, placeholders kept, files current."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from clerk_app.ui import messages
from clerk_app.ui.resources import i18n_dir

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = i18n_dir() / "clerk_app_vi.ts"
PLACEHOLDER = re.compile(r"\{(\w*)(?::[^}]*)?\}")


def messages_in_ts() -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(TS_FILE)
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    ]


def load_update_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_translated_and_finished() -> None:
    entries = messages_in_ts()
    assert len(entries) > 150
    missing = []
    for context, source, message in entries:
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not (translation.text or "").strip():
            missing.append(f"{context}: {source}")
    assert missing == []


def test_translations_keep_the_placeholders_and_the_mnemonics() -> None:
    for context, source, message in messages_in_ts():
        text = message.findtext("translation") or ""
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (context, source, text)
        if context == "Menus":
            assert ("&" in text) == ("&" in source), (source, text)


def test_the_ts_holds_every_string_of_the_code_and_the_qm_is_compiled_from_it() -> None:
    problems = load_update_script().check("vi")
    assert problems == []


@pytest.mark.parametrize("path", sorted((ROOT / "clerk_app" / "ui").glob("*.py")), ids=lambda p: p.name)
def test_no_string_hides_from_lupdate(path: Path) -> None:
    # lupdate only sees self.tr("..."), QCoreApplication.translate("Ctx", "...") and QT_TRANSLATE_NOOP:
    # a helper such as tr("...") or _("...") would leave the string untranslated for ever.
    text = path.read_text(encoding="utf-8")
    hidden = re.findall(r"(?<![\w.])(?:tr|_tr|_)\(\s*[\"']", text) + re.findall(r"\w\.tr\(\s*[\"']", text)
    hidden = [h for h in hidden if not h.startswith("f.tr")]  # self.tr ends in "f.tr"
    assert hidden == []


def test_every_refusal_code_of_the_core_has_a_message() -> None:
    core = (ROOT / "clerk_app" / "rules.py").read_text(encoding="utf-8") + (
        ROOT / "clerk_app" / "station.py"
    ).read_text(encoding="utf-8")
    codes = set(re.findall(r'CheckInRefused\(\s*"(\w+)"', core)) | set(re.findall(r'PinRefused\("(\w+)"', core))
    codes |= set(re.findall(r'"(\w+)" if self\.polls_state\(\)', core))
    pin_codes = set(re.findall(r'PinRefused\("(\w+)"\)', (ROOT / "clerk_app" / "pin.py").read_text(encoding="utf-8")))
    assert codes | pin_codes <= messages.known_reasons() | {"other_station"}
    assert "already_checked_in" in codes and "wrong_pin" in codes
