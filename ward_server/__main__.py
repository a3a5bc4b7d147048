"""``python -m ward_server``: the same as the ``ward-server`` command."""

from ward_server.cli import main

raise SystemExit(main())
