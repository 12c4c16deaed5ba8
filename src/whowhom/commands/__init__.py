"""The commands of the ``whowhom`` CLI, one module per group of commands."""
