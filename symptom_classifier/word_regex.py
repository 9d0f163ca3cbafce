"""Regular expressions that begin at a word boundary, compiled so the engine can skip ahead.

Python's regex engine jumps to where a match can start only when a pattern begins with a literal
or with one of a few literal characters. A pattern that begins with `\\b` gets neither, so it is
tried at every position of the text: a few microseconds a pattern on one sentence, and reading a
complaint runs hundreds of them. When a pattern begins with `\\b` and then a word character
(`\\b(?:my|his|her)\\s+back`), the boundary is the same test as "not after a word character",
which can be made right after that first character: `(?:m(?<!\\w.)y|h(?<!\\w.)is|...)`. The
pattern then matches exactly what it matched before, and the engine skips to its first letters.

Anything this cannot rewrite (another first item, a case-insensitive pattern, a Python whose
regex internals differ) is compiled as written.
"""

from __future__ import annotations

import re

try:  # the regex parser and compiler behind `re` (Python 3.11+); without them, plain re.compile
    import _sre
    from re import _compiler, _constants, _parser
except ImportError:  # pragma: no cover
    _compiler = _constants = _parser = _sre = None

_NOT_RESHAPED = re.IGNORECASE | re.LOCALE


def compile_word_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), with a leading `\\b` moved behind the first character where
    that lets the engine skip ahead (see the module's docstring); same matches either way."""
    if pattern.startswith(r"\b") and not flags & _NOT_RESHAPED and _parser is not None:
        try:
            reshaped = _boundary_after_first_character(pattern, flags)
        except Exception:  # internals of another Python version: compile as written
            reshaped = None
        if reshaped is not None:
            return reshaped
    return re.compile(pattern, flags)


def _boundary_after_first_character(pattern: str, flags: int) -> re.Pattern[str] | None:
    parsed = _parser.parse(pattern, flags)
    if parsed.state.flags & _NOT_RESHAPED or not parsed.data or parsed.data[0] != (
            _constants.AT, _constants.AT_BOUNDARY):
        return None
    del parsed.data[0]
    # the first item, inside any groups it opens with
    chain = [parsed]
    while chain[-1].data and chain[-1].data[0][0] is _constants.SUBPATTERN:
        chain.append(chain[-1].data[0][1][3])
    first = chain[-1]
    if not first.data:
        return None
    op, arg = first.data[0]
    if op is _constants.LITERAL and _is_word(arg):
        first.data.insert(1, _not_after_word_character())
    elif op is _constants.BRANCH and all(b.data and b.data[0][0] is _constants.LITERAL and _is_word(b.data[0][1])
                                         for b in arg[1]):
        for branch in arg[1]:
            branch.data.insert(1, _not_after_word_character())
            branch.width = None
    else:
        return None
    for sub in chain:
        sub.width = None  # widths were cached while parsing
    return _compile_parsed(pattern, parsed, flags)


def _is_word(code: int) -> bool:
    """A word character under any flags (ASCII letters, digits, underscore)."""
    ch = chr(code)
    return ch.isascii() and (ch.isalnum() or ch == "_")


def _not_after_word_character():
    """(?<!\\w.) as a parsed item: the character before the one just matched is no word character
    (or there is none). Right after a word character, that is what \\b before it meant."""
    return _parser.parse(r"(?<!\w.)").data[0]


def _compile_parsed(pattern: str, parsed, flags: int) -> re.Pattern[str]:
    """What re._compiler.compile does with a parsed pattern, keeping the pattern's text."""
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return _sre.compile(pattern, flags | parsed.state.flags, code, parsed.state.groups - 1,
                        groupindex, tuple(indexgroup))
