"""How easy a new password is to guess, by zxcvbn's estimate (common passwords, words, names,
keyboard patterns, repeats, sequences, dates, the person's own names), with the reason a person
is told in their language.

zxcvbn's lists are English; the words people in Belgium pick first (azerty, motdepasse,
wachtwoord, the cities…) are added to them. Only the first characters are weighed: the estimate
grows costly with length, and a long password is not the one that is easy to guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from zxcvbn import zxcvbn

from identity.password.errors import PasswordTooGuessableError

# 2: out of reach of online guessing (about 10^8 guesses), which the throttles and the lockout
# bound anyway; a random 8-character password reaches it, a common word with digits does not.
MIN_SCORE = 2
# A password made mostly of the person's own names is refused whatever its score.
PERSONAL_SHARE = 0.5
WEIGHED_CHARACTERS = 64
LOCAL_COMMON_WORDS = (
    "azerty", "azertyuiop", "qwertz", "motdepasse", "wachtwoord", "passwort", "kennwort",
    "bonjour", "salut", "soleil", "amour", "chocolat", "doudou", "loulou", "chouchou",
    "belgique", "belgie", "belgien", "bruxelles", "brussel", "wallonie", "vlaanderen",
    "liege", "namur", "charleroi", "mons", "anvers", "antwerpen", "gent", "leuven",
    "monespace", "fwb", "standard", "anderlecht", "football", "printemps", "hiver",
)  # fmt: skip
# The reason told, by the first weak pattern zxcvbn finds in the password.
_DICTIONARY_REASONS = {
    "passwords": "common",
    "male_names": "names",
    "female_names": "names",
    "surnames": "names",
    "english_wikipedia": "words",
    "us_tv_and_film": "words",
}
_PATTERN_REASONS = {
    "spatial": "keyboard",
    "repeat": "repeat",
    "sequence": "sequence",
    "regex": "dates",
    "date": "dates",
}


def check_guessability(password: str, *, personal: Iterable[str] = ()) -> None:
    """``PasswordTooGuessableError`` (its ``field``: the reason) below ``MIN_SCORE``.

    ``personal``: the person's username, names and e-mail, which a guesser tries first."""
    own = [word.lower() for word in personal if word]
    own_parts = [part for word in own for part in re.split(r"[\s.@_-]+", word) if len(part) > 2]
    # zxcvbn 4.5's date matcher anchors with "$", which also matches before a final newline,
    # then reads the newline as a number and raises ("3+934815\n_\n1"): weigh it as a space.
    weighed = password[:WEIGHED_CHARACTERS].replace("\n", " ")
    result = zxcvbn(weighed, user_inputs=[*own, *own_parts, *LOCAL_COMMON_WORDS])
    mine = set(own) | set(own_parts)
    if _personal_share(result["sequence"], mine, len(result["password"])) >= PERSONAL_SHARE:
        raise PasswordTooGuessableError("made of the person's names", field="personal")
    if result["score"] >= MIN_SCORE:
        return
    raise PasswordTooGuessableError(
        f"score {result['score']}", field=_reason(result["sequence"], mine)
    )


def _personal_share(matches: Sequence[dict[str, Any]], own: set[str], length: int) -> float:
    covered = sum(
        len(str(match.get("token", "")))
        for match in matches
        if match.get("dictionary_name") == "user_inputs" and match.get("matched_word") in own
    )
    return covered / length if length else 0.0


def _reason(matches: Sequence[dict[str, Any]], own: set[str]) -> str:
    for match in matches:
        pattern = match.get("pattern")
        if pattern == "dictionary":
            if match.get("dictionary_name") == "user_inputs":
                word = str(match.get("matched_word", ""))
                return "personal" if word in own else "common"
            return _DICTIONARY_REASONS.get(str(match.get("dictionary_name")), "common")
        if pattern in _PATTERN_REASONS:
            return _PATTERN_REASONS[str(pattern)]
    return "guessable"
