"""Chinese tokenizer for retrieval: jieba (search mode) + the plan's own vocabulary.

A tokenizer is a plain callable ``text -> list[str]`` that the indexes take as
an argument (``BM25Index.build(..., tokenize=...)``). ``make_tokenizer`` builds
one from a vocabulary (words harvested from the plan's headings, see
``index.vocabulary``) and an optional user dictionary file. Each tokenizer owns
a private ``jieba.Tokenizer`` so vocabularies never leak between indexes; the
base dictionary is loaded once per process and copied.

Pipeline: NFKC (folds full-width Latin/digits/punctuation to half-width) ->
jieba segmentation -> search-mode expansion (every in-dictionary sub-word of a
long word is also emitted, a superset of ``jieba.cut_for_search``) -> Latin
lowercased -> stopwords, punctuation, symbols and emoji dropped.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
import unicodedata
from pathlib import Path
from typing import Callable, Iterable

from corpus.script import char_simplified, opencc_dictionary

Tokenize = Callable[[str], list]

TOKENIZER_KIND = "jieba-search"
TOKENIZER_VERSION = 5          # 2: letter-spaced digits ("2 0 0 5年") are joined before segmentation
                               # 3: years in Chinese numerals ("二〇三五年") are read as digits
                               # 4: BM25's title field of an untitled article's later paragraphs holds
                               #    its opening sentence (retriever.article_context)
                               # 5: text in traditional characters is cut where its simplified form is
MAX_QUERY_CHARS = 2000          # the Retriever cuts longer queries to this many characters
MAX_WORD_CHARS = 24             # vocabulary entries longer than this are ignored

# Function words and question scaffolding that carry no topic. Kept short on
# purpose: anything that could be a topic word stays in.
STOPWORDS = frozenset("""
的 了 和 与 及 以及 或 或者 等 等等 是 在 为 对 把 被 将 从 向 于 以 之 其 并 并且 而 且 也 都 就 还 又
这 那 这个 那个 这些 那些 这里 那里 此 该 各 每 个 一个 一些 有 有的 没有 不 没 吗 呢 吧 啊 呀 哦 嘛
么 什么 怎么 怎么样 怎样 如何 哪 哪些 哪个 哪里 哪儿 多少 几 为什么 为何 是否 能否 可以 能 会 要 想 请问 请
我 我们 你 你们 他 他们 它 它们 咱们 规划 里 中 上 下 方面 关于 对于 有关 提到 说 讲 问 一下 相关 具体
的话 意思 含义 还有 呢 那么 然后 所以 因为 如果 但是 但 可是 而且
the a an of and or to in on for is are what how which
""".split())

# A token survives only if it contains a letter or digit of some script.
_CONTENT = re.compile(r"[\w]", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u3400-\u9fff]")

_jieba_lock = threading.Lock()
_base_state: tuple[dict, int] | None = None


def _base_dictionary() -> tuple[dict, int]:
    """jieba's default dictionary (FREQ, total), loaded once per process."""
    global _base_state
    with _jieba_lock:
        if _base_state is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            logging.getLogger("jieba").setLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            # jieba caches its prefix dictionary (building it takes seconds) in the
            # system temp dir, which a reboot empties; keep it under $PLANQA_HOME
            cache_dir = _jieba_cache_dir()
            if cache_dir is not None:
                tk.tmp_dir = str(cache_dir)
                tk.cache_file = f"jieba-{getattr(jieba, '__version__', 'x')}.cache"
            tk.initialize()
            _base_state = (tk.FREQ, tk.total)
        return _base_state


def _jieba_cache_dir() -> Path | None:
    """$PLANQA_HOME/jieba (created), or None when it cannot be created (jieba then uses the temp dir)."""
    from index.encoders import planqa_home

    d = planqa_home() / "jieba"
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return d


_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?: \d)+(?![\d.])")


_CN_YEAR = re.compile(r"(?<![一二三四五六七八九〇○零十])([一二〇○零][一二三四五六七八九〇○零]{3})(?=年)")
_CN_DIGIT = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def digit_years(text: str) -> str:
    """Years written in Chinese numerals as digits: "到二〇三五年" -> "到2035年" (the 中共中央 and 党委
    documents write their years so, a question writes 2035年). Only four-numeral years 1900–2199."""
    if "年" not in text:
        return text

    def year(m):
        y = m.group(1).translate(_CN_DIGIT)
        return y if "1900" <= y <= "2199" else m.group(1)
    return _CN_YEAR.sub(year, text)


