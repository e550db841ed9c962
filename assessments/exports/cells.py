"""Spreadsheet cell safety: text that a spreadsheet would run as a formula is neutralised."""

# A leading = + - @ starts a formula in Excel, LibreOffice and Google Sheets; tab and carriage
# return are also treated as formula starts by some of them (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix text that would start a formula with a single quote; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [neutralise(value) for value in values]
