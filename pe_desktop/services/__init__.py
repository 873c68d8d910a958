"""Use cases shared by the GUI and the CLI.

Each service method opens one short Session, does its work in one transaction
and returns plain dataclasses (never live ORM objects).
"""
