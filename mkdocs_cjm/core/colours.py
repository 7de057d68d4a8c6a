"""Persona colours: each persona keeps one colour across the portfolio (grid, charts, legends).

The colours themselves are CSS custom properties (``--cjm-persona-1`` … ``--cjm-persona-8`` in
``assets/cjm.css``, one set per palette); the core only hands out slot numbers. Slot order
follows the portfolio's persona order, so a persona's colour is the same on every page; a map
never shows two personas in one colour (a clash moves the later persona to the next free slot).
"""

from __future__ import annotations

from collections.abc import Sequence

PERSONA_COLOURS = 8
"""How many distinct persona colours the stylesheet defines."""


def persona_slots(order: Sequence[str], personas: Sequence[str]) -> dict[str, int]:
    """Slot numbers (1..PERSONA_COLOURS) for the personas of one map.

    ``order`` is every persona of the portfolio in its display order; personas not in it
    (unknown ids) take the first free slot."""
    position = {ident: i for i, ident in enumerate(order)}
    slots: dict[str, int] = {}
    for ident in personas:
        wanted = position.get(ident, len(order)) % PERSONA_COLOURS
        taken = set(slots.values())
        for k in range(PERSONA_COLOURS):
            slot = (wanted + k) % PERSONA_COLOURS + 1
            if slot not in taken or len(taken) >= PERSONA_COLOURS:
                slots[ident] = slot
                break
    return slots
