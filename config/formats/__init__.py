"""Date and time formats per language (``FORMAT_MODULE_PATH``): one date format and one
date-and-time format for each language, used by the admin, the sales screens and the public
pages alike. ``SHORT_*`` equal the long ones, so a template asking for either reads the same.
24-hour time everywhere: no "a.m." whose full stop doubles at the end of a sentence."""
