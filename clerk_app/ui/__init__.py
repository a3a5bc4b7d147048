"""The check-in window (PySide6). The only package of clerk_app that imports Qt.

Widgets talk to the core through one Station object on the main thread; slow work (reading a
list file, importing it) goes through ``tasks.TaskRunner`` and comes back on the main thread.
"""
