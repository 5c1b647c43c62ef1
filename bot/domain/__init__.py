"""Pure coaching logic: no Telegram, no database, no clock reads."""
