# GOV.UK style dates: "28 November 2026", "28 November 2026 at 2:15pm".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y \\a\\t g:iA"
SHORT_DATE_FORMAT = "j M Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
