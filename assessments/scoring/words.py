"""Counting words for what a number counts: "6 authorities", "Median of 6 mayoral combined authorities"."""


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 authority", "6 authorities": the count with the right form of the noun."""
    if count == 1:
        return f"{count} {singular}"
    return f"{count} {plural_form or _pluralise(singular)}"


def _pluralise(noun: str) -> str:
    """English plural of the last word: authority -> authorities, partnership -> partnerships."""
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def group_label(*, count: int, kind: str = "", region: str = "", qualifier: str = "", noun: str = "authority") -> str:
    """What a median counts, in words: "National" only when nothing narrows the group.

    ``kind`` is a kind of authority in the singular, lower case ("mayoral combined authority");
    ``qualifier`` an adjective such as "approved". E.g. "Median of 6 mayoral combined
    authorities in the North West", "National median of 1 authority".
    """
    if not kind and not region and not qualifier:
        return f"National median of {plural(count, noun)}"
    described = plural(count, " ".join(filter(None, [qualifier, kind or noun])))
    if region:
        described += f" in {_region_phrase(region)}"
    return f"Median of {described}"


def _region_phrase(region: str) -> str:
    # ONS region names that read with "the": "the North West", "the East Midlands"; not "London".
    return region if region in {"London", "Yorkshire and The Humber", "Wales", "Scotland"} else f"the {region}"