def normalize(text: str) -> str:
    """NFKC (full-width -> half-width), control characters -> space, letter-spaced digits joined
    ("2 0 0 5年" -> "2005年", as text extracted from some PDFs spaces them), years in Chinese
    numerals as digits (``digit_years``). Search text only: excerpts shown to users stay verbatim."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text))
    if " " in text:
        text = _SPACED_DIGITS.sub(lambda m: m.group(0).replace(" ", ""), text)
    return digit_years(text)


_T2S = None
_T2S_LOCK = threading.Lock()
_TRADITIONAL = None


def _convertible_chars() -> frozenset | None:
    """Every character the t2s tables may change (the characters of a phrase entry that differ
    from its simplified form; all of an entry whose length changes); None when the package's
    tables cannot be read, and every text is then converted."""
    chars: set[str] = set()
    try:
        for name in ("TSCharacters.txt", "TSPhrases.txt"):
            for key, forms in opencc_dictionary(name).items():
                value = forms[0] if forms else key
                if len(key) == len(value):
                    chars.update(a for a, b in zip(key, value) if a != b)
                else:
                    chars.update(key)
    except OSError:
        return None
    return frozenset(chars)


def _load_t2s() -> None:
    global _T2S, _TRADITIONAL
    if _T2S is None:
        with _T2S_LOCK:
            if _T2S is None:
                from opencc import OpenCC
                _TRADITIONAL = _convertible_chars()
                _T2S = OpenCC("t2s")


def simplified(text: str, keep=frozenset()) -> str:
    """``text`` with traditional characters written simplified (OpenCC's t2s phrase and character
    tables, from the ``opencc-python-reimplemented`` package), except characters in ``keep``: a
    plan's own characters stay as the plan prints them (a traditional plan is searched in its own
    script; 反覆 in a simplified plan is not made 反复). A question typed in traditional characters
    (新能源汽車要做到多少輛) otherwise shares no words with a simplified plan."""
    if text.isascii():
        return text
    _load_t2s()
    if _TRADITIONAL is not None and not any(c in _TRADITIONAL for c in text):
        return text                     # nothing to convert: most questions, at a set lookup a character
    out = _T2S.convert(text)
    if out == text:
        return text
    if len(out) != len(text):               # a phrase changed length: keep the whole conversion
        return out
    return "".join(a if a in keep else b for a, b in zip(text, out))


_S2T: dict = {}
TRADITIONAL_PLAN_CHARS = 30     # a plan printing this many characters that t2s would change is in traditional script


@functools.lru_cache(maxsize=8)
def _prints_traditional(plan_chars: frozenset) -> bool:
    _load_t2s()
    return _TRADITIONAL is not None and len(plan_chars & _TRADITIONAL) >= TRADITIONAL_PLAN_CHARS


def in_plan_script(text: str, plan_chars: frozenset) -> str:
    """``text`` in the script the plans print: traditional characters the plans do not print are
    written simplified (``simplified``), and, when the plans print traditional characters, a
    simplified character they do not print is written in the traditional form they do (OpenCC's
    s2t, or s2hk for the forms Hong Kong and Macau print: 台 rather than 臺). A mainland reader's
    question (计划对台北到台东的铁路…) otherwise shares no word with a plan printed in traditional
    characters (臺北至臺東間之鐵路). Search text only: excerpts stay verbatim."""
    out = simplified(text, plan_chars)
    if out.isascii() or all(c in plan_chars for c in out) or not _prints_traditional(plan_chars):
        return out
    chars = list(out)
    for config in ("s2t", "s2hk"):
        if config not in _S2T:
            with _T2S_LOCK:
                from opencc import OpenCC
                _S2T.setdefault(config, OpenCC(config))
        conv = _S2T[config].convert(out)
        if len(conv) != len(out):
            continue
        for i, b in enumerate(conv):
            if chars[i] not in plan_chars and b in plan_chars:
                chars[i] = b
    return "".join(chars)


def read_user_dict(path: str | Path) -> tuple[str, ...]:
    """Words from a jieba-style user dictionary (``word [freq] [tag]`` per line, ``#`` comments)."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{p}: cannot read user dictionary ({exc})") from None
    words = []
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.split()[0])
    return tuple(words)


