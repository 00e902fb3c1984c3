"""Running Etalase for real: backups and restores, and HTTP behaviour every page shares."""
