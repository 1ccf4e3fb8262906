"""Firm words shared by the two firm intents (firms of an industry, firms of a place): the cues that ask for
chain leaders, key firms or firms of any role, and the role slot read from them. Kept here so that the intents
import this and never each other."""

from __future__ import annotations

from app.question.reading import Reading

CHAIN = {"zh": ("链主", "龙头", "领军", "头部企业", "牵引", "引领", "领跑"),
         "en": ("chain leader", "chain leaders", "chain-leader", "chain-leaders", "leading firms", "leading firm",
                "leading companies", "leading company", "leading enterprises", "champions", "champion", "leaders",
                "leader")}
# Verbs that ask for chain leaders only when the question is about firms (which firms lead…, who leads…).
LEAD_VERBS = ("lead", "leads", "anchor", "anchors", "dominate", "dominates", "drive", "drives", "heads")
KEY = {"zh": ("重点企业", "骨干企业", "主要企业"),
       "en": ("key firms", "key firm", "key companies", "key company", "key enterprises", "key enterprise",
              "major firms", "major companies", "main firms", "main companies")}
FIRMS = {"zh": ("企业", "公司", "厂商"),
         "en": ("firms", "firm", "companies", "company", "enterprises", "enterprise", "businesses", "who", "chain",
                "chains")}


def role(r: Reading) -> str | None:
    """chain_leader for 链主/龙头/leaders, key_firm for 重点企业/key firms, None for firms of any role (航空企业)."""
    key = r.cue(KEY) or (r.has("key", "major") and r.has(*FIRMS["en"][:8]))  # which enterprises are key to…
    if key and not r.has("链主", "龙头", "chain leader", "chain leaders"):
        return "key_firm"
    if r.cue(CHAIN) or r.has(*LEAD_VERBS):
        return "chain_leader"
    return None
