"""The CJK font the figures draw Chinese labels with, found even when matplotlib's font cache is stale.

matplotlib's default font has no CJK glyphs (they come out as empty boxes), so figures use "Noto Sans CJK
SC" (Debian: fonts-noto-cjk) when it is installed, else another CJK font, else the default with one
warning. matplotlib keeps the fonts it found in a cache file written the first time it ran; a font
installed after that (as `make` installs fonts-noto-cjk on a machine where matplotlib already ran) is not
in it, and matplotlib would say the font is missing. So when no CJK font is in the cache, the system's font
folders are scanned once for files the cache does not know, those are added, and the cache file is
rewritten so the next process starts right.
"""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager

PREFERRED_FONT = "Noto Sans CJK SC"
FALLBACK_FONTS = ("Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
                  "WenQuanYi Micro Hei", "Droid Sans Fallback", "SimHei", "Microsoft YaHei", "PingFang SC",
                  "Noto Sans CJK JP", "Noto Serif CJK SC")
INSTALL_HINT = "Debian: apt-get install fonts-noto-cjk"
# matplotlib's warning for each character a font cannot draw; without a CJK font one figure prints hundreds.
MISSING_GLYPH_WARNING = r"Glyph \d+ .* missing from font"


def _installed() -> set[str]:
    return {entry.name for entry in font_manager.fontManager.ttflist}


def _choose(installed: set[str]) -> str | None:
    if PREFERRED_FONT in installed:
        return PREFERRED_FONT
    return next((name for name in FALLBACK_FONTS if name in installed), None)


def add_fonts_missing_from_cache() -> int:
    """Add to matplotlib's font list the system font files its cache does not know, and rewrite the cache
    when any were added. Returns how many files were added."""
    manager = font_manager.fontManager
    known = {entry.fname for entry in manager.ttflist}
    added = 0
    for path in font_manager.findSystemFonts(fontext="ttf"):
        if path in known:
            continue
        try:
            manager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue  # a file FreeType cannot read is skipped, as matplotlib's own scan skips it
        added += 1
    if added:
        cache = Path(matplotlib.get_cachedir()) / f"fontlist-v{font_manager.FontManager.__version__}.json"
        try:
            font_manager.json_dump(manager, cache)
        except OSError:
            pass  # a read-only cache folder: this process has the fonts, the next one scans again
    return added


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The CJK font figures use: Noto Sans CJK SC if installed, else a fallback (warned), else None (warned)."""
    font = _choose(_installed())
    if font is None or font != PREFERRED_FONT:
        if add_fonts_missing_from_cache():
            font = _choose(_installed())
    if font == PREFERRED_FONT:
        return font
    if font:
        warnings.warn(f"{PREFERRED_FONT} is not installed ({INSTALL_HINT}); using {font} for Chinese labels",
                      stacklevel=2)
    else:
        warnings.warn(f"{PREFERRED_FONT} is not installed ({INSTALL_HINT}) and no other CJK font was found: "
                      f"Chinese labels will show as empty boxes", stacklevel=2)
    return font
