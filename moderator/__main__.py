from moderator.cli import cli

cli(prog_name="moderator")
