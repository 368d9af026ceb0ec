"""What the index stores and what a query asks for, the same on both databases.

* **words** — rjieba (jieba-rs) ``cut_for_search`` at index time: every word and the shorter words
  inside it (政府信息公开 → 政府, 信息, 公开, 政府信息, 信息公开, 政府信息公开), so a query cut
  with ``cut`` finds its words whichever way a long phrase was segmented. Tokens are lower-cased
  runs of letters and digits: punctuation never reaches the index, and a token is one token in
  FTS5's unicode61 tokenizer and in PostgreSQL's parser alike.
* **grams** — every character and every pair of neighbouring characters of each such run. A
  query of one or two characters is then an exact substring search through the index
  (局 finds 自然资源局, which no word index does), and any longer string not found as words is
  narrowed to the documents holding all its pairs before its exact check.

The tokenizer has its own dictionary (:data:`DOMAIN_WORDS` added to rjieba's) in a private
``rjieba.Jieba``, never rjieba's shared default. :data:`VERSION` names the rjieba release, the
dictionary, the Unicode tables normalise() uses and this module's rules: the index records it,
and an index cut by another version is rebuilt (:func:`zfxxgk.publishing.search.ensure_current`).
"""
from __future__ import annotations

import hashlib
import operator
import re
import threading
import unicodedata
from dataclasses import dataclass, replace
from importlib.metadata import version as _package_version

# Words of 政务公开 the general dictionary splits (e.g. 依申请公开 → 依 / 申请 / 公开). Add a
# word here and VERSION changes, so the index is rebuilt with it.
DOMAIN_WORDS = (
    "政府信息公开", "政务公开", "信息公开", "主动公开", "依申请公开", "依申请", "不予公开", "部分公开",
    "公开指南", "公开目录", "政府信息公开条例", "政府信息公开指南", "政府信息公开年报", "年度报告",
    "规范性文件", "行政规范性文件", "规章", "行政复议", "行政诉讼", "行政许可", "行政处罚", "行政强制",
    "行政执法", "权责清单", "权力清单", "责任清单", "双随机一公开", "放管服", "一网通办", "营商环境",
    "预决算", "三公经费", "征地补偿", "征收补偿", "乡村振兴", "河长制", "林长制", "政策解读", "建议提案",
    "人大代表建议", "政协委员提案", "重大行政决策", "公共资源交易", "政府采购", "招标投标", "民生实事",
)
SCHEME = 1  # the rules of this module; raise it when tokens() or grams() change what they produce

MAX_QUERY = 50  # characters of a query kept (the rest cut): a title is rarely longer
MAX_BODY = 150_000  # characters of a publication's text indexed (PostgreSQL's tsvector holds ≤ 1 MB)

_RUN = re.compile(r"[^\W_]+")  # letters and digits (\w without the underscore)
_lock = threading.Lock()
_jieba = None


def _tokenizer():
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import rjieba

                jieba = rjieba.Jieba()
                for word in DOMAIN_WORDS:
                    jieba.add_word(word, None, None)
                _jieba = jieba
    return _jieba


def _version() -> str:
    words = hashlib.sha256("\n".join(sorted(DOMAIN_WORDS)).encode()).hexdigest()[:12]
    return f"rjieba {_package_version('rjieba')}; words {words}; unicode {unicodedata.unidata_version}; scheme {SCHEME}"


VERSION = _version()


def normalise(text: str) -> str:
    """NFKC (full-width Ａ１ → A1) and lower case: the one form both the index and queries use."""
    return unicodedata.normalize("NFKC", text or "").lower()


def runs(text: str) -> list[str]:
    """The runs of letters and digits of ``text`` (already normalised)."""
    return _RUN.findall(text)


def tokens(norm: str) -> str:
    """Normalised text as space-separated search tokens (``cut_for_search``, each token's runs)."""
    out: list[str] = []
    for token in _tokenizer().cut_for_search(norm):
        if token.isalnum():
            out.append(token)
        else:
            out.extend(runs(token))
    return " ".join(out)


def grams(norm: str) -> set[str]:
    """Every character and pair of neighbouring characters inside the runs of normalised text (a
    pair is inside a run when both its characters are letters or digits)."""
    out = set(norm)
    out.update(map(operator.add, norm, norm[1:]))
    return {g for g in out if g.isalnum()}


def parts_of(word: str) -> tuple[str, ...]:
    """The shorter words inside ``word`` that cover all of it (行政执法 → 行政, 执法), or ().

    A document may have cut the same characters otherwise (行政执法检查 → 行政 / 执法检查): the
    query then accepts the word or all its parts."""
    subs = tuple(dict.fromkeys(w for w in _tokenizer().cut_for_search(word) if w != word and w.isalnum()))
    covered = set()
    for sub in subs:
        start = word.find(sub)
        while start >= 0:
            covered.update(range(start, start + len(sub)))
            start = word.find(sub, start + 1)
    return subs if len(subs) > 1 and covered == set(range(len(word))) else ()


def _needed_grams(part: str) -> set[str]:
    """The grams an entry holding ``part`` must hold: its pairs, and the characters no pair covers
    (a pair implies its two characters; common characters cost the most to look up)."""
    found = grams(part)
    pairs = {g for g in found if len(g) == 2}
    covered = set("".join(pairs))
    return pairs | {g for g in found if len(g) == 1 and g not in covered}


@dataclass(frozen=True)
class Query:
    """A user's query, taken apart once.

    ``text``: what is searched (trimmed, at most MAX_QUERY characters); ``cut``: whether it was cut.
    ``words``: its rjieba tokens (``cut``), all required, each met by itself or by all of its
    ``subwords`` (text.parts_of; () when it has none). ``parts``: its whitespace-separated pieces,
    normalised, each required as a substring by the substring search; ``grams``: theirs.
    ``exact``: every part is one or two letters/digits, so having the grams is having the parts.
    ``short``: one or two characters in all — a substring search from the start.
    """

    text: str
    cut: bool
    words: tuple[str, ...]
    subwords: tuple[tuple[str, ...], ...]
    parts: tuple[str, ...]
    grams: tuple[str, ...]
    exact: bool
    short: bool

    @property
    def empty(self) -> bool:
        return not self.grams

    def strict(self) -> "Query":
        """The words themselves only (no parts): cheaper, the parts being common words."""
        return replace(self, subwords=((),) * len(self.words))

    def marks(self) -> tuple[str, ...]:
        """What to highlight: the parts, the words and their parts of two characters or more, longest first."""
        subs = {s for group in self.subwords for s in group if len(s) > 1}
        return tuple(sorted(set(self.parts) | set(self.words) | subs, key=lambda s: (-len(s), s)))


def parse(raw) -> Query:
    text = " ".join(str(raw or "").replace("\x00", " ").split())
    cut = len(text) > MAX_QUERY
    if cut:
        text = text[:MAX_QUERY].strip()
    norm = normalise(text)
    words: list[str] = []
    for token in _tokenizer().cut(norm):
        for word in runs(token):
            if word not in words:
                words.append(word)
    parts = tuple(dict.fromkeys(p for p in norm.split() if runs(p)))
    all_grams = sorted(set().union(*(_needed_grams(p) for p in parts))) if parts else []
    exact = all(len(p) <= 2 and runs(p) == [p] for p in parts)
    short = len("".join(parts)) <= 2
    return Query(text, cut, tuple(words), tuple(parts_of(w) for w in words), parts, tuple(all_grams), exact, short)
