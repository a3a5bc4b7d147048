"""Dialog building blocks: a form that reports refusals in place, notices, problem lists.

Dialogs are opened with ``open()`` (window-modal, not a nested event loop), so the window
and the tests keep running while one is up. A form emits ``submitted`` and stays open; the
handler closes it with ``accept()`` once the station took the change, or calls
``show_error`` (wrong PIN, missing reason ...) so the clerk can correct and retry.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


class FormDialog(QDialog):
    submitted = Signal()

    def __init__(self, parent: QWidget | None, title: str = "", intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.heading = QLabel(title)
        self.heading.setObjectName("dialogHeading")
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(intro))
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(self.tr("OK"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._on_ok)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def set_heading(self, title: str, intro: str = "") -> None:
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.intro.setText(intro)
        self.intro.setVisible(bool(intro))

    def add_row(self, label: str, field: QWidget) -> None:
        self.form.addRow(label, field)

    def set_ok_text(self, text: str) -> None:
        self.ok_button.setText(text)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def validate(self) -> str | None:
        """Checks a form can do before asking the station; return a message to refuse."""
        return None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_first_empty_field()

    def focus_first_empty_field(self) -> None:
        """The keyboard starts where typing is needed (a prefilled list number is skipped)."""
        edits: list[QWidget] = [
            edit
            for row in range(self.form.rowCount())
            if (item := self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)) is not None
            and (field := item.widget()) is not None
            for edit in ([field] if isinstance(field, QLineEdit) else field.findChildren(QLineEdit))
        ]
        empty = [edit for edit in edits if isinstance(edit, QLineEdit) and not edit.text()]
        fallback: list[QWidget] = [self.ok_button]
        target = (empty or edits or fallback)[0]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_ok(self) -> None:
        problem = self.validate()
        if problem:
            self.show_error(problem)
            return
        self.error.hide()
        self.submitted.emit()


class ConfirmDialog(FormDialog):
    """A yes/no question whose yes button says what it does ("Open polls", not "OK")."""

    def __init__(self, parent: QWidget | None, title: str, text: str, ok_text: str) -> None:
        super().__init__(parent, title, text)
        self.set_ok_text(ok_text)


class InfoDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        heading = QLabel(title)
        heading.setObjectName("dialogHeading")
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long text (the keyboard help at a larger text size) scrolls rather than run off a
        # 768-pixel screen with the Close button.
        self.text_area = QScrollArea()
        self.text_area.setWidget(self.text)
        self.text_area.setWidgetResizable(True)
        self.text_area.setFrameShape(QFrame.Shape.NoFrame)
        close = QPushButton(self.tr("Close"))
        close.setDefault(True)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text_area)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

    def showEvent(self, event: QShowEvent) -> None:
        """As tall as the text needs, within the screen (room kept for the heading and Close)."""
        screen = self.screen()
        room = screen.availableGeometry().height() * 2 // 3 if screen is not None else 480
        wanted = self.text.heightForWidth(max(self.text_area.viewport().width(), self.minimumWidth() - 40))
        self.text_area.setMinimumHeight(min(max(wanted, self.text.sizeHint().height()) + 4, room))
        super().showEvent(event)


class ProblemsDialog(InfoDialog):
    """A headline and a list of problems (e.g. a list file's errors, with row and column)."""

    def __init__(self, parent: QWidget | None, title: str, text: str, problems: list[str]) -> None:
        super().__init__(parent, title, text)
        self.problems = wrapped_list(problems)
        self.problems.setMinimumHeight(240)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(2, self.problems)
        self.resize(900, 480)


def wrapped_list(lines: list[str]) -> QListWidget:
    """A list whose long lines wrap instead of hiding behind a horizontal scroll bar."""
    widget = QListWidget()
    widget.setWordWrap(True)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideNone)
    widget.addItems(lines)
    return widget


def disk_problem_box(parent: QWidget | None, detail: str) -> QMessageBox:
    """The plain message for a full, read-only or locked disk: not a crash, something to fix."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("DiskProblem", "The disk has a problem"))
    box.setText(QCoreApplication.translate("DiskProblem", "The disk has a problem: {detail}").format(detail=detail))
    box.setInformativeText(
        QCoreApplication.translate(
            "DiskProblem",
            "Nothing was changed by the last action. Check that the disk is not full, not "
            "read-only and that no other program holds the station file, then try again. "
            "Check-ins saved before this are safe.",
        )
    )
    box.addButton(QCoreApplication.translate("DiskProblem", "Close"), QMessageBox.ButtonRole.AcceptRole)
    return box
