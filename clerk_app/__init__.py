"""Offline-first voter check-in for a Vietnamese polling station (khu vực bỏ phiếu).

The core (everything outside ``clerk_app.ui``) never imports Qt, so it can be tested, scripted
and benchmarked without a QApplication.
"""

__version__ = "0.1.0"
