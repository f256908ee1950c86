"""The French tag question "n'est-ce pas ?" kept a tag in English.

The French → Spanish → English chain reads the tag word for word ("n'est-ce pas" → "no es-este
paso" → "is not-this step"), and the "?" that closes it makes the whole sentence a question, so
`questions.py` puts the statement before it in question order: "C'est beau, n'est-ce pas ?" →
"Is it beautiful, no this is?". A tag asks nothing of the sentence before it: that sentence is
sent as a statement, the tag and its "?" as a token of letters the chain passes through as an
unknown word (as protected names are), and the token in the answer becomes "right?" after a
clause, "Isn't it?" where it stands alone. An answer that lost or doubled a token is not used:
the text goes as it was.
"""

from __future__ import annotations

import re

from pipeline.engines.translate.lookback import char_before

TOKEN = "XQTAGX"
# The tag, its question mark (a French space before it or none); not inside a word.
TAG = re.compile(r"(?<![\w-])n['’]est-ce\s+pas[ \u00a0\u202f]*+\?", re.IGNORECASE)
IN_ANSWER = re.compile(rf"{TOKEN}[ \u00a0\u202f]*+\.?", re.IGNORECASE)
OPENS = '.!?…:;"”»([—–'  # a character before the token (blanks aside) after which it stands alone


def untagged(text: str) -> tuple[str, int]:
    """`text` with each tag question a token closing a statement, and how many (none when the
    text holds the token's letters already)."""
    if TOKEN.lower() in text.lower():
        return text, 0
    return TAG.subn(f"{TOKEN}.", text)


def retagged(answer: str, count: int) -> str | None:
    """The answer with each token the English tag, or None when the chain lost or doubled
    one."""
    if count == 0:
        return answer
    if len(IN_ANSWER.findall(answer)) != count:
        return None

    def tag(match: re.Match[str]) -> str:
        head = char_before(answer, match.start())  # read back: linear
        return "Isn't it?" if not head or head in OPENS else "right?"

    return IN_ANSWER.sub(tag, answer)
