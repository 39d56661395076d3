"""The observe command (in progress)."""


def register_commands(app):
    pass


def main():
    pass
