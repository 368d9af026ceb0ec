"""Chinese full-text search over public publications (titles, bodies, attachment text).

    update(publication)   index it when public, drop it otherwise (the services call this on every change of state)
"""


def update(publication) -> None:
    """Placeholder until the index lands: the services already call it on every change of state."""
