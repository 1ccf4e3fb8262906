"""A document's own metadata from its text: title, issuing office, 文号, date of issue, release date.

Chinese notices follow a fixed frame: "<issuer>关于印发<title>的通知", a 文号 like 汉政办发〔2024〕11号, the
signature "<issuer> 2024年8月2日", and on web copies a header table (发文机构, 发文字号, 发布时间). The
attached plan's own title is the one users cite, so it wins over the notice's title. An opinion issued in
the issuer's own name ("<issuer>关于加快…的意见") is titled by its whole first line; a plan's title may end
in its period ("…行动计划（2024—2026年）").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# 闽政〔2021〕5号, 赣府厅发[2020]15号: the year in any of the brackets offices type.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［【﹝]\s?\d{4}\s?[〕\]］】﹞]\s?\d{1,4}\s?号")
# The document's own number stands on a line of its own under the title, bracketed or not, or after a label.
OWN_NUMBER = re.compile(rf"^(?:(?:发文字号|文号|字号)[:：]?(?P<labelled>{DOC_NUMBER.pattern})|"
                        rf"[（(]?(?P<alone>{DOC_NUMBER.pattern})[）)]?)$")
# A number printed after its issuer on one line ("某市人民政府办公室文件 某政办发〔2024〕3号") starts after the
# issuer's last word; no office's number prefix (国办发, 湘政办发, 宜府发) holds one of these words.
NUMBER_PREFIX_END = re.compile(r"(?:文件|办公室|办公厅|人民政府|委员会)")
TRAILING_NUMBER = re.compile(rf"\s*[（(]{DOC_NUMBER.pattern}[）)]$")
ISSUER = re.compile(
    r"^([\u4e00-\u9fff]{2,24}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|领导小组|调研组|"
    r"[厅局委办院部署])(?:[\u4e00-\u9fff]{0,12}(?:办公室|领导小组))?)(?=关于|文件|\s*\d{4}年|$)"
)
NOTICE = re.compile(r"关于\s*(?:印发|转发|下发)\s*(.+?)\s*的通知")
# A notice that issues two plans at once ("…行动计划（2019-2021年）和…行动计划"): it is cited by its own title.
SEVERAL = re.compile(r"(?:规划|方案|意见|办法|措施|计划|纲要|细则|要点)(?:[（(][^）)]{4,14}[）)])?》?[和及与、]《?")
ATTACHED_TITLE = re.compile(r"《([^》]{6,80})》(?:已经|已)")
CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A signature written in Chinese numerals (二〇二三年三月八日), as older notices and some PDFs sign.
CN_NUMERAL_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
RELEASED = re.compile(r"(?:发布日期|发布时间)\s*[:：]?\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)")
ISSUED_ON = re.compile(r"(?:发文时间|成文日期|印发日期)\s*[:：]?\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)")
TITLE_WORDS = re.compile(r"(规划|方案|意见|办法|通知|措施|计划|纲要|决定|报告|细则|政策|要点)"
                         r"(?:\s*[（(]\d{4}\s*[—–\-－~至]+\s*\d{4}\s*年?[）)])?$")  # …计划（2024—2026年）
PERIOD_LINE = re.compile(r"^[（(]\d{4}\s*[—–\-－~至]+\s*\d{4}\s*年?[）)]$")
# "<issuer>关于<subject>的<kind>": an opinion or decision issued in its own name; the whole line is the title.
OWN_TITLE = re.compile(r"关于.{4,60}的(?:实施)?(?:意见|决定|办法|规定|措施|方案|通知|政策|细则|规划|计划)$")
HEAD_CHARS = 2500
CLOSING_CHARS = 400


@dataclass
class DocumentMeta:
    title: str | None
    issuer: str | None
    doc_number: str | None
    published: str | None  # date of issue (成文/发文), what users cite
    released: str | None  # date the web copy was released, when the page says
    issuer_span: tuple[int, int] | None


def _iso(text: str | None) -> str | None:
    if not text:
        return None
    match = CN_DATE.search(text) or ISO_DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1949 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def extract_metadata(text: str) -> DocumentMeta:
    head = text[:HEAD_CHARS]
    lines = [(m.start(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", head)]
    doc_number = _doc_number(head, lines)

    issuer, issuer_span = None, None
    for start, line in lines[:15]:
        match = ISSUER.match(line)
        if match and not line.startswith(("各", "《")):
            issuer = match.group(1)
            issuer_span = (start, start + len(issuer))
            break
    notice = NOTICE.search(head.replace("\n", ""))
    title = None
    attached = ATTACHED_TITLE.search(head)
    if notice and SEVERAL.search(notice.group(1)):
        title = _notice_title(head.replace("\n", ""), notice, issuer)
    elif attached:
        title = attached.group(1)
    elif notice:
        title = notice.group(1).strip("《》")
    else:
        title = _title_block(lines, issuer)

    issued_on = ISSUED_ON.search(head)
    published = _iso(issued_on.group(1)) if issued_on else (
        _signature_date(lines, issuer) or _closing_date(text, issuer))
    released = RELEASED.search(head)
    return DocumentMeta(title, issuer, doc_number, published, _iso(released.group(1)) if released else None,
                        issuer_span)


def _cn_number(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31."""
    tens, _, ones = numeral.rpartition("十")
    if "十" not in numeral:
        return CN_DIGITS[numeral]
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def _arabic_dates(line: str) -> str:
    """二〇二三年三月八日 → 2023年3月8日, so one date pattern reads both ways of signing."""
    def arabic(match: re.Match) -> str:
        year = "".join(str(CN_DIGITS[c]) for c in match.group(1))
        return f"{year}年{_cn_number(match.group(2))}月{_cn_number(match.group(3))}日"
    return CN_NUMERAL_DATE.sub(arabic, line)


