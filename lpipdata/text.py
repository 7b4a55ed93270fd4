"""Small wording helpers shared by pages and figure captions."""


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 partnership', '6 partnerships', '2 bodies' (count(2, 'body', 'bodies'))."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
