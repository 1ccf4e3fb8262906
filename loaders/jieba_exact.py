"""jieba's word segmentation and part-of-speech tagging of a short phrase, answer for answer, in fewer steps.

Extraction asks jieba about a few thousand short phrases per document (is this list item opened by a verb?
where are the words around this two-character term?). For a phrase of six characters most of jieba's time
is its layers (generators, `pair` objects, regex splits, an initialisation check per character) and its
part-of-speech Viterbi, which tries every (previous state, state) pair although most pairs have no
transition. Here the same algorithms run on jieba's own dictionary and models with the same float
operations in the same order and the same tie-breaking, so every answer is jieba's:

* the route (jieba's `get_DAG` + `calc`) is built right to left in one loop, the best step kept by the
  comparison `max` makes on its (score, end) tuples;
* the Viterbi step reaches a state only from the previous states with a transition to it: every other
  candidate scores -inf, so the best finite candidate is the one `max` would take; when no candidate is
  finite, the step is taken exactly as jieba takes it, over every previous state.

`tests/test_extraction_one_pass.py` holds these answers to jieba's own on phrases of every shape.
"""

from __future__ import annotations

from functools import lru_cache
from math import log

import jieba
import jieba.finalseg as finalseg
import jieba.posseg as posseg

MIN_FLOAT = -3.14e100  # jieba's score of an emission the model never saw
MIN_INF = float("-inf")


class _Model:
    """jieba's dictionary and part-of-speech model, with the transitions indexed by their target state."""

    def __init__(self) -> None:
        jieba.dt.check_initialized()
        posseg.dt.makesure_userdict_loaded()
        self.freq = jieba.dt.FREQ
        self.total = jieba.dt.total
        self.logtotal = log(jieba.dt.total)
        self.word_tag = posseg.dt.word_tag_tab
        self.trans = posseg.trans_P
        self.emit = posseg.emit_P
        self.start = posseg.start_P
        self.char_states = posseg.char_state_tab_P
        self.all_states = posseg.trans_P.keys()
        self.has_next = {state for state, following in posseg.trans_P.items() if following}
        self.following = {state: frozenset(following) for state, following in posseg.trans_P.items()}
        self.preceding: dict[tuple, dict[tuple, float]] = {}
        for state, following in posseg.trans_P.items():
            for target, probability in following.items():
                self.preceding.setdefault(target, {})[state] = probability


@lru_cache(maxsize=1)
def _model() -> _Model:
    return _Model()


def load() -> None:
    """Index the model now (with the other dictionaries a process keeps), not at the first question."""
    _current()


def _current() -> _Model:
    model = _model()
    if model.total != jieba.dt.total or model.freq is not jieba.dt.FREQ:  # the dictionary was changed or reloaded
        _model.cache_clear()
        model = _model()
    return model


def _route(model: _Model, sentence: str) -> list[int]:
    """Where the best route's word starting at each index ends (inclusive): jieba's get_DAG and calc."""
    freq, logtotal = model.freq, model.logtotal
    size = len(sentence)
    ends = [0] * size
    scores = [0.0] * (size + 1)  # jieba's route[size] = (0, 0)
    for k in range(size - 1, -1, -1):
        # The dictionary holds every prefix of its words (count 0 for a prefix alone): the words starting at k
        # are found by extending k's prefix until it is no key. Ends rise, so an equal score later wins, as
        # `max` over (score, end) tuples takes it.
        best_score, best_end = MIN_INF, -1
        i = k
        count = freq.get(sentence[k])
        while count is not None:
            if count:
                score = log(count) - logtotal + scores[i + 1]
                if score >= best_score:
                    best_score, best_end = score, i
            i += 1
            if i == size:
                break
            count = freq.get(sentence[k:i + 1])
        if best_end < 0:  # no dictionary word starts here: the character alone
            best_score, best_end = log(freq.get(sentence[k]) or 1) - logtotal + scores[k + 1], k
        ends[k] = best_end
        scores[k] = best_score
    return ends


def cut(sentence: str) -> list[str]:
    """`list(jieba.cut(sentence))`: accurate mode with the HMM for unknown words."""
    model = _current()
    out: list[str] = []
    han, skip = jieba.re_han_default, jieba.re_skip_default
    for block in han.split(sentence):
        if not block:
            continue
        if han.match(block):
            _cut_block(model, block, out)
        else:
            for piece in skip.split(block):
                if skip.match(piece):
                    out.append(piece)
                else:
                    out.extend(piece)
    return out


def _cut_block(model: _Model, sentence: str, out: list[str]) -> None:
    freq = model.freq
    ends = _route(model, sentence)
    x, buf, size = 0, "", len(sentence)
    while x < size:
        y = ends[x] + 1
        if y - x == 1:
            buf += sentence[x]
        else:
            if buf:
                _flush_words(freq, buf, out)
                buf = ""
            out.append(sentence[x:y])
        x = y
    if buf:
        _flush_words(freq, buf, out)


def _flush_words(freq: dict, buf: str, out: list[str]) -> None:
    if len(buf) == 1:
        out.append(buf)
    elif not freq.get(buf):
        out.extend(finalseg.cut(buf))
    else:
        out.extend(buf)


