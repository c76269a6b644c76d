"""The floor for startup: a bare PySide6 window with a small table, painted once."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

app = QApplication(sys.argv)
window = QMainWindow()
table = QTableWidget(6, 8)
for row in range(6):
    for column in range(8):
        table.setItem(row, column, QTableWidgetItem(f"{row}-{column}"))
window.setCentralWidget(table)
window.resize(1280, 720)
window.show()
window.repaint()
print("first-paint", flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