def _doc_number(head: str, lines: list[tuple[int, str]]) -> str | None:
    """The document's own 文号: a line that is only a number (often bracketed under the title) or a labelled
    one; else the first number in the head that is not a bracketed citation ("《…》（某政发〔2020〕8号）")."""
    for _, line in lines[:20]:
        own = OWN_NUMBER.match(re.sub(r"\s", "", line))
        if own:
            return own.group("labelled") or own.group("alone")
    for match in DOC_NUMBER.finditer(head):
        if head[match.start() - 1:match.start()] not in ("（", "("):
            return NUMBER_PREFIX_END.split(re.sub(r"\s", "", match.group(0)))[-1]
    return None


def _notice_title(head: str, notice: re.Match, issuer: str | None) -> str:
    """The notice's own title, with its issuer when the issuer opens it."""
    if issuer and head[:notice.start()].endswith(issuer):
        return issuer + notice.group(0)
    return notice.group(0)


def _closing_date(text: str, issuer: str | None) -> str | None:
    """An opinion issued in its own name is signed at its end: "<issuer>" over "<date>" on the last lines."""
    if not issuer:
        return None
    tail = [_arabic_dates(re.sub(r"\s", "", line)) for line in text[-CLOSING_CHARS:].split("\n") if line.strip()][-6:]
    for previous, line in zip(["", *tail[:-1]], tail, strict=True):
        if line.startswith(issuer):
            previous, line = issuer, line[len(issuer):]
        if previous == issuer and CN_DATE.fullmatch(line):
            return _iso(line)
    return None


def _signature_date(lines: list[tuple[int, str]], issuer: str | None) -> str | None:
    """The date that closes the notice: a line that is only a date, or '<issuer> <date>'."""
    for _, line in lines:
        bare = _arabic_dates(line.replace(" ", ""))
        match = CN_DATE.search(bare)
        if match and (match.start() == 0 or (issuer and bare.startswith(issuer))) and len(bare) - match.end() <= 1:
            return _iso(bare)
    return None


def _title_block(lines: list[tuple[int, str]], issuer: str | None) -> str | None:
    """Consecutive short lines at the top that read as a title ("…实施方案"), joined."""
    block: list[str] = []
    top = [TRAILING_NUMBER.sub("", line) for _, line in lines[:9]]  # "…的实施意见（某政发〔2023〕6号）"
    for index, line in enumerate(top[:8]):
        if issuer and line.startswith(issuer) and not block and OWN_TITLE.search(line[len(issuer):]):
            return line
        if line.rstrip("：:") in ("附件", "附件1") or (issuer and line.startswith(issuer)):
            if block:
                break
            continue
        if len(line) > 40 or line.endswith(("。", "，", "：")):
            break
        block.append(line)
        if TITLE_WORDS.search(line):
            if PERIOD_LINE.match(top[index + 1] if index + 1 < len(top) else ""):
                block.append(top[index + 1])  # the plan's period set on the line below its title
            break
    title = "".join(block)
    return title if title and TITLE_WORDS.search(title) else None
