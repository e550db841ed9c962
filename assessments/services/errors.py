class ActionRefused(Exception):
    """A write the rules do not allow; the message is shown to the user as it is."""

    def __init__(self, message: str, *, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []
