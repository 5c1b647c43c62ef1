"""Every sentence the runner reads, in one place (ready for translation)."""
