"""Sync with the ward server (docs/sync-protocol.md), without Qt.

For the UI (status bar, "Sync now", the enrol dialog):

- ``worker.SyncWorker(data_dir, on_status=callback, clerk=table_name)``: ``start()`` at app start,
  ``sync_now()`` for the button (or after a check-in), ``stop()`` at exit, ``status`` for the
  last value. The callback receives a ``status.SyncStatus`` **on the worker thread**: relay it to
  the UI thread (a Qt signal), never touch widgets from it. ``on_standing`` likewise receives the
  ward's average and this station's place (``clerk_app.turnout.WardStanding``) about once a
  minute while online; ``set_report_schedule`` changes when the turnout reports are recorded.
- ``enrol.enrol(station, url, code, store=credentials.default_store(), ca_bundle=...)``: run it
  through the UI's task runner (it talks to the network); it raises ``errors.BadEnrolment``,
  ``errors.NoSecureCredentialStore``, ``errors.Unreachable``, ``errors.Rejected`` or
  ``clerk_app.errors.StationMismatch``, and returns an ``enrol.EnrolResult`` (``has_list`` False:
  ask for the list file; ``restore_problem``: the worker finishes the restore when it can).
- ``Station.conflicts()`` and ``Station.list_conflicts()``: what to flag on the screen.

Modules: credentials (keyring), client (HTTP), protocol (wire format), outbox (unsent events
and acks), engine (one push/pull pass), worker (the thread), enrol, link (ward address),
reports (hourly turnout reports), status. This package's ``__init__`` imports nothing, so
``clerk_app.station`` can use ``outbox`` and ``reports`` without an import cycle.
"""
