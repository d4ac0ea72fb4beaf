"""Reader and writer of the CPR-kontoret fixed-width extract (record layout P12170)."""
