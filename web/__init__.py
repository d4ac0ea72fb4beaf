"""The controllers' web page (``shared/spec/worklist.md``): a Django project whose apps are one
concern each — ``accounts`` (users, roles, login), ``audit`` (the append-only audit store) and
``worklist`` (flags, decisions, CPR reveal, overview). It reads the warehouse through read-only
DuckDB connections and keeps its own database (users, decisions, audit) outside the warehouse."""
