"""The plain text of a Markdown article: what a reader sees, without the markup.

``**bold**`` becomes ``bold``, ``[the city said](https://…)`` becomes ``the city said``,
list items keep a ``- `` marker so the cleaner knows them, and headings, block quotes and
code stay as their own lines. Raw HTML blocks are dropped. Parsing is markdown-it-py's
CommonMark parser, not hand-written rules.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark")


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)  # the alt text
    return "".join(parts).strip()


def markdown_to_text(source: str) -> tuple[str | None, str]:
    """The first top-level heading (if the document opens with one) and the plain text.

    Blocks are separated by blank lines, as the cleaner expects.
    """
    blocks: list[str] = []
    heading: str | None = None
    list_depth = 0
    in_heading = False
    for token in _PARSER.parse(source):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            text = _inline_text(token)
            if not text:
                continue
            if in_heading and not blocks and heading is None:
                heading = text
                continue
            blocks.append(f"- {text}" if list_depth else text)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip())
    return heading, "\n\n".join(block for block in blocks if block)


_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")
_LIST_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+])(?=\s|$)")


def text_to_markdown(text: str) -> str:
    """Plain text as Markdown that ``markdown_to_text`` reads back to the same text.

    Every line becomes its own paragraph (the cleaner treats lines as paragraphs), and every
    character Markdown could take for markup is escaped.
    """
    blocks = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            escaped = _SPECIAL.sub(r"\\\1", line)
            blocks.append(
                _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)
            )
    return "\n\n".join(blocks)