def clean_vocabulary(words: Iterable[str]) -> tuple[str, ...]:
    """Normalised, de-duplicated, sorted vocabulary (deterministic input to jieba)."""
    out = set()
    for w in words:
        w = normalize(str(w)).strip()
        if 2 <= len(w) <= MAX_WORD_CHARS and not any(c.isspace() for c in w) and _CONTENT.search(w):
            out.add(w)
    return tuple(sorted(out))


def vocabulary_hash(words: Iterable[str]) -> str:
    h = hashlib.sha256()
    for w in words:
        h.update(w.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


class Tokenizer:
    """``text -> list[str]`` with a private jieba dictionary.

    Deterministic: the same vocabulary gives the same tokens in any process.
    Construction is cheap; jieba is initialised on first call.
    """

    def __init__(self, vocabulary: Iterable[str] = (), user_dict: str | Path | None = None):
        words = list(vocabulary)
        self.user_dict = str(user_dict) if user_dict else None
        if user_dict:
            words.extend(read_user_dict(user_dict))
        self.vocabulary = clean_vocabulary(words)
        self._jieba = None
        self._lock = threading.Lock()

    @property
    def config(self) -> dict:
        """What the index manifest records; enough to rebuild the same tokenizer."""
        return {
            "kind": TOKENIZER_KIND,
            "version": TOKENIZER_VERSION,
            "vocabulary_size": len(self.vocabulary),
            "vocabulary_hash": vocabulary_hash(self.vocabulary),
            "stopwords_hash": vocabulary_hash(sorted(STOPWORDS)),
        }

    def _tk(self):
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    import jieba

                    freq, total = _base_dictionary()
                    tk = jieba.Tokenizer()
                    tk.FREQ, tk.total = dict(freq), total
                    tk.initialized = True
                    for w in self.vocabulary:
                        tk.add_word(w)
                        simple = char_simplified(w)
                        if simple != w:                 # a heading word of a plan in traditional print
                            tk.add_word(simple)
                    self._jieba = tk
        return self._jieba

    def __call__(self, text: str) -> list[str]:
        if not isinstance(text, str):
            raise TypeError(f"tokenize expects str, got {type(text).__name__}")
        text = normalize(text)
        if not _CONTENT.search(text):
            return []
        tk = self._tk()
        freq = tk.FREQ
        out: list[str] = []
        # jieba's dictionary is simplified: text in traditional characters (內科開公司) is cut where its
        # simplified form is (内科/开/公司), each word kept as printed (內科), so a plan in traditional print
        # and a question put to it meet in the words they share
        simple = char_simplified(text)
        at = 0
        for s in tk.cut(simple, HMM=True):
            n = len(s)
            w = text[at:at + n]
            at += n
            if n > 2 and _HAN.search(s):
                # every in-dictionary sub-word, shorter first (superset of cut_for_search)
                for size in range(2, n):
                    for i in range(n - size + 1):
                        if freq.get(s[i:i + size]):
                            _emit(w[i:i + size], out, s[i:i + size])
            _emit(w, out, s)
        return out

    def __repr__(self) -> str:
        return f"Tokenizer(vocabulary={len(self.vocabulary)} words)"


def _emit(word: str, out: list[str], simple: str) -> None:
    """``word`` appended unless it is a stopword, read in its simplified form ``simple`` (這個 is 这个;
    ``word`` itself for simplified text)."""
    word = word.strip()
    if not word or not _CONTENT.search(word):
        return
    if _LATIN.search(word):
        word = word.lower()
    if simple.strip().lower() in STOPWORDS or word == "_":
        return
    out.append(word)


_default: Tokenizer | None = None


def tokenize(text: str) -> list[str]:
    """The default tokenizer: jieba + built-in domain words, no plan vocabulary."""
    global _default
    if _default is None:
        from index.vocabulary import DOMAIN_WORDS

        _default = Tokenizer(DOMAIN_WORDS)
    return _default(text)


def make_tokenizer(vocabulary: Iterable[str] = (), user_dict: str | Path | None = None) -> Tokenizer:
    """A tokenizer with the built-in domain words, the thesaurus's everyday phrases
    (so "打电竞比赛" keeps 电竞 whole for its expansion), ``vocabulary`` and an
    optional user dictionary."""
    from index.thesaurus import default_thesaurus
    from index.vocabulary import DOMAIN_WORDS

    everyday = tuple(k for k in default_thesaurus().entries if all(_HAN.match(ch) for ch in k))
    return Tokenizer(tuple(DOMAIN_WORDS) + everyday + tuple(vocabulary), user_dict=user_dict)
