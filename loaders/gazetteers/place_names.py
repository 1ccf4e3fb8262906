"""English names of places: Hanyu Pinyin of the proper name, plus the English word for the kind of division.

Rules (so /search?q=Baoji finds 宝鸡市):
- The proper name is the name without its division suffix, in pinyin without tones, syllables joined, the
  first letter capital: 宝鸡市 → Baoji. A syllable that starts with a, o or e after another syllable is set off
  by an apostrophe, the pinyin rule for syllable boundaries: 西安 → Xi'an, 延安 → Yan'an (Xian would read 先).
  ü stays ü (吕梁 → Lüliang).
- Provinces, prefecture-level cities and county-level cities are named by the proper name alone: 陕西省 →
  Shaanxi, 宝鸡市 → Baoji, 韩城市 → Hancheng. Other kinds keep an English kind word: 区 → District
  (碑林区 → Beilin District), 县 → County, 旗 → Banner, 自治县/自治旗/自治州 → Autonomous County/Banner/
  Prefecture (the peoples named before 自治 are left out), 地区 → Prefecture, 盟 → League, 联合旗 → Joint
  Banner, 特区 → Special District, 新区 → New Area (西咸新区 → Xixian New Area), 新城 → New City.
  A 区 whose proper name would be one character is romanized whole (城区 → Chengqu District); a 县 keeps
  the character (沛县 → Pei County), as both are written.
- Names with a conventional English form (陕西 → Shaanxi, 呼和浩特 → Hohhot, 内蒙古 → Inner Mongolia) and
  the place names whose polyphonic characters pypinyin reads wrong come from `data/place_names_en.csv`,
  keyed by the proper name (or the full name); so do the macro areas and zones, which have no rule.
- Characters read one way in place names whatever their common reading: 长 chang, 朝 chao, 佛 fo, 都 du.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from pypinyin import Style, lazy_pinyin

from loaders.gazetteers import DATA_PACKAGE

# (suffix, English kind word or "" for none) — longest first; only for the levels that keep a kind word.
KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("自治州", "Autonomous Prefecture"),
    ("联合旗", "Joint Banner"), ("特区", "Special District"), ("新区", "New Area"), ("新城", "New City"),
    ("地区", "Prefecture"), ("盟", "League"), ("旗", "Banner"), ("县", "County"), ("区", "District"),
)
PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
# The peoples an autonomous division is named for: 镇宁布依族苗族自治县 → 镇宁, 和布克赛尔蒙古自治县 → 和布克赛尔.
# A people of one character must be followed by 族, so 长白朝鲜族自治县 keeps 长白.
LONG_PEOPLES = ("维吾尔", "土家", "蒙古", "布依", "朝鲜", "哈尼", "哈萨克", "傈僳", "东乡", "仡佬", "拉祜", "纳西",
                "仫佬", "锡伯", "柯尔克孜", "景颇", "达斡尔", "撒拉", "布朗", "毛南", "塔吉克", "普米", "阿昌", "鄂温克",
                "基诺", "德昂", "保安", "俄罗斯", "裕固", "乌孜别克", "门巴", "鄂伦春", "独龙", "赫哲", "高山", "珞巴", "塔塔尔")
SHORT_PEOPLES = "壮回苗彝藏侗瑶白黎傣畲佤水羌土怒京满"
_LONG = "|".join(sorted(LONG_PEOPLES, key=len, reverse=True))
PEOPLES = re.compile(rf"^(.{{1,8}}?)(?:(?:{_LONG})族?|[{SHORT_PEOPLES}]族)+自治[县旗州]$")
PLACE_READINGS = {"长": "chang", "朝": "chao", "佛": "fo", "都": "du"}
VOWEL_START = ("a", "o", "e")


@lru_cache(maxsize=1)
def conventional_names() -> dict[str, str]:
    """Proper or full name → its conventional English name (`data/place_names_en.csv`)."""
    with resources.files(DATA_PACKAGE).joinpath("data", "place_names_en.csv").open(encoding="utf-8") as handle:
        return {row["name"].strip(): row["name_en"].strip()
                for row in csv.DictReader(line for line in handle if not line.startswith("#"))}


def romanize(proper: str) -> str:
    """宝鸡 → Baoji, 西安 → Xi'an; non-Chinese characters are kept as they are."""
    syllables = lazy_pinyin(proper, style=Style.NORMAL, v_to_u=True, errors="default")
    if len(syllables) == len(proper):
        syllables = [PLACE_READINGS.get(char, syllable) for char, syllable in zip(proper, syllables, strict=True)]
    joined = ""
    for syllable in syllables:
        if joined and syllable[:1] in VOWEL_START and joined[-1:].isalpha():
            joined += "'"
        joined += syllable
    return joined[:1].upper() + joined[1:]


def _proper(name: str) -> tuple[str, str]:
    """The proper name and the English kind word of a division that keeps one."""
    for suffix, word in KIND_WORDS:
        if name.endswith(suffix) and len(name) > len(suffix):
            proper = name[: -len(suffix)]
            if suffix.startswith("自治"):
                peoples = PEOPLES.match(name)
                proper = peoples.group(1) if peoples else proper.removesuffix("族")
            elif suffix == "区" and len(proper) == 1:
                proper = name  # 城区 → Chengqu District: one character is no name by itself
            return proper, word
    return name, ""


def english_name(name: str, level: str) -> str | None:
    """The English name of a place named `name` at `level` (province, city, district, county, new_area, …)."""
    known = conventional_names()
    if name in known:
        return known[name]
    if level == "province":
        proper, word = PROVINCE_SUFFIX.sub("", name), ""
    elif level in ("zone", "area"):
        return None  # no rule names a zone or a macro area: only the conventional list does
    elif name.endswith("市"):
        proper, word = name[:-1], ""
    else:
        proper, word = _proper(name)
    if not proper:
        return None
    english = known.get(proper) or romanize(proper)
    return f"{english} {word}" if word else english
