"""State that outlives every rebuild, copied into the working copy before dbt runs: the flag
history and the flags' amounts per run (state database), and the controllers' current decisions
(the web page's store). Runs read these; only a publish writes the state database, and nothing
here ever writes the decision store."""
