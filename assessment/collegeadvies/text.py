"""Plain text as the officer types it, read as blocks.

No HTML and no markup language: an empty line starts a new paragraph, a
line starting with "- " (or "* ", "• ") is an item of a bulleted list, a line
starting with "1." or "1)" an item of a numbered list. Everything else is
text; the templates escape it and the .docx writes it as text, so nothing
the officer types can become markup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BULLET = re.compile(r"^\s*[-*•]\s+")
NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+")


@dataclass
class Block:
    kind: str  # "p", "ul" or "ol"
    text: str = ""  # of a paragraph; its lines joined with a line break
    items: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def normalise(text: str) -> str:
    """Line ends as "\\n", no trailing spaces, at most one empty line in a row."""
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def blocks(text: str) -> list[Block]:
    result: list[Block] = []
    for line in normalise(text).split("\n"):
        if not line.strip():
            result.append(Block("break"))
            continue
        for kind, pattern in (("ul", BULLET), ("ol", NUMBER)):
            if pattern.match(line):
                item = pattern.sub("", line, count=1).strip()
                if result and result[-1].kind == kind:
                    result[-1].items.append(item)
                else:
                    result.append(Block(kind, items=[item]))
                break
        else:
            if result and result[-1].kind == "p":
                result[-1].text += "\n" + line.strip()
            elif result and result[-1].kind in ("ul", "ol") and line.startswith("  "):
                result[-1].items[-1] += " " + line.strip()  # an item's next line, indented
            else:
                result.append(Block("p", text=line.strip()))
    return [b for b in result if b.kind != "break"]


def items(text: str) -> list[str]:
    """Every line of ``text`` as an item, its list mark or number dropped:
    the beslispunten, one per line."""
    found = []
    for block in blocks(text):
        found += block.items if block.kind in ("ul", "ol") else block.text.split("\n")
    return [item for item in found if item]


def bullets(lines) -> str:
    return "\n".join(f"- {line}" for line in lines)


def numbered(lines) -> str:
    return "\n".join(f"{number}. {line}" for number, line in enumerate(lines, start=1))
