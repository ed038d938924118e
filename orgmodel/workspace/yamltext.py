"""What YAML reads as text alike everywhere, as a class of characters, free of PyYAML (the early path of
``orgmodel check`` reads it without importing a YAML library).

>>> import re
>>> bool(re.fullmatch(f"[^{NOT_TEXT}]*", "Børn & Unge")), bool(re.fullmatch(f"[^{NOT_TEXT}]*", "a\\u2028b"))
(True, False)
"""

NOT_TEXT = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
"""The characters that do not read alike as text, for a class of characters (``[^…]``) of what may: control
characters, U+0085, U+2028 and U+2029 (line breaks in YAML 1.1, not in 1.2), a BOM, surrogates and what libyaml
refuses; so a tab and a lone CR are left out too."""
