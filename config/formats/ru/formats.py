"""Russian: "5 марта 2026" and "5 марта 2026, 14:30" (no "г." whose full stop would double at
the end of a sentence). Django's Russian input formats (25.10.2006, plus ISO) stay."""

DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
FIRST_DAY_OF_WEEK = 1  # Monday
