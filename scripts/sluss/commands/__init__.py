"""The thin `sluss` subcommands: parse arguments, call the layers, set the exit code."""
