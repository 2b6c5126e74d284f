"""Write a ``Story`` as JSON (for scripts) or Markdown (for write-ups); save files atomically."""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Any

from tui.core.model import REWRITE, Change, DiffOp, Passage, Story

FORMAT_VERSION = 1


def to_dict(story: Story) -> dict[str, Any]:
    """The story in the documented JSON shape (``version`` 1)."""
    return {
        "version": FORMAT_VERSION,
        "articles": [
            {
                "id": a.id,
                "source": a.source,
                "title": a.title,
                "outlet": a.outlet,
                "date": a.date,
                "url": a.url,
                "author": a.author,
                "text": a.text,
                "removed": list(a.removed),
                "stats": {
                    "words": story.stats[a.id].words,
                    "shared": round(story.stats[a.id].shared, 3),
                    "unique_passages": story.stats[a.id].unique_passages,
                },
            }
            for a in story.articles
        ],
        "passages": [
            {
                "id": p.id,
                "similarity": p.similarity,
                "same_wording": p.same_wording,
                "kind": p.kind,
                "base": p.members[p.base].article,
                "members": [
                    {
                        "article": m.article,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "changes": [
                            _change_dict(op, p, index)
                            for op in p.diffs[index]
                            if op.change is not Change.EQUAL
                        ],
                    }
                    for index, m in enumerate(p.members)
                ],
            }
            for p in story.passages
        ],
        "unique": [
            {"article": u.article, "start": u.start, "end": u.end, "text": u.text}
            for u in story.unique
        ],
        "problems": [{"source": p.source, "message": p.message} for p in story.problems],
    }


def _change_dict(op: DiffOp, passage: Passage, index: int) -> dict[str, Any]:
    base = passage.members[passage.base].text
    text = passage.members[index].text
    return {
        "change": op.change.value,
        "minor": op.minor,
        "base": base[op.a_start : op.a_end],
        "text": text[op.b_start : op.b_end],
        "start": op.b_start,
        "end": op.b_end,
    }


def to_json(story: Story) -> str:
    return json.dumps(to_dict(story), ensure_ascii=False, indent=2) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~!])")
_BLOCK_MARKER = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+>])(?=\s|$)")


def _escape_md(text: str) -> str:
    """Article text or metadata as literal Markdown: no emphasis, links, tables or HTML."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return " ".join(text.splitlines())


def _escape_block(text: str) -> str:
    """``_escape_md`` for text that starts a block: "1986." or "- " must not start a list."""
    return _BLOCK_MARKER.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", _escape_md(text))


def marked_version(passage: Passage, index: int) -> str:
    """One member's text with its differences from the base version marked.

    The marks are HTML, which Markdown passes through and which, unlike ``**`` or ``_``, work
    next to letters and punctuation: wording the base has and this version lacks is
    ``<del>``, wording this version adds is ``<ins>``, and a difference of punctuation, quotes
    or case only is ``<i>``.
    """
    base = passage.members[passage.base].text
    text = passage.members[index].text
    ops = passage.diffs[index]
    parts = [_escape_md(text[: ops[0].b_start] if ops else text)]
    for position, op in enumerate(ops):
        old, new = base[op.a_start : op.a_end], text[op.b_start : op.b_end]
        if op.change is Change.EQUAL:
            parts.append(_escape_md(new))
        elif op.minor:
            parts.append(f"<i>{_escape_md(new)}</i>" if new else "")
        else:
            struck = f"<del>{_escape_md(old)}</del>" if old else ""
            added = f"<ins>{_escape_md(new)}</ins>" if new else ""
            tail = next((part for part in reversed(parts) if part), "")
            gap_end = ops[position + 1].b_start if position + 1 < len(ops) else len(text)
            following = text[op.b_end : gap_end] or text[op.b_end : op.b_end + 1]
            if not new and tail and not tail[-1].isspace():
                struck = " " + struck  # a deletion sits right after the word before it
            elif not new and following[:1].isalnum():
                struck = struck + " "  # ...or right before the word after it
            parts.append(" ".join(part for part in (struck, added) if part))
        gap_end = ops[position + 1].b_start if position + 1 < len(ops) else len(text)
        parts.append(_escape_md(text[op.b_end : gap_end]))
    return "".join(parts)


def to_markdown(story: Story) -> str:
    """A report for write-ups: the articles, each shared passage with every outlet's version
    and its differences marked, then each article's single-source passages."""
    labels = {a.id: _escape_md(a.label) for a in story.articles}
    lines = ["# storydiff report", ""]
    lines.append(
        f"{len(story.articles)} articles from {len(story.outlets)} outlets, "
        f"{len(story.passages)} shared passages, {len(story.unique)} single-source passages."
    )
    lines += ["", "## Articles", "", "| id | outlet | title | date | words | shared |"]
    lines.append("|---|---|---|---|---|---|")
    for a in story.articles:
        stats = story.stats[a.id]
        cells = [_escape_md(value or "?") for value in (a.id, a.outlet, a.title, a.date)]
        lines.append(f"| {' | '.join(cells)} | {stats.words} | {stats.shared:.0%} |")
    lines += ["", "## Shared passages", ""]
    lines.append(
        "Each version is compared with the most common one (marked *base*): <del>struck</del> "
        "words are the base's, <ins>underlined</ins> words are this version's, <i>italic</i> "
        "marks a difference of punctuation, quotes or case only."
    )
    for passage in story.passages:
        outlets = ", ".join(labels[m.article] for m in passage.members)
        lines += [
            "",
            f"### {passage.id}: {len(passage.members)} outlets ({outlets}), {passage.kind}, "
            f"similarity {passage.similarity:.2f}",
            "",
        ]
        for index, member in enumerate(passage.members):
            tag = " *(base)*" if index == passage.base else ""
            # A rewrite is one fact in other words: a word diff would be noise (as in the
            # reader), so its versions are given whole.
            shown = (
                _escape_md(member.text)
                if passage.kind == REWRITE
                else marked_version(passage, index)
            )
            lines.append(f"- **{labels[member.article]}**{tag}: {shown}")
    lines += ["", "## Found in one source only", ""]
    for article in story.articles:
        entries = [u for u in story.unique if u.article == article.id]
        if not entries:
            continue
        lines += [f"### {labels[article.id]} ({_escape_md(article.id)})", ""]
        lines += [f"- {_escape_block(u.text)}" for u in entries]
        lines.append("")
    if story.problems:
        lines += ["## Problems", ""]
        lines += [f"- {_escape_block(str(p))}" for p in story.problems]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file beside it, then a link or a rename.

    Raises ``FileExistsError`` when ``path`` exists and ``overwrite`` is False, so a user's
    file is never replaced without being asked. A new file gets the usual permissions (the
    umask applies); an overwritten one keeps its own.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists (use --force to overwrite it)")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            if path.exists():
                shutil.copymode(path, temp)
            os.replace(temp, path)
            return
        try:
            # link() fails if the name appeared meanwhile, where rename() would clobber it.
            os.link(temp, path)
        except FileExistsError:
            raise FileExistsError(f"{path} already exists (use --force to overwrite it)") from None
        except OSError:
            # No hard links on this file system (FAT, some network shares): check, then rename.
            if path.exists():
                raise FileExistsError(f"{path} already exists") from None
            os.rename(temp, path)
    finally:
        if temp.exists():
            temp.unlink()
