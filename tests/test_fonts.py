"""Figures draw Chinese with a CJK font, also on a machine where matplotlib ran before the font was installed.

`make` installs fonts-noto-cjk; matplotlib may have written its font cache before that (a notebook, another
project). The figures must still find the font, say nothing about it missing, and leave a cache that knows it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from graph.analysis import figures, fonts

ROOT = Path(__file__).resolve().parents[1]
CJK_NAMES = (fonts.PREFERRED_FONT, *fonts.FALLBACK_FONTS)

# Writes, into MPLCONFIGDIR, the font cache of a machine that had no CJK font when matplotlib first ran.
STALE_CACHE = """
import sys
from pathlib import Path
import matplotlib
from matplotlib import font_manager as fm
manager = fm.fontManager
manager.ttflist = [f for f in manager.ttflist if "CJK" not in f.name and f.name not in sys.argv[1:]]
fm.json_dump(manager, Path(matplotlib.get_cachedir()) / f"fontlist-v{fm.FontManager.__version__}.json")
"""

# Reports what a fresh process reads from the cache, then which font the figures take and what they warn.
FIGURE_RUN = """
import json, warnings
from matplotlib import font_manager as fm
from graph.analysis import fonts
from matplotlib.figure import Figure
before = fonts.PREFERRED_FONT in {f.name for f in fm.fontManager.ttflist}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from graph.analysis import figures
    figure = Figure(figsize=(2, 1))
    figure.text(0.1, 0.5, "新能源汽车产业集群")
    png = figures.render(figure, "png")
print(json.dumps({"cached_before": before, "font": fonts.cjk_font(), "png": png[:4] == b"\\x89PNG",
                  "warnings": [str(w.message) for w in caught]}))
"""


def _installed_on_system(name: str) -> bool:
    try:
        listed = subprocess.run(["fc-list", f":family={name}", "family"], capture_output=True, text=True,
                                timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(listed.strip())


def _run(code: str, config_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MPLCONFIGDIR": str(config_dir)}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.skipif(not _installed_on_system(fonts.PREFERRED_FONT),
                    reason="needs fonts-noto-cjk (make test installs it)")
def test_a_font_cache_written_before_the_font_was_installed_does_not_hide_it(tmp_path):
    written = _run(STALE_CACHE, tmp_path, *CJK_NAMES)
    assert written.returncode == 0, written.stderr

    first = _run(FIGURE_RUN, tmp_path)
    assert first.returncode == 0, first.stderr
    seen = json.loads(first.stdout)
    assert seen["cached_before"] is False  # the stale cache really lacked the font
    assert seen["font"] == fonts.PREFERRED_FONT and seen["png"]
    assert seen["warnings"] == []  # no "not installed", no missing glyphs

    again = json.loads(_run(FIGURE_RUN, tmp_path).stdout)
    assert again["cached_before"] is True  # the cache was rewritten: the next process starts right


def test_without_any_cjk_font_figures_draw_and_warn_once(monkeypatch):
    fonts.cjk_font.cache_clear()
    monkeypatch.setattr(fonts.font_manager.fontManager, "ttflist",
                        [f for f in fonts.font_manager.fontManager.ttflist if f.name not in CJK_NAMES
                         and "CJK" not in f.name])
    monkeypatch.setattr(fonts.font_manager, "findSystemFonts", lambda *a, **k: [])
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            figure = figures._figure(2, 1)
            figure.text(0.1, 0.5, "低空经济与商业航天")
            assert figures.render(figure, "png").startswith(b"\x89PNG")
        messages = [str(w.message) for w in caught]
        assert len(messages) == 1 and "fonts-noto-cjk" in messages[0] and "empty boxes" in messages[0]
    finally:
        monkeypatch.undo()
        fonts.cjk_font.cache_clear()


def test_the_installed_font_is_taken_without_a_warning():
    if fonts.PREFERRED_FONT not in {f.name for f in fonts.font_manager.fontManager.ttflist} and \
            not _installed_on_system(fonts.PREFERRED_FONT):
        pytest.skip("needs fonts-noto-cjk (make test installs it)")
    fonts.cjk_font.cache_clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fonts.cjk_font() == fonts.PREFERRED_FONT
