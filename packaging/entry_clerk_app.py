"""What the bundled ``clerk-app`` executable runs (PyInstaller needs a script, not a module)."""

from clerk_app.cli import main

raise SystemExit(main())
