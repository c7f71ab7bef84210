"""The one error type services raise; views turn it into a message or a form error."""


class ApplicationError(Exception):
    """A rule of the service was broken; ``message`` is written for the person who acted."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
