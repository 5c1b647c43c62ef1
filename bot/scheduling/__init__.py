"""JobQueue glue: the only place that schedules jobs. Jobs are rebuilt from SQLite at start."""
