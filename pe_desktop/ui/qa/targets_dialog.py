"""Add, edit and remove delivery targets; test a connection without freezing the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.qa.targets import TargetInfo, TargetService, check_webdav_url
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.forms import FormErrors, error_label
from pe_desktop.ui.widgets.messages import confirm, describe

OK_STYLE = "color: #1b6e20;"
BAD_STYLE = "color: #b3261e;"


class TargetsDialog(QDialog):
    """Targets on the left; the selected (or new) one's settings on the right."""

    def __init__(self, service: TargetService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Delivery targets")
        self.editing: TargetInfo | None = None

        self.list = QListWidget()
        self.list.setAccessibleName("Targets")
        self.list.currentItemChanged.connect(self._selected)
        add = QPushButton("&New target")
        add.clicked.connect(self.new_target)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_target)
        left = QVBoxLayout()
        left.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_button)
        left.addLayout(row)

        self.summary = error_label()
        self.errors = FormErrors(self.summary)
        form = QFormLayout()
        self.name = QLineEdit()
        self.errors.add_row(form, "name", "Name", self.name)
        self.is_folder = QRadioButton("A folder (OneDrive, SharePoint, USB…)")
        self.is_webdav = QRadioButton("A WebDAV server (Nextcloud, ownCloud…)")
        kinds = QButtonGroup(self)
        for b in (self.is_folder, self.is_webdav):
            kinds.addButton(b)
            b.toggled.connect(self._kind_changed)
        kind_box = QVBoxLayout()
        kind_box.addWidget(self.is_folder)
        kind_box.addWidget(self.is_webdav)
        form.addRow("Kind", kind_box)
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Folder")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        folder_row = QWidget()
        fl = QHBoxLayout(folder_row)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.folder)
        fl.addWidget(browse)
        self.folder_row = self.errors.add_row(form, "folder", "Folder", folder_row)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://cloud.example.org/remote.php/dav/files/you/QA/")
        self.errors.add_row(form, "url", "Address", self.url)
        self.user = QLineEdit()
        self.errors.add_row(form, "user", "User name", self.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors.add_row(form, "password", "Password", self.password)
        self.webdav_widgets = [self.url, self.user, self.password]

        self.test_button = QPushButton("&Test connection")
        self.test_button.clicked.connect(self.test_connection)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton("&Save target")
        self.save_button.clicked.connect(self.save)
        actions = QHBoxLayout()
        actions.addWidget(self.test_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addLayout(form)
        right.addLayout(actions)
        right.addWidget(self.result, 1, Qt.AlignmentFlag.AlignTop)

        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(body)
        outer.addWidget(close)
        self.resize(820, 420)
        self.refresh()

    # -- list ----------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for info in self.service.list():
            item = QListWidgetItem(f"{info.name}\n  {info.describe()}")
            item.setToolTip(info.describe())
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.list.addItem(item)
            if info.name == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        current = self.list.currentItem()
        if current is not None:
            self._load(current.data(Qt.ItemDataRole.UserRole))
        elif self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.new_target()

    def _selected(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self._load(item.data(Qt.ItemDataRole.UserRole))

    def _load(self, info: TargetInfo | None) -> None:
        self.editing = info
        self.errors.clear()
        self.result.setText("")
        self.name.setText(info.name if info else "")
        webdav = bool(info and info.kind == "webdav")
        (self.is_webdav if webdav else self.is_folder).setChecked(True)
        self.folder.setText(info.location if info and not webdav else "")
        self.url.setText(info.location if webdav else "")
        self.user.setText(info.user if info else "")
        self.password.clear()
        self.password.setPlaceholderText("(stored — leave empty to keep)" if webdav else "")
        self.remove_button.setEnabled(info is not None)
        self._kind_changed()

    def new_target(self) -> None:
        self.list.setCurrentItem(None)
        self._load(None)
        self.name.setFocus()

    def _kind_changed(self, *_: object) -> None:
        webdav = self.is_webdav.isChecked()
        self.folder_row.setEnabled(not webdav)
        for w in self.webdav_widgets:
            w.setEnabled(webdav)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder to deliver to", self.folder.text())
        if folder:
            self.folder.setText(folder)

    # -- actions -------------------------------------------------------------------
    def _form_info(self) -> TargetInfo:
        """What the form describes (validated), without saving it."""
        if self.is_webdav.isChecked():
            return TargetInfo(self.name.text().strip() or "new target", "webdav",
                              check_webdav_url(self.url.text()), self.user.text().strip())
        if not self.folder.text().strip():
            raise ValidationError({"folder": "Choose a folder."})
        return TargetInfo(self.name.text().strip() or "new target", "folder",
                          self.folder.text().strip())

    def save(self) -> bool:
        self.errors.clear()
        replace = self.editing is not None
        try:
            if replace and self.editing.name != self.name.text().strip():
                replace = False  # renamed: a new entry, then drop the old one
            if self.is_webdav.isChecked():
                info = self.service.add_webdav(self.name.text(), self.url.text(),
                                               self.user.text(), self.password.text() or None,
                                               replace=replace)
            else:
                info = self.service.add_folder(self.name.text(), self.folder.text(),
                                               replace=replace)
            if self.editing is not None and self.editing.name != info.name:
                self.service.remove(self.editing.name)
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return False
        except PEDesktopError as exc:
            self.errors.show({"": str(exc)})
            return False
        self.refresh(select=info.name)
        self.result.setText(f"Saved {info.name}.")
        self.result.setStyleSheet(OK_STYLE)
        return True

    def test_connection(self) -> None:
        self.errors.clear()
        try:
            info = self._form_info()
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        password = self.password.text() or None
        if info.kind == "webdav" and password is None and self.editing is not None \
                and self.editing.kind == "webdav":
            info = TargetInfo(self.editing.name, info.kind, info.location, info.user)
        if info.kind == "webdav" and info.user and password is None:
            try:  # on this thread: opening the secret store may ask for its passphrase
                password = self.service.password_for(info)
            except PEDesktopError as exc:
                self._test_failed(exc)
                return
        self.test_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(f"Testing {info.location} …")
        run_in_background(lambda: self.service.test(info, password), self._tested,
                          self._test_failed, owner=self)

    def _tested(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self.result.setStyleSheet(OK_STYLE)
        self.result.setText(f"✓ {message}")

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.result.setStyleSheet(BAD_STYLE)
        self.result.setText(f"✗ {describe(exc)}")

    def remove_target(self) -> None:
        if self.editing is None:
            return
        if not confirm(self, "Remove target", f"Remove the target {self.editing.name}? Files "
                       "already delivered stay where they are.", "Remove"):
            return
        self.service.remove(self.editing.name)
        self.refresh()
