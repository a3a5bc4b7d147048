"""What each menu action does: open its form, ask the Station, show the outcome.

Every form follows one pattern (``_attempt``): the Station call runs on the main thread (it
owns the connection and each call is a few milliseconds); a refusal is shown inside the form
so the clerk can correct it; success closes the form, refreshes the screen and says what
happened in the outcome panel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication

from clerk_app import __version__, rules
from clerk_app.errors import CheckInRefused, PinRefused, StorageEnvironmentError
from clerk_app.model import PollsState
from clerk_app.paths import log_dir
from clerk_app.settings import FONT_SCALE, LANGUAGE, TABLE_NAME
from clerk_app.ui import i18n, messages, theme
from clerk_app.ui.dialogs import ConfirmDialog, FormDialog, InfoDialog
from clerk_app.ui.outcome_panel import Severity
from clerk_app.ui.report_actions import PAPER_LIST, REPORT_CSV, REPORT_PDF
from clerk_app.ui.station_dialogs import ClosePollsDialog, PinDialog, StopWaitingDialog, TableNameDialog
from clerk_app.ui.voter_dialogs import (
    AddVoterDialog,
    MarkElsewhereDialog,
    UndoDialog,
    UnmarkElsewhereDialog,
    check_in_text,
)

if TYPE_CHECKING:
    from clerk_app.ui.main_window import MainWindow

log = logging.getLogger("clerk_app.ui.commands")

SCALE_STEP = 0.1


class Commands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.station = window.station
        self.settings = window.settings

    def handlers(self) -> dict[str, Callable[[], None]]:
        return {
            "import_list": self.window.import_flow.choose_file,
            "quit": self.quit,
            "start_test_mode": self.start_test_mode,
            "end_test_mode": self.end_test_mode,
            "open_polls": self.open_polls,
            "close_polls": self.close_polls,
            "toggle_mobile_box": self.window.checkin.toggle_mobile_box,
            "add_voter": self.add_voter,
            "mark_elsewhere": self.mark_elsewhere,
            "unmark_elsewhere": self.unmark_elsewhere,
            "undo_check_in": self.undo_check_in,
            "turnout": self.window.open_turnout,
            "report_pdf": lambda: self.window.ask_report(REPORT_PDF),
            "report_csv": lambda: self.window.ask_report(REPORT_CSV),
            "paper_list": lambda: self.window.ask_report(PAPER_LIST),
            "language_vi": lambda: self.set_language(i18n.VIETNAMESE),
            "language_en": lambda: self.set_language(i18n.ENGLISH),
            "toggle_language": self.toggle_language,
            "larger_text": lambda: self.change_text_size(SCALE_STEP),
            "smaller_text": lambda: self.change_text_size(-SCALE_STEP),
            "set_pin": self.set_pin,
            "stop_waiting": self.stop_waiting,
            "table_name": self.table_name,
            "keyboard_help": self.keyboard_help,
            "about": self.about,
            **self.window.sync.handlers(),  # sync_now, conflicts, connect_ward (sync_commands.py)
        }

    def quit(self) -> None:
        self.window.close()

    # --- the common pattern -------------------------------------------------------------

    def _attempt(self, dialog: FormDialog, change: Callable[[], None]) -> None:
        """Run ``change``; on a refusal say why inside ``dialog``; on success close it."""
        try:
            change()
        except (CheckInRefused, PinRefused) as refusal:
            log.info("refused: %s", refusal.reason)
            dialog.show_error(messages.refusal_sentence(refusal.reason, _detail(refusal)))
            return
        except StorageEnvironmentError as exc:
            dialog.reject()
            self.window.show_disk_problem(exc)
            return
        dialog.accept()
        self.window.refresh()

    def _open_form(self, dialog: FormDialog, change: Callable[[], None]) -> None:
        dialog.submitted.connect(lambda: self._attempt(dialog, change))
        self.window.show_dialog(dialog)

    # --- polls --------------------------------------------------------------------------

    def start_test_mode(self) -> None:
        dialog = ConfirmDialog(
            self.window,
            self.tr("Start test mode"),
            self.tr(
                "Test mode is the check before election day: check-ins work as on the day, "
                "and all of them are wiped when the polls open."
            ),
            self.tr("Start test mode"),
        )
        self._open_form(dialog, self._start_test_mode)

    def _start_test_mode(self) -> None:
        self.station.start_test_mode()
        self.window.show_notice(Severity.INFO, lambda: self.tr("Test mode started"))

    def end_test_mode(self) -> None:
        dialog = ConfirmDialog(
            self.window,
            self.tr("End test mode"),
            self.tr("Leave test mode without opening the polls? Test check-ins are wiped."),
            self.tr("End test mode"),
        )
        self._open_form(dialog, self._end_test_mode)

    def _end_test_mode(self) -> None:
        wiped = self.station.end_test_mode()
        self.window.show_notice(
            Severity.INFO,
            lambda: self.tr("Test mode ended"),
            lambda: [self.tr("{count} test check-ins wiped.").format(count=messages.number(wiped))],
        )

    def open_polls(self) -> None:
        text = self.tr("Open the polls now? From now on every check-in counts.")
        if self.station.polls_state() is PollsState.TEST:
            tests = self.station.status().checked_in
            text += " " + self.tr("The {count} test check-ins will be wiped.").format(count=messages.number(tests))
        dialog = ConfirmDialog(self.window, self.tr("Open polls"), text, self.tr("Open polls"))
        self._open_form(dialog, self._open_polls)

    def _open_polls(self) -> None:
        self.station.open_polls()
        opened = self.station.polls_opened_at() or self.station.clock()
        log.info("polls opened")
        self.window.show_notice(
            Severity.INFO, lambda: self.tr("Polls opened at {time}").format(time=messages.clock_time(opened))
        )

    def close_polls(self) -> None:
        early = rules.is_early_close(self.station.clock())
        dialog = ClosePollsDialog(self.window, self.station.status(), early=early)
        self._open_form(dialog, lambda: self._close_polls(dialog))

    def _close_polls(self, dialog: ClosePollsDialog) -> None:
        self.station.close_polls(early=dialog.early, reason=dialog.reason.text())
        log.info("polls closed (early=%s)", dialog.early)
        self.window.show_notice(Severity.INFO, lambda: self.tr("Polls closed"))

    # --- voters -------------------------------------------------------------------------

    def add_voter(self) -> None:
        dialog = AddVoterDialog(self.window)
        self._open_form(dialog, lambda: self._add_voter(dialog))

    def _add_voter(self, dialog: AddVoterDialog) -> None:
        new = dialog.values()
        voter = self.station.add_voter(
            new.name, certificate=new.certificate, birth=new.birth, birth_year=new.birth_year,
            gender=new.gender, group=new.group, residence=new.residence, ballots=new.ballots,
        )  # fmt: skip
        log.info("voter added: list_no=%d", voter.list_no)
        notice = self.tr("Added to the list as No. {no}. Check the details, then press Enter to check in.")
        # The voter is at the table: go straight to their confirmation (after the form closes).
        dialog.finished.connect(lambda: self.window.checkin.open_voter(voter, notice=notice.format(no=voter.list_no)))

    def _context_list_no(self) -> int | None:
        voter = self.window.checkin.context_voter()
        return voter.list_no if voter is not None else None

    def mark_elsewhere(self) -> None:
        dialog = MarkElsewhereDialog(self.window, self.station.voter, self._context_list_no())
        self._open_form(dialog, lambda: self._mark_elsewhere(dialog))

    def _mark_elsewhere(self, dialog: MarkElsewhereDialog) -> None:
        list_no = dialog.list_no.list_no()
        assert list_no is not None  # validated by the form
        self.station.mark_voting_elsewhere(list_no, certificate=dialog.certificate.text())
        log.info("marked voting elsewhere: list_no=%d", list_no)
        self.window.show_notice(
            Severity.INFO, lambda: self.tr("No. {no} marked as voting elsewhere").format(no=list_no)
        )

    def unmark_elsewhere(self) -> None:
        dialog = UnmarkElsewhereDialog(self.window, self.station.voter, self._context_list_no())
        self._open_form(dialog, lambda: self._unmark_elsewhere(dialog))

    def _unmark_elsewhere(self, dialog: UnmarkElsewhereDialog) -> None:
        list_no = dialog.list_no.list_no()
        assert list_no is not None  # validated by the form
        self.station.undo_voting_elsewhere(list_no, reason=dialog.reason.text(), pin=dialog.pin.text())
        log.info("voting-elsewhere mark taken back: list_no=%d", list_no)
        self.window.show_notice(
            Severity.INFO,
            lambda: self.tr("No. {no} is no longer marked as voting elsewhere").format(no=list_no),
        )

    def undo_check_in(self) -> None:
        station = self.station
        dialog = UndoDialog(
            self.window, station.voter, self._context_list_no(), station.live_check_ins, station.device_id
        )
        self._open_form(dialog, lambda: self._undo_check_in(dialog))

    def _undo_check_in(self, dialog: UndoDialog) -> None:
        list_no = dialog.list_no.list_no()
        assert list_no is not None  # validated by the form
        chosen = dialog.chooser.chosen() if dialog.choosing() else None
        try:
            # The check-in the form showed, by name: a pull meanwhile cannot make it undo another.
            self.station.undo_check_in(
                list_no, reason=dialog.reason.text(), pin=dialog.pin.text(), check_in=dialog.chosen_check_in()
            )
        except PinRefused:
            dialog.pin.clear()  # a wrong PIN is typed again from scratch
            raise
        log.info("check-in undone: list_no=%d", list_no)
        if chosen is None:
            self.window.show_notice(Severity.INFO, lambda: self.tr("Check-in of No. {no} undone").format(no=list_no))
            return
        undone = check_in_text(chosen, self.station.device_id)
        self.window.show_notice(
            Severity.INFO,
            lambda: self.tr("Check-in of No. {no} undone").format(no=list_no),
            lambda: [self.tr("Undone: {check_in}. The other check-in stays.").format(check_in=undone)],
        )

    # --- settings -----------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Applied at once (every open widget re-reads its texts) and kept for the next start."""
        applied = i18n.apply_language(language)
        self.settings.set(LANGUAGE, applied)
        self.sync_language_checks()

    def toggle_language(self) -> None:
        other = i18n.ENGLISH if i18n.current_language() == i18n.VIETNAMESE else i18n.VIETNAMESE
        self.set_language(other)

    def sync_language_checks(self) -> None:
        current = i18n.current_language()
        self.window.menu_actions["language_vi"].setChecked(current == i18n.VIETNAMESE)
        self.window.menu_actions["language_en"].setChecked(current == i18n.ENGLISH)

    def change_text_size(self, step: float) -> None:
        scale = theme.clamp_scale(round(self.settings.get(FONT_SCALE) + step, 2))
        self.settings.set(FONT_SCALE, scale)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, scale)

    def stop_waiting(self) -> None:
        dialog = StopWaitingDialog(self.window, waiting=self.station.waiting_for_the_ward())
        self._open_form(dialog, lambda: self._stop_waiting(dialog))

    def _stop_waiting(self, dialog: StopWaitingDialog) -> None:
        if dialog.waiting:
            try:
                self.station.stop_waiting_for_the_ward(dialog.pin.text())
            except PinRefused:
                dialog.pin.clear()  # a wrong PIN is typed again from scratch
                raise
            self.window.show_notice(Severity.WARN, lambda: self.tr("Check-ins allowed before the ward was reached"))

    def set_pin(self) -> None:
        dialog = PinDialog(self.window, has_pin=self.station.has_pin())
        self._open_form(dialog, lambda: self._set_pin(dialog))

    def _set_pin(self, dialog: PinDialog) -> None:
        current = dialog.current.text() if dialog.has_pin else None
        self.station.set_pin(dialog.new.text(), current_pin=current)
        self.window.show_notice(Severity.INFO, lambda: self.tr("Team-leader PIN saved"))

    def table_name(self) -> None:
        dialog = TableNameDialog(self.window, self.settings.get(TABLE_NAME))
        self._open_form(dialog, lambda: self._table_name(dialog))

    def _table_name(self, dialog: TableNameDialog) -> None:
        name = " ".join(dialog.name.text().split())
        self.settings.set(TABLE_NAME, name)
        self.station.clerk = name  # recorded as the clerk of the next events

    # --- help ---------------------------------------------------------------------------

    def keyboard_help(self) -> None:
        self.window.show_dialog(InfoDialog(self.window, self.tr("Keyboard shortcuts"), keyboard_help_text()))

    def about(self) -> None:
        data_dir = self.station.data_dir
        text = self.tr("Voter check-in, version {version}\n\nData folder: {data}\nLog folder: {logs}").format(
            version=__version__, data=data_dir, logs=log_dir(data_dir)
        )
        self.window.show_dialog(InfoDialog(self.window, self.tr("About"), text))


