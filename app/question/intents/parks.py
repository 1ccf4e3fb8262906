"""Park words shared by the three park intents: what makes a question about parks."""

from __future__ import annotations

PARK_WORDS = {"zh": ("园区", "开发区", "高新区", "经开区", "产业园", "工业园", "基地"),
              "en": ("parks", "park", "zones", "zone", "bases", "base")}
