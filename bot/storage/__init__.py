"""SQLite storage: one connection, migrations, repositories and PTB persistence."""
