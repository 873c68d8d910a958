"""Setting a data directory up as a QA panel: start a new one (you chair it) or join
one as a member with the identity file and a round's request the chair sent you.

The same services as ``pe-desktop panel init`` and ``panel join``; the keys are made
in the background by the page (:meth:`PanelSetup.run_set_up`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

NEW = "new"
JOIN = "join"


class PanelSetupDialog(QDialog):
    """Asks which way and the details; :meth:`choice` gives them once accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set up a QA panel")
        self.setMinimumWidth(560)
        self.new_radio = QRadioButton("&Start a new panel (you chair it)")
        self.join_radio = QRadioButton("&Join a panel as a member")
        self.new_radio.setChecked(True)
        self.panel_name = QLineEdit()
        self.panel_name.setMaxLength(200)
        self.panel_name.setPlaceholderText("e.g. North partnership peer QA panel")
        self.panel_name.setAccessibleName("Panel name")
        self.your_name = QLineEdit()
        self.your_name.setMaxLength(200)
        self.your_name.setAccessibleName("Your name")
        self.your_name.setToolTip("The reviews and moderations you record carry it")
        self.identity = QLineEdit()
        self.identity.setAccessibleName("Panel identity file")
        self.identity.setPlaceholderText("the panel's age identity file from the chair")
        self.request = QLineEdit()
        self.request.setAccessibleName("Round request file")
        self.request.setPlaceholderText("a round's signed request (.peqa)")
        self.browse_identity = QPushButton("Bro&wse…")
        self.browse_identity.setAccessibleName("Choose the identity file")
        self.browse_identity.clicked.connect(lambda: self._browse(self.identity, "identity"))
        self.browse_request = QPushButton("Brows&e…")
        self.browse_request.setAccessibleName("Choose the request file")
        self.browse_request.clicked.connect(lambda: self._browse(self.request, "request"))

        form = QFormLayout()
        self.name_label = QLabel("&Panel name")
        self.name_label.setBuddy(self.panel_name)
        form.addRow(self.name_label, self.panel_name)
        you = QLabel("&Your name")
        you.setBuddy(self.your_name)
        form.addRow(you, self.your_name)
        self.identity_label = QLabel("&Identity file")
        self.identity_label.setBuddy(self.identity)
        form.addRow(self.identity_label, _with(self.identity, self.browse_identity))
        self.request_label = QLabel("&Request file")
        self.request_label.setBuddy(self.request)
        form.addRow(self.request_label, _with(self.request, self.browse_request))
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setAccessibleName("What to correct")
        note = QLabel("A new panel makes its encryption and signing keys here; save its "
                      "identity file afterwards and give it to your members. A member "
                      "needs that file and one of the panel's round requests.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Set &up")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.new_radio)
        lay.addWidget(self.join_radio)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.new_radio.toggled.connect(lambda _on: self._mode_changed())
        self._mode_changed()

    @property
    def mode(self) -> str:
        return NEW if self.new_radio.isChecked() else JOIN

    def _mode_changed(self) -> None:
        joining = self.mode == JOIN
        for w in (self.panel_name, self.name_label):
            w.setEnabled(not joining)
        for w in (self.identity, self.request, self.browse_identity, self.browse_request,
                  self.identity_label, self.request_label):
            w.setEnabled(joining)
        self.error.clear()

    def _browse(self, edit: QLineEdit, what: str) -> None:
        caption = ("The panel's identity file" if what == "identity"
                   else "A round's sample request")
        filters = ("Age identity (*.txt *.age *.key);;All files (*)" if what == "identity"
                   else "Sample request (*.peqa);;All files (*)")
        path, _ = QFileDialog.getOpenFileName(self, caption, "", filters)
        if path:
            edit.setText(path)

    def problems(self) -> list[tuple[QWidget, str]]:
        """What must be corrected before setting up, with the field to fix."""
        found: list[tuple[QWidget, str]] = []
        if not self.your_name.text().strip():
            found.append((self.your_name, "Give your name."))
        if self.mode == NEW:
            if not self.panel_name.text().strip():
                found.insert(0, (self.panel_name, "Give the panel a name."))
            return found
        for edit, label in ((self.identity, "the panel's identity file"),
                            (self.request, "a round's request file")):
            text = edit.text().strip()
            if not text:
                found.append((edit, f"Choose {label}."))
            elif not Path(text).is_file():
                found.append((edit, f"{text} is not a file: choose {label}."))
        return found

    def accept(self) -> None:
        found = self.problems()
        if found:
            self.error.setText(" ".join(message for _w, message in found))
            found[0][0].setFocus()
            return
        super().accept()

    def choice(self) -> dict[str, str]:
        """The mode and the values, stripped."""
        values = {"mode": self.mode, "name": self.your_name.text().strip()}
        if self.mode == NEW:
            values["panel"] = self.panel_name.text().strip()
        else:
            values["identity"] = self.identity.text().strip()
            values["request"] = self.request.text().strip()
        return values


def _with(edit: QLineEdit, button: QPushButton) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    row.addWidget(button)
    return box
