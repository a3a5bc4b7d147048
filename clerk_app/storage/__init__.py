"""SQLite storage for one station: schema and migrations, list import, the event log."""
