"""Rendering helpers keep within Telegram's limits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from handlers.text import pack

lines = st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=300)
blocks = st.lists(lines, min_size=1, max_size=40).map("\n".join)


@given(st.lists(blocks, min_size=1, max_size=30))
def test_pack_fits_every_message_and_keeps_every_line(parts: list[str]) -> None:
    limit = 1000
    messages = pack(parts, limit)
    assert all(len(message) <= limit for message in messages)
    joined = "\n".join(messages)
    for part in parts:
        for line in part.split("\n"):
            assert line in joined


def test_small_blocks_share_a_message() -> None:
    assert pack(["a", "b", "c"]) == ["a\n\nb\n\nc"]
