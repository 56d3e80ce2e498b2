"""Tunable knobs of the assistant, in one frozen dataclass.

Values are chosen on the dev split of the plan corpus only (``planqa eval eval/questions/plans/``);
tests never depend on their exact values except where a test says why.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class AssistantConfig:
    # --- abstention ---------------------------------------------------------
    # Whether to answer is decided by the calibrated model in assistant/evidence.py
    # (weights and threshold are data: assistant/data/abstain.json, fitted by
    # eval/calibrate.py on the plan corpus). These knobs only feed its features.
    abstain_top_n: int = 3              # the features read the first N hits
    # False: never abstain (eval/ablate.py measures the answer layer alone with it)
    abstention: bool = True
    # a question's everyday word (剩饭剩菜) found only as its plan term (餐厨废弃物,
    # index.thesaurus) earns this share of its weight in coverage: weaker evidence
    # than the user's own word.
    alt_credit: float = 0.7
    # the abstention model reads how far the question reads like one plans leave unanswered, and
    # how far its best cosine stands above an answered question like it (assistant/question_probe.py);
    # off, it decides with the model fitted without either
    question_probe: bool = True
    # --- input ----------------------------------------------------------------
    max_question_chars: int = 500
    max_history_turns: int = 50
    # --- excerpts -------------------------------------------------------------
    # neighbours join an excerpt while it stays under this many characters (153 dev plans, hybrid:
    # 260 -> 320 -> 400 took hit@1 3,509 -> 3,525 -> 3,528 of 4,099, median excerpt 152 -> 158 -> 159)
    excerpt_target_chars: int = 400
    excerpt_dense_weight: float = 0.5   # a sentence's window cosine (worst 0 .. best 1 in its clause) adds this x the heaviest query term
    excerpt_max_chars: int = 360        # hard cap (a single very long sentence is cut at a comma)
    lead_max_sentences: int = 2
    lead_max_chars: int = 240
    lead_pool: int = 3                  # the lead is chosen among the first N excerpts
    lead_rank_penalty: float = 0.7      # sentence score / (1 + penalty * excerpt rank)
    retrieve_pool: int = 12             # hits fetched before composing k excerpts
    # hybrid: the dense run's top N join the pool when the fusion ranks them lower (a colloquial
    # question's answer the encoder finds but BM25 buries under word matches); dev pools hold the
    # answer 96.9 % -> 97.4 % of the time, paraphrases 92.4 % -> 94.4 %
    pool_dense: int = 6
    followup_context: bool = True       # a follow-up's pool holds the previous question's best clause (re-ranker: prev_*)
    followup_new_element: bool = True   # "那X呢": the best clause naming X comes first
    # a turn read as a follow-up on a weak cue (dialogue.WEAK_CUES) is also read alone, and that reading is
    # kept when it is read off the outline or front matter, or when the follow-up reading would decline
    followup_arbitrate: bool = True
    # --- re-ranking rules, each kept only where it helps on several plans
    # (ablated per plan with eval/ablate.py; see eval/results/plans/)
    glossary_last: bool = False         # push glossary entries after other hits
    # the pool re-ranked by the fitted linear model (assistant/rerank.py, eval/rerank_fit.py)
    # before the rules below
    rerank: bool = True
    # the re-ranker reads each clause's best sentence cosine (sent_dense, assistant/sentences.py);
    # off, a new plan's first questions encode no sentences (and the feature reads 0)
    sentence_cosines: bool = True
    # (61 dev plans, switched off: the shipped plan loses 6 questions and 湖北 1, two plans gain 1)
    rerank_places: bool = True          # hits about the asked place first
    # (every dev and unseen question naming a place of its plan, each mode: hybrid first +1 dev, +2 unseen;
    # down: two questions whose asker's story names 台湾 to a 平潭 plan, and one on 苏州河 in BM25)
    asked_places: bool = True           # ...not a place said in the asker's story or inside a word (苏州河)
    # off: on 61 dev plans it moved one question of the shipped plan up and two of 湖北's down
    rerank_aspects: bool = False        # 空间布局/核心发展区 aspects: hits titled with it first
    # a chapter-level aspect of a chapter topic searched in that chapter (生物产业 空间布局); off: on 153
    # dev plans, hybrid, switching it off moved one question up and none down
    chapter_filter: bool = False
    joint_names: bool = True            # 成都、德阳、绵阳 -> also search 成德绵
    list_items: bool = True             # an excerpt ending in 下列…: shows the items under it
    # (every who-question, each mode: unseen first +2 hybrid, +4 BM25, +1 dense; dev and held out unmoved)
    group_notes: bool = True            # who-questions: the 责任单位 line closing the first hit's group first
    own_name: bool = True               # the document named by its title is searched as 本办法/本规划
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
