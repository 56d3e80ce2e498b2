"""Tunable knobs of the assistant, in one frozen dataclass.

Values are chosen on eval/questions/dev.jsonl only (see ``planqa eval``);
tests never depend on their exact values except where a test says why.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class AssistantConfig:
    # --- abstention ---------------------------------------------------------
    # confidence = idf-weighted share of the query's informative terms that the
    # best of the top ``abstain_top_n`` hits contains (0..1). Below the
    # threshold the assistant abstains. False abstentions cost more than weak
    # hits, so the threshold sits at the low end of the separating range.
    # Dev after the thesaurus (both modes): out-of-scope confidences <= 0.17,
    # in-scope >= 0.33; 0.25 was the middle of that gap. On the second,
    # independently written batch (dev2) the two overlap: colloquial in-scope
    # questions score 0.14-0.26, while most out-of-scope ones are now caught by
    # rules (places, years and amounts no clause has, confidence 0) and the rest
    # score 0.18 and 0.31 (plus one at 0.70 no lexical rule can see). 0.20 is
    # the lowest value that keeps out-of-scope recall at 1.0 (dev) / 0.9 (dev2)
    # and turns dev2 false abstentions .05 -> .02; false abstentions cost more.
    abstain_threshold: float = 0.20
    abstain_top_n: int = 3
    # False: never abstain (eval/ablate.py measures the answer layer alone with it)
    abstention: bool = True
    # a question's everyday word (剩饭剩菜) found only as its plan term (餐厨废弃物,
    # index.thesaurus) earns this share of its weight in the confidence: weaker
    # evidence than the user's own word. Dev-neutral (1.0/.7/.5 all give the same
    # dev figures; lowest in-scope confidence .45/.38/.33 after q110's .33);
    # 0.7 leaves margin above the threshold.
    alt_credit: float = 0.7
    # dense evidence (hybrid/dense modes): the top hit's cosine mapped from
    # [dense_low, dense_high] to [0, 1]; confidence = max(lexical, dense).
    # On dev, USE cosines of out-of-scope questions reach 0.44 while correct
    # paraphrases go down to 0.2, so dense evidence only counts when high.
    dense_low: float = 0.50
    dense_high: float = 0.70
    # Requests a plan never answers, whatever words match: live prices and
    # fees, weather, opening hours, exam scores, personal paperwork.
    out_of_domain: tuple = (
        "多少钱", "价格", "票价", "门票", "房价", "汇率", "天气", "气温", "分数线", "几点", "开门",
        "起征点", "报销比例", "缴费基数", "怎么申请", "怎么报名", "什么时候报名", "今天", "明天",
    )
    # --- input ----------------------------------------------------------------
    max_question_chars: int = 500
    max_history_turns: int = 50
    # --- excerpts -------------------------------------------------------------
    excerpt_target_chars: int = 260     # neighbours join an excerpt while it stays under this (dev: 200 -> hit@5 .956, 260 -> .970, median 117 -> 149 chars)
    excerpt_max_chars: int = 360        # hard cap (a single very long sentence is cut at a comma)
    lead_max_sentences: int = 2
    lead_max_chars: int = 240
    lead_pool: int = 3                  # the lead is chosen among the first N excerpts
    lead_rank_penalty: float = 0.7      # sentence score / (1 + penalty * excerpt rank)
    retrieve_pool: int = 12             # hits fetched before composing k excerpts
    # --- re-ranking rules, each kept only where it helps on several plans
    # (ablated per plan with eval/ablate.py; see eval/results/plans/)
    glossary_last: bool = False         # push glossary entries after other hits
    rerank_places: bool = True          # hits about the asked place first
    rerank_aspects: bool = True         # 空间布局/核心发展区 aspects: hits titled with it first
    chapter_filter: bool = True         # a chapter-level aspect of a chapter topic searched in that chapter
    joint_names: bool = True            # 成都、德阳、绵阳 -> also search 成德绵
    suggestions: int = 3

    def with_(self, **changes) -> "AssistantConfig":
        return replace(self, **changes)

    @classmethod
    def from_dict(cls, data: dict | None) -> "AssistantConfig":
        if not data:
            return cls()
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            from assistant.errors import PlanQAError
            raise PlanQAError(f"未知的配置项 (unknown config keys): {', '.join(unknown)}")
        return cls(**data)