def _detail(refusal: CheckInRefused | PinRefused) -> dict[str, object]:
    return refusal.detail if isinstance(refusal, CheckInRefused) else {}


def keyboard_help_text() -> str:
    lines = [
        QCoreApplication.translate("KeyboardHelp", "Type or scan: search (name, birth year, list number, card, ID)"),
        QCoreApplication.translate("KeyboardHelp", "↓ ↑ PgDn PgUp: choose a voter in the results"),
        QCoreApplication.translate("KeyboardHelp", "Enter: open the chosen voter; on the confirmation, check in"),
        QCoreApplication.translate("KeyboardHelp", "Esc: cancel the confirmation, or clear the search"),
        QCoreApplication.translate("KeyboardHelp", "F4 or Ctrl+M: mobile ballot box, on the confirmation"),
        QCoreApplication.translate("KeyboardHelp", "Ctrl+N: add a voter with a certificate"),
        QCoreApplication.translate(
            "KeyboardHelp", "Ctrl+E / Ctrl+Shift+B: mark a voter as voting elsewhere / take the mark back"
        ),
        QCoreApplication.translate("KeyboardHelp", "Ctrl+Shift+U: undo a check-in (team-leader PIN)"),
        QCoreApplication.translate("KeyboardHelp", "Ctrl+O: import the voter list"),
        QCoreApplication.translate("KeyboardHelp", "Ctrl+Shift+T / Ctrl+Shift+E: start / end test mode"),
        QCoreApplication.translate("KeyboardHelp", "Ctrl+Shift+O / Ctrl+Shift+C: open / close the polls"),
        QCoreApplication.translate("KeyboardHelp", "F5: turnout (team leader); Esc closes it"),
        QCoreApplication.translate(
            "KeyboardHelp", "Ctrl+Shift+R / Ctrl+Shift+X: turnout report as PDF / CSV · Ctrl+Shift+L: paper list"
        ),
        QCoreApplication.translate(
            "KeyboardHelp",
            "Ctrl+L: switch language (Ctrl+Shift+V / Ctrl+Shift+N: Vietnamese / English) · "
            "Ctrl++ or Ctrl+= / Ctrl+-: text size",
        ),
        QCoreApplication.translate("KeyboardHelp", "Ctrl+Shift+P: team-leader PIN · Ctrl+T: table name"),
        QCoreApplication.translate("KeyboardHelp", "Ctrl+Shift+H: when the hourly turnout reports are recorded"),
        QCoreApplication.translate("KeyboardHelp", "F9: sync with the ward server now"),
        QCoreApplication.translate(
            "KeyboardHelp", "Ctrl+Shift+G: check in without waiting for the ward (team-leader PIN)"
        ),
        QCoreApplication.translate(
            "KeyboardHelp",
            "Ctrl+Shift+D: conflicts between tables (checked in twice, or marked elsewhere and checked in)",
        ),
        QCoreApplication.translate("KeyboardHelp", "Ctrl+Shift+W: connect to the ward server"),
        QCoreApplication.translate("KeyboardHelp", "F1: these keys · Ctrl+F1: about the program"),
        QCoreApplication.translate("KeyboardHelp", "Ctrl+Q: quit"),
    ]
    return "\n".join(lines)
