"""Flag history: the first and last seen dates of every income-optimisation flag, kept in the
state database so a rebuild can never lose them (operations.md)."""
