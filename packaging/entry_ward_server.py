"""What the bundled ``ward-server`` executable runs (PyInstaller needs a script, not a module)."""

from ward_server.cli import main

raise SystemExit(main())
