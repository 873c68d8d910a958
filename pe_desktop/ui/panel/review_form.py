"""The QA criteria form: a rating and a comment per criterion, themes, good practice."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.qa.criteria import Criteria


class CriteriaForm(QWidget):
    """Built from :meth:`Criteria.template`; :meth:`form` returns the filled JSON form."""

    def __init__(self, criteria: Criteria, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criteria = criteria
        self.template: dict[str, Any] = {}
        self.ratings: dict[str, QComboBox] = {}
        self.comments: dict[str, QLineEdit] = {}
        self.excerpts: list[str] = []
        self.rows = QFormLayout()
        self.themes = QListWidget()
        self.themes.setMaximumHeight(110)
        self.themes.setAccessibleName("Themes")
        self.excerpt_list = QListWidget()
        self.excerpt_list.setMaximumHeight(70)
        self.excerpt_list.setAccessibleName("Excerpts")
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText("Overall comment")
        self.comment.setMaximumHeight(60)
        self.comment.setAccessibleName("Overall comment")
        self.reasons = QPlainTextEdit()
        self.reasons.setPlaceholderText("Moderation: reasons for the agreed view")
        self.reasons.setMaximumHeight(60)
        self.reasons.setAccessibleName("Moderation reasons")
        lay = QVBoxLayout(self)
        lay.addLayout(self.rows)
        lay.addWidget(QLabel("Themes"))
        lay.addWidget(self.themes)
        lay.addWidget(QLabel("Good-practice excerpts"))
        lay.addWidget(self.excerpt_list)
        lay.addWidget(self.comment)
        lay.addWidget(self.reasons)

    def load(self, template: dict[str, Any]) -> None:
        self.template = template
        while self.rows.rowCount():
            self.rows.removeRow(0)
        self.ratings.clear()
        self.comments.clear()
        for entry in template["ratings"]:
            box = QComboBox()
            box.addItem("— rate —", "")
            for r in self.criteria.ratings:
                box.addItem(r.label, r.key)
            others = entry.get("reviewers") or {}
            if others:
                box.setToolTip("; ".join(f"{n}: {self.criteria.label(v)}"
                                         for n, v in others.items()))
            comment = QLineEdit()
            comment.setPlaceholderText("Comment")
            comment.setAccessibleName(f"Comment: {entry['title']}")
            box.setAccessibleName(f"Rating: {entry['title']}")
            label = QLabel(entry["title"] + (" (" + ", ".join(
                f"{n}: {self.criteria.label(v)}" for n, v in others.items()) + ")"
                if others else ""))
            label.setToolTip(entry.get("guidance", ""))
            label.setWordWrap(True)
            w = QWidget()
            row = QVBoxLayout(w)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(box)
            row.addWidget(comment)
            # A wrapped label's height depends on its width, which the scroll area's
            # minimum size ignores: a firm minimum keeps each row whole (it scrolls).
            w.setMinimumHeight(w.sizeHint().height())
            self.rows.addRow(label, w)
            self.ratings[entry["key"]], self.comments[entry["key"]] = box, comment
        self.themes.clear()
        for t in template.get("allowed_themes", []):
            it = QListWidgetItem(t)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.themes.addItem(it)
        self.excerpts = []
        self.excerpt_list.clear()
        self.comment.setPlainText("")
        self.reasons.setPlainText("")

    def fill(self, ratings: dict[str, dict[str, str]], *, themes: tuple[str, ...] = (),
             excerpts: tuple[str, ...] = (), comment: str = "", reasons: str = "") -> None:
        """Show what is recorded (a review, or the moderated view) in the loaded form."""
        for key, value in ratings.items():
            if key in self.ratings:
                self.set_rating(key, value.get("rating", ""), value.get("comment", ""))
        chosen = set(themes)
        for i in range(self.themes.count()):
            item = self.themes.item(i)
            if item.text() in chosen:
                item.setCheckState(Qt.CheckState.Checked)
        for text in excerpts:
            self.add_excerpt(text)
        self.comment.setPlainText(comment)
        self.reasons.setPlainText(reasons)

    def set_rating(self, key: str, rating: str, comment: str = "") -> None:
        box = self.ratings[key]
        box.setCurrentIndex(box.findData(rating))
        self.comments[key].setText(comment)

    def add_excerpt(self, text: str) -> None:
        text = " ".join(text.split())
        if text and text not in self.excerpts:
            self.excerpts.append(text)
            self.excerpt_list.addItem(text)

    def form(self) -> dict[str, Any]:
        themes = [self.themes.item(i).text() for i in range(self.themes.count())
                  if self.themes.item(i).checkState() == Qt.CheckState.Checked]
        return {"criteria_version": self.criteria.version,
                "ratings": [{"key": k, "rating": b.currentData() or "",
                             "comment": self.comments[k].text()}
                            for k, b in self.ratings.items()],
                "themes": themes, "good_practice": list(self.excerpts),
                "comment": self.comment.toPlainText(),
                "reasons": self.reasons.toPlainText()}
