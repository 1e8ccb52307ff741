"""Text helpers shared by the views: message packing within Telegram's limit, progress bars."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

View = tuple[str, InlineKeyboardMarkup | None]


def bar(fraction: float, width: int = 8) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "▰" * filled + "▱" * (width - filled)


def pack(blocks: list[str], limit: int = 4096) -> list[str]:
    """Join blocks with blank lines into as few messages as fit Telegram's limit.

    A block never straddles two messages; a block longer than the limit is split between its lines.
    """
    messages: list[str] = []
    current = ""
    for block in blocks:
        for piece in _split_lines(block, limit):
            candidate = f"{current}\n\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                messages.append(current)
                current = piece
    if current:
        messages.append(current)
    return messages


def _split_lines(block: str, limit: int) -> list[str]:
    pieces, current = [], ""
    for line in block.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
        else:
            if current:
                pieces.append(current)
            current = line[:limit]
    return [*pieces, current] if current else pieces
