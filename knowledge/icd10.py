"""ICD-10-CM code validation against the official code set carried in knowledge/sources/icd10cm.

The CMS/NCHS code list writes codes without the dot ("I219"); people and DDXPlus write them with a
dot, in either case ("i21.9"). `normalize` turns any of those into the display form "I21.9";
`IcdCodeSet.is_valid` accepts any category, subcategory or code present in the official list
(chapters and blocks such as "A00-A09" are not codes and are rejected).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

CODE_RE = re.compile(r"^[A-Z][0-9][0-9A-Z]([0-9A-Z]{1,4})?$")
CODE_LIST_FILE = "code-list-April-2026.txt"
TITLES_FILE = "titles.tsv"


def compact(code: str) -> str:
    """'i21.9 ' -> 'I219' (the form the official code list uses)."""
    return code.strip().upper().replace(".", "")


def normalize(code: str) -> str:
    """'i219' / 'I21.9' / ' i21.9' -> 'I21.9'; a 3-character category stays 'I21'."""
    c = compact(code)
    return c if len(c) <= 3 else f"{c[:3]}.{c[3:]}"


@dataclass(frozen=True)
class IcdCodeSet:
    codes: frozenset[str]  # compact form
    titles: dict[str, str]  # display form -> official short title

    @classmethod
    def load(cls, icd_dir: Path) -> "IcdCodeSet":
        codes = set()
        for line in (icd_dir / CODE_LIST_FILE).read_text().splitlines():
            c = line.strip().upper()
            if CODE_RE.match(c):
                codes.add(c)
        titles: dict[str, str] = {}
        titles_path = icd_dir / TITLES_FILE
        if titles_path.exists():
            with open(titles_path, newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f, delimiter="\t"):
                    titles[normalize(row["code"])] = row["title"]
        return cls(codes=frozenset(codes), titles=titles)

    def is_valid(self, code: str | None) -> bool:
        if not code:
            return False
        c = compact(code)
        return bool(CODE_RE.match(c)) and c in self.codes

    def title(self, code: str) -> str | None:
        return self.titles.get(normalize(code))

    def check(self, code: str | None) -> str:
        """Normalised code, or ValueError naming why it is not a valid ICD-10-CM code."""
        if not code:
            raise ValueError("no ICD-10-CM code")
        if "," in code:
            raise ValueError(f"{code!r} is a list of codes, not one code")
        if not self.is_valid(code):
            raise ValueError(f"{code!r} is not in the ICD-10-CM April 2026 code set")
        return normalize(code)
