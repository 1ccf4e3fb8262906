"""Build `loaders/gazetteers/data/industry_lexicon.csv`: China's national industry classifications as data.

Three schemes, one row per class (columns scheme, code, name, level, parent_code, name_en):

- GB4754 — 国民经济行业分类 GB/T 4754-2017, 门类/大类/中类/小类 (section, division, group, class). Read from a
  public repository's table of the standard (the default source below, a snapshot brought in with the
  search tool's `fetch`: `--mirror` is that snapshot's git directory). Codes keep the section letter
  (C, C39, C397, C3973) so a code alone says its branch. A 中类 the standard does not subdivide appears in the
  source only as its 小类 (…0); the 中类 row is restored under the same name.
- SEI — 战略性新兴产业分类(2018) (国家统计局令第23号), its nine domains and 40 categories.
- DE — 数字经济及其核心产业统计分类(2021) (国家统计局令第33号), its five 大类 and 32 中类.

The SEI and DE tables are short lists of the published standards' headings, written out below with their
codes; no public repository in reach held them as data (their third levels are left for a later source).

English names: none of the sources gives any. Rows get one only from a curated map (the 20 sections'
English titles and those of the mining, manufacturing and utility divisions as the China Statistical
Yearbook prints them, the DE 大类) or from the row of
`industries.csv` of the same name (or, for SEI, the row that declares that code). The rest stay empty
rather than machine-translated.

Usage: .venv/bin/python tools/build_industry_lexicon.py --mirror /work/.mirror/zmshe+capital/repo
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "loaders" / "gazetteers" / "data" / "industry_lexicon.csv"
TAXONOMY = ROOT / "loaders" / "gazetteers" / "data" / "industries.csv"

GB_REPO = "zmshe/capital"
GB_COMMIT = "88e5d9011f7a53ef0392f5bde2fc70f6641ffdc6"
GB_PATH = "src/utils/category.js"

GB_LEVELS = {"1": "section", "2": "division", "3": "group", "4": "class"}
# Rows the source files under the wrong level, found by a group code that repeats: (code, name) → class code.
GB_CORRECTIONS = {("C374", "飞机制造"): "C3741"}
OBJECT = re.compile(r"\{([^{}]{0,4000})\}")
FIELD = re.compile(r"(\w{1,12}):\s*'([^'\n]{0,300})'")

SEI: tuple[tuple[str, str], ...] = (
    ("1", "新一代信息技术产业"), ("1.1", "下一代信息网络产业"), ("1.2", "电子核心产业"),
    ("1.3", "新兴软件和新型信息技术服务"), ("1.4", "互联网与云计算、大数据服务"), ("1.5", "人工智能"),
    ("2", "高端装备制造产业"), ("2.1", "智能制造装备产业"), ("2.2", "航空装备产业"), ("2.3", "卫星及应用产业"),
    ("2.4", "轨道交通装备产业"), ("2.5", "海洋工程装备产业"),
    ("3", "新材料产业"), ("3.1", "先进钢铁材料"), ("3.2", "先进有色金属材料"), ("3.3", "先进石化化工新材料"),
    ("3.4", "先进无机非金属材料"), ("3.5", "高性能纤维及制品和复合材料"), ("3.6", "前沿新材料"), ("3.7", "新材料相关服务"),
    ("4", "生物产业"), ("4.1", "生物医药产业"), ("4.2", "生物医学工程产业"), ("4.3", "生物农业及相关产业"),
    ("4.4", "生物质能产业"), ("4.5", "其他生物业"),
    ("5", "新能源汽车产业"), ("5.1", "新能源汽车整车制造"), ("5.2", "新能源汽车装置、配件制造"),
    ("5.3", "新能源汽车相关设施制造"), ("5.4", "新能源汽车相关服务"),
    ("6", "新能源产业"), ("6.1", "核电产业"), ("6.2", "风能产业"), ("6.3", "太阳能产业"),
    ("6.4", "生物质能及其他新能源产业"), ("6.5", "智能电网产业"),
    ("7", "节能环保产业"), ("7.1", "高效节能产业"), ("7.2", "先进环保产业"), ("7.3", "资源循环利用产业"),
    ("8", "数字创意产业"), ("8.1", "数字创意技术设备制造"), ("8.2", "数字文化创意活动"), ("8.3", "设计服务"),
    ("8.4", "数字创意与融合服务"),
    ("9", "相关服务业"), ("9.1", "新技术与创新创业服务"), ("9.2", "其他相关服务"),
)

DE: tuple[tuple[str, str], ...] = (
    ("01", "数字产品制造业"), ("0101", "计算机制造"), ("0102", "通讯及雷达设备制造"), ("0103", "数字媒体设备制造"),
    ("0104", "智能设备制造"), ("0105", "电子元器件及设备制造"), ("0106", "其他数字产品制造业"),
    ("02", "数字产品服务业"), ("0201", "数字产品批发"), ("0202", "数字产品零售"), ("0203", "数字产品租赁"),
    ("0204", "数字产品维修"), ("0205", "其他数字产品服务业"),
    ("03", "数字技术应用业"), ("0301", "软件开发"), ("0302", "电信、广播电视和卫星传输服务"), ("0303", "互联网相关服务"),
    ("0304", "信息技术服务"), ("0305", "其他数字技术应用业"),
    ("04", "数字要素驱动业"), ("0401", "互联网平台"), ("0402", "互联网批发零售"), ("0403", "互联网金融"),
    ("0404", "数字内容与媒体"), ("0405", "信息基础设施建设"), ("0406", "数据资源与产权交易"), ("0407", "其他数字要素驱动业"),
    ("05", "数字化效率提升业"), ("0501", "智慧农业"), ("0502", "智能制造"), ("0503", "智能交通"), ("0504", "智慧物流"),
    ("0505", "数字金融"), ("0506", "数字商贸"), ("0507", "数字社会"), ("0508", "数字政府"), ("0509", "其他数字化效率提升业"),
)

CURATED_EN: dict[tuple[str, str], str] = {
    ("GB4754", "A"): "Agriculture, Forestry, Animal Husbandry and Fishery", ("GB4754", "B"): "Mining",
    ("GB4754", "C"): "Manufacturing",
    ("GB4754", "D"): "Production and Supply of Electricity, Heat, Gas and Water", ("GB4754", "E"): "Construction",
    ("GB4754", "F"): "Wholesale and Retail Trades", ("GB4754", "G"): "Transport, Storage and Post",
    ("GB4754", "H"): "Accommodation and Catering",
    ("GB4754", "I"): "Information Transmission, Software and Information Technology Services",
    ("GB4754", "J"): "Financial Intermediation", ("GB4754", "K"): "Real Estate",
    ("GB4754", "L"): "Leasing and Business Services", ("GB4754", "M"): "Scientific Research and Technical Services",
    ("GB4754", "N"): "Management of Water Conservancy, Environment and Public Facilities",
    ("GB4754", "O"): "Resident Services, Repair and Other Services", ("GB4754", "P"): "Education",
    ("GB4754", "Q"): "Health and Social Work", ("GB4754", "R"): "Culture, Sports and Entertainment",
    ("GB4754", "S"): "Public Management, Social Security and Social Organizations",
    ("GB4754", "T"): "International Organizations",
    # Divisions of mining, manufacturing and utilities: the industrial divisions of the yearbook's tables.
    ("GB4754", "B06"): "Mining and Washing of Coal", ("GB4754", "B07"): "Extraction of Petroleum and Natural Gas",
    ("GB4754", "B08"): "Mining and Processing of Ferrous Metal Ores",
    ("GB4754", "B09"): "Mining and Processing of Non-Ferrous Metal Ores",
    ("GB4754", "B10"): "Mining and Processing of Nonmetal Ores",
    ("GB4754", "B11"): "Professional and Support Activities for Mining", ("GB4754", "B12"): "Mining of Other Ores",
    ("GB4754", "C13"): "Processing of Food from Agricultural Products", ("GB4754", "C14"): "Manufacture of Foods",
    ("GB4754", "C15"): "Manufacture of Liquor, Beverages and Refined Tea", ("GB4754", "C16"): "Manufacture of Tobacco",
    ("GB4754", "C17"): "Manufacture of Textile", ("GB4754", "C18"): "Manufacture of Textile Wearing Apparel and Clothing",
    ("GB4754", "C19"): "Manufacture of Leather, Fur, Feather and Related Products and Footwear",
    ("GB4754", "C20"): "Processing of Timber, Manufacture of Wood, Bamboo, Rattan, Palm and Straw Products",
    ("GB4754", "C21"): "Manufacture of Furniture", ("GB4754", "C22"): "Manufacture of Paper and Paper Products",
    ("GB4754", "C23"): "Printing and Reproduction of Recording Media",
    ("GB4754", "C24"): "Manufacture of Articles for Culture, Education, Arts and Crafts, Sport and Entertainment "
                       "Activities",
    ("GB4754", "C25"): "Processing of Petroleum, Coal and Other Fuels",
    ("GB4754", "C26"): "Manufacture of Raw Chemical Materials and Chemical Products",
    ("GB4754", "C27"): "Manufacture of Medicines", ("GB4754", "C28"): "Manufacture of Chemical Fibers",
    ("GB4754", "C29"): "Manufacture of Rubber and Plastics Products",
    ("GB4754", "C30"): "Manufacture of Non-metallic Mineral Products",
    ("GB4754", "C31"): "Smelting and Pressing of Ferrous Metals",
    ("GB4754", "C32"): "Smelting and Pressing of Non-ferrous Metals", ("GB4754", "C33"): "Manufacture of Metal Products",
    ("GB4754", "C34"): "Manufacture of General Purpose Machinery",
    ("GB4754", "C35"): "Manufacture of Special Purpose Machinery", ("GB4754", "C36"): "Manufacture of Automobiles",
    ("GB4754", "C37"): "Manufacture of Railway, Ship, Aerospace and Other Transport Equipment",
    ("GB4754", "C38"): "Manufacture of Electrical Machinery and Apparatus",
    ("GB4754", "C39"): "Manufacture of Computers, Communication and Other Electronic Equipment",
    ("GB4754", "C40"): "Manufacture of Measuring Instruments and Machinery", ("GB4754", "C41"): "Other Manufacture",
    ("GB4754", "C42"): "Utilization of Waste Resources",
    ("GB4754", "C43"): "Repair Service of Metal Products, Machinery and Equipment",
    ("GB4754", "D44"): "Production and Supply of Electric Power and Heat Power",
    ("GB4754", "D45"): "Production and Supply of Gas", ("GB4754", "D46"): "Production and Supply of Water",
    ("DE", "01"): "Digital product manufacturing", ("DE", "02"): "Digital product services",
    ("DE", "03"): "Digital technology application", ("DE", "04"): "Digital factor-driven industries",
    ("DE", "05"): "Digital efficiency improvement",
}

HEADER = ("scheme", "code", "name", "level", "parent_code", "name_en")


def git_show(mirror: Path, commit: str, path: str) -> str:
    return subprocess.run(["git", "--git-dir", str(mirror), "show", f"{commit}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def gb_rows(source: str) -> list[dict[str, str]]:
    """The GB/T 4754-2017 table: one dict per class, 中类 restored where only their 小类 …0 is listed."""
    rows: list[dict[str, str]] = []
    groups: set[str] = set()
    for block in OBJECT.finditer(source):
        fields = dict(FIELD.findall(block.group(1)))
        level, section = fields.get("level", ""), fields.get("class1", "")
        if level not in GB_LEVELS or not section or not fields.get("name"):
            continue
        digits = {"1": "", "2": fields.get("class2", ""), "3": fields.get("class3", ""), "4": fields.get("class4", "")}
        code = section + digits[level]
        if (code, fields["name"]) in GB_CORRECTIONS:
            code = GB_CORRECTIONS[(code, fields["name"])]
            level, digits["4"] = "4", code[1:]
        if level == "4" and section + digits["3"] not in groups:
            groups.add(section + digits["3"])
            rows.append(_row("GB4754", section + digits["3"], fields["name"], "group", section + digits["2"]))
        if level == "3":
            groups.add(code)
        parent = {"1": "", "2": section, "3": section + digits["2"], "4": section + digits["3"]}[level]
        rows.append(_row("GB4754", code, fields["name"], GB_LEVELS[level], parent))
    return rows


def _row(scheme: str, code: str, name: str, level: str, parent: str) -> dict[str, str]:
    return {"scheme": scheme, "code": code, "name": name.strip(), "level": level, "parent_code": parent, "name_en": ""}


def listed_rows(scheme: str, table: tuple[tuple[str, str], ...], top: str, sub: str, parent_of) -> list[dict[str, str]]:
    return [_row(scheme, code, name, sub if parent_of(code) else top, parent_of(code)) for code, name in table]


def taxonomy_english() -> dict[str, str]:
    """Name of an `industries.csv` row (by matching key), or the SEI code it declares → its English name.

    Aliases are not used: several are narrower or broader than their row (a feed alias under 生物饲料), and a
    class named like an alias would inherit a wrong English name.
    """
    from loaders.gazetteers.lexicon import match_key

    english: dict[str, str] = {}
    with TAXONOMY.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not (row.get("name_en") or "").strip():
                continue
            english.setdefault(match_key(row["name"].strip()), row["name_en"].strip())
            if (row.get("code") or "").startswith("SEI:"):  # the row is that SEI class by its own declaration
                english.setdefault(row["code"].strip(), row["name_en"].strip())
    return english


def build(mirror: Path) -> list[dict[str, str]]:
    rows = gb_rows(git_show(mirror, GB_COMMIT, GB_PATH))
    rows += listed_rows("SEI", SEI, "domain", "category", lambda c: c.split(".")[0] if "." in c else "")
    rows += listed_rows("DE", DE, "division", "group", lambda c: c[:2] if len(c) == 4 else "")
    from loaders.gazetteers.lexicon import match_key

    english = taxonomy_english()
    for row in rows:
        row["name_en"] = (CURATED_EN.get((row["scheme"], row["code"])) or english.get(f"{row['scheme']}:{row['code']}")
                          or english.get(match_key(row["name"]), ""))
    return rows


def write(rows: list[dict[str, str]], out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# Built by tools/build_industry_lexicon.py. GB4754: GB/T 4754-2017 from github.com/{GB_REPO} "
                     f"@ {GB_COMMIT} {GB_PATH}; SEI: 战略性新兴产业分类(2018) levels 1-2; DE: 数字经济及其核心产业统计分类(2021) "
                     "大类/中类. See SOURCES.md.\n")
        writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, required=True, help="git directory of the fetched GB/T 4754 source")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.mirror)
    write(rows, args.out)
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        counts[(row["scheme"], row["level"])] = counts.get((row["scheme"], row["level"]), 0) + 1
    print(f"{len(rows)} rows -> {args.out}: " + ", ".join(f"{s}/{lv} {n}" for (s, lv), n in counts.items()))


if __name__ == "__main__":
    main()
