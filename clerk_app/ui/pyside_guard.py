"""A guard against reference-count bugs of PySide6 6.12 that abort the app during the day.

With the pinned PySide6/shiboken6 6.12.0 (CPython 3.11):

* every call of a C++ method that returns nothing (``label.setText(...)``, ``widget.show()``,
  ``timer.start()``, ``processEvents()``...) hands Python ``None`` without taking a reference
  to it, so each call takes one reference from ``None``;
* every ``signal.emit(...)`` does the same to ``True``, the value it returns.

``None`` holds a few tens of thousands of references once the app is loaded and ``True`` a few
thousand; a check-in costs about seventy such calls, a redraw of the turnout view a few hundred
(pyqtgraph emits on every setData). When a count reaches zero CPython aborts ("Fatal Python
error: none_dealloc" / "bool_dealloc"): hours into the polling day, or at the latest on exit.
On CPython 3.12+ these objects are immortal and nothing happens.

The guard, installed once before the first window, checks whether this PySide6 really loses
references and, if so, adds 2**48 references to ``None``, ``True`` and ``False`` — what 3.12
achieves by making them immortal. It changes nothing else and does nothing on 3.12+ or on a
PySide6 that is fixed. Remove it when the pinned PySide6 no longer has the bugs.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("clerk_app.ui.pyside_guard")

_RESERVE = 1 << 48 if ctypes.sizeof(ctypes.c_ssize_t) >= 8 else 1 << 28
_PROBES = 10
_installed = False


class _Probe(QObject):
    fired = Signal()


def lost_references() -> dict[str, int]:
    """References this PySide6 takes from None (void methods) and True (emit) in a few calls."""
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.setObjectName("probe")  # a method returning void
    none_lost = none_before - sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.fired.emit()
    return {"None": none_lost, "True": true_before - sys.getrefcount(True)}


def protect_singletons() -> bool:
    """Install the guard if this interpreter and this PySide6 need it; True when it is in place."""
    global _installed  # noqa: PLW0603 - once per process, like the bugs
    if _installed:
        return True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False  # None, True and False are immortal there
    lost = lost_references()
    if max(lost.values()) < _PROBES:
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object: the same as Py_IncRef, 2**48 times.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    _installed = True
    log.info("PySide6 reference bugs present (%s lost in %d calls): None/True/False protected", lost, _PROBES)
    return True