def pos_cut(sentence: str, hmm: bool = True) -> list[tuple[str, str]]:
    """`[(p.word, p.flag) for p in jieba.posseg.cut(sentence, HMM=hmm)]`."""
    model = _current()
    out: list[tuple[str, str]] = []
    han, skip = posseg.re_han_internal, posseg.re_skip_internal
    num, eng = posseg.re_num, posseg.re_eng
    for block in han.split(sentence):
        if han.match(block):
            if hmm:
                _pos_block(model, block, out)
            else:
                _pos_block_no_hmm(model, block, out)
        else:
            for piece in skip.split(block):
                if skip.match(piece):
                    out.append((piece, "x"))
                else:
                    for ch in piece:
                        if num.match(ch):
                            out.append((ch, "m"))
                        elif eng.match(piece):  # jieba tests the piece here, not the character
                            out.append((ch, "eng"))
                        else:
                            out.append((ch, "x"))
    return out


def _pos_block_no_hmm(model: _Model, sentence: str, out: list[tuple[str, str]]) -> None:
    ends = _route(model, sentence)
    word_tag, eng1 = model.word_tag, posseg.re_eng1
    x, buf, size = 0, "", len(sentence)
    while x < size:
        y = ends[x] + 1
        word = sentence[x:y]
        if eng1.match(word):
            buf += word
        else:
            if buf:
                out.append((buf, "eng"))
                buf = ""
            out.append((word, word_tag.get(word, "x")))
        x = y
    if buf:
        out.append((buf, "eng"))


def _pos_block(model: _Model, sentence: str, out: list[tuple[str, str]]) -> None:
    ends = _route(model, sentence)
    word_tag = model.word_tag
    x, buf, size = 0, "", len(sentence)
    while x < size:
        y = ends[x] + 1
        if y - x == 1:
            buf += sentence[x]
        else:
            if buf:
                _flush_tags(model, buf, out)
                buf = ""
            word = sentence[x:y]
            out.append((word, word_tag.get(word, "x")))
        x = y
    if buf:
        _flush_tags(model, buf, out)


def _flush_tags(model: _Model, buf: str, out: list[tuple[str, str]]) -> None:
    word_tag = model.word_tag
    if len(buf) == 1:
        out.append((buf, word_tag.get(buf, "x")))
    elif not model.freq.get(buf):
        _pos_detail(model, buf, out)
    else:
        out.extend((ch, word_tag.get(ch, "x")) for ch in buf)


def _pos_detail(model: _Model, sentence: str, out: list[tuple[str, str]]) -> None:
    han, skip = posseg.re_han_detail, posseg.re_skip_detail
    num, eng = posseg.re_num, posseg.re_eng
    for block in han.split(sentence):
        if han.match(block):
            _pos_hmm(model, block, out)
        else:
            for piece in skip.split(block):
                if piece:
                    if num.match(piece):
                        out.append((piece, "m"))
                    elif eng.match(piece):
                        out.append((piece, "eng"))
                    else:
                        out.append((piece, "x"))


def _pos_hmm(model: _Model, sentence: str, out: list[tuple[str, str]]) -> None:
    states = viterbi(model, sentence)
    begin, next_index = 0, 0
    for i, ch in enumerate(sentence):
        position, flag = states[i]
        if position == "B":
            begin = i
        elif position == "E":
            out.append((sentence[begin:i + 1], flag))
            next_index = i + 1
        elif position == "S":
            out.append((ch, flag))
            next_index = i + 1
    if next_index < len(sentence):
        out.append((sentence[next_index:], states[next_index][1]))


def viterbi(model: _Model, obs: str) -> list[tuple[str, str]]:
    """jieba.posseg.viterbi's best state sequence (its route), the same floats compared the same way."""
    trans, emit, preceding, following, has_next = (model.trans, model.emit, model.preceding, model.following,
                                                   model.has_next)
    char_states, all_states = model.char_states, model.all_states
    first = obs[0]
    scores = {y: model.start[y] + emit[y].get(first, MIN_FLOAT) for y in char_states.get(first, all_states)}
    paths: list[dict] = [dict.fromkeys(scores, "")]
    for t in range(1, len(obs)):
        previous = [x for x in scores if x in has_next]
        expected: set = set().union(*[following[x] for x in previous])
        candidates = set(char_states.get(obs[t], all_states)) & expected
        if not candidates:
            candidates = expected if expected else all_states
        ch = obs[t]
        new_scores: dict = {}
        back: dict = {}
        reachable = set(previous)
        for y in candidates:
            emission = emit[y].get(ch, MIN_FLOAT)
            into = preceding.get(y, {})
            best, best_state = MIN_INF, None
            for y0 in into.keys() & reachable:  # any order: ties go to the greater state, as in `max`
                score = scores[y0] + into[y0] + emission
                if score > best or (score == best and best_state is not None and y0 > best_state):
                    best, best_state = score, y0
            if best_state is None:  # no finite candidate: jieba's own step over every state
                best, best_state = max((scores[y0] + trans[y0].get(y, MIN_INF) + emission, y0) for y0 in previous)
            new_scores[y] = best
            back[y] = best_state
        scores = new_scores
        paths.append(back)
    _, state = max((score, y) for y, score in scores.items())
    route = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = paths[i][state]
    return route
