#!/usr/bin/python3
"""gen_plurals.py DICT HUNSPELL_DIC - write, as C, broken-plural classes read
from an Arabic-English dictionary: ar__dict_plurals, one class per line,
singular first, in normalized spelling (hamza-alef written ا).

The hand lexicon (ar_lexicon.c) holds about 250 classes of the commonest news
words. A dictionary knows many more: two Arabic headwords whose English
glosses are a singular and its regular plural (song / songs, tree / trees)
are taken for a singular and its plural, when the Arabic plural

  - is not a sound plural of the singular (ar_expand adds those itself),
  - keeps the singular's consonants in their order (ذراع "arm" is not a
    singular of اسلحة "arms"),
  - has the shape of an Arabic broken plural (افعال, فعول, فعال, فعلاء, افعلة,
    فعائل, مفاعل and فواعل, مفاعيل, فعلى, فعالي, فعلان, افعل; فعلة only from
    a فاعل singular and فعل only from a singular in ة), and does not begin
    with the ي or ت of a verb.

A word that two singulars claim, or that is both a singular and a plural, is
left out, and so is every word of the Hunspell dictionary's section of
names (countries, capitals, people): قطر is the country before it is the
singular of اقطار. Nothing depends on any collection or benchmark.

A second list, ar__construct_bases, holds the nouns and adjectives that take
the sound masculine plural ـون / ـين, for ar.c to read a word in ـو or ـي on
one of them as the plural's construct state (مقاتلو داعش, لاعبي المنتخب):
the Hunspell lemmas whose affix flags (an AF alias of the .aff file beside
the .dic) include one of its four rule sets of that plural (IA to ID, "جمع
مذكر سالم"). A noun is left out when the noun with ـي is a word of its own,
a Hunspell lemma or a one-word headword of the Arabic-English dictionary
(مركزي, مصري, عائلي "familial", جانبي "lateral"): there ـي is a nisba
adjective's.

A list ar__masculine_singulars holds all the Hunspell lemmas that take that
plural, for ar.c to tell a sound masculine plural (المسلحين of مسلح) from a
word that only ends as one.

A third, ar__dict_clitic_words, holds the dictionary's one-word headwords
that begin with و ف ب ل or ك, are no Hunspell lemma, and leave no word of
either dictionary without that letter, and have no article after it:
names above all (فلاديمير, برونو, بومبيو), which ar.c then reads whole, like
Hunspell's words of that kind, instead of as a clitic and the rest (ف +
لاديمير).

A fourth, ar__feminine_plural_nouns, holds the Hunspell lemmas whose flags
include its rule set of the feminine sound plural (HA: ة -> ات, 0 -> ات,
اة -> يات) and not the one that gives an adjective its feminine in ة (BA):
nouns that take ـات (عقوبة, احتجاج), for ar.c to let a word typed in the
plural find its singular (ar_expand_singular), while صادرات ("exports")
stays apart from the adjective صادر. A noun is left out when its plural is
a lemma of its own, a word with a sense of its own: قوات ("forces") of
قوة.

The dictionary is Debian's dict-freedict-ara-eng (Arabeyes word list) and the
names, lemmas and affix flags come from hunspell-ar; both are read at build
time and never copied into the repository.
"""
import collections
import gzip
import re
import sys

HARAKAT = re.compile("[\u064b-\u0652\u0670\u0640]")
ARABIC_WORD = re.compile("[\u0621-\u064a]+")
HEAD = re.compile(r"^(\S.*?) /[^/]*/\s*$")
WEAK = set("اويىةءئؤ")
# Broken-plural shapes; "." is any letter.
SHAPES = [
    ("ا..ا.", None), ("..و.", None), ("..ا.", None), ("...اء", None), ("..اء", None),
    ("ا...ة", None), ("..ائ.", None), ("..ا..", None), ("..ا.ي.", None), ("...ى", None),
    ("..ا.ي", None), ("...ان", None), ("ا...", None),
    ("...ة", ".ا.."),  # فعلة: from فاعل (طالب طلبة)
    ("...", "..*ة"),  # فعل: from a singular in ة (صحيفة صحف)
]
SHAPES = [(re.compile(p), re.compile(s) if s else None) for p, s in SHAPES]


def normalize(w):
    """Harakat and tatweel out, hamza-alef folded, a leading article off."""
    w = HARAKAT.sub("", w)
    w = re.sub("[أإآٱ]", "ا", w)
    if w.startswith("ال") and len(w) > 4:
        w = w[2:]
    return w


def read_dictionary(path):
    """({English gloss: {Arabic word}} for one-word headwords and glosses,
    {every one-word headword})."""
    by_gloss = collections.defaultdict(set)
    heads = set()
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        word = None
        for line in f:
            line = line.rstrip("\n")
            m = HEAD.match(line)
            if m and re.search("[\u0600-\u06ff]", m.group(1)):
                head = m.group(1).strip()
                word = normalize(head) if " " not in head else None
                if word is not None and (not ARABIC_WORD.fullmatch(word) or len(word) < 2):
                    word = None
                if word:
                    heads.add(word)
                continue
            gloss = re.sub(r"^\d+\.\s*", "", line.strip()).lower()
            if word and re.fullmatch("[a-z]+", gloss):
                by_gloss[gloss].add(word)
    return by_gloss, heads


def read_names(path):
    """The words of the Hunspell dictionary's names section, normalized."""
    names, inside = set(), False
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("###أسماء"):
                inside = True
            elif line.startswith("####الأسماء####"):
                break
            elif inside and not line.startswith("#"):
                w = line.split("/")[0].split()[0] if line.strip() else ""
                if w:
                    names.add(normalize(w))
    return names


def singular_gloss(g, by_gloss):
    """The English singular of the plural gloss g, if it is a gloss too."""
    cands = []
    if g.endswith("ies"):
        cands.append(g[:-3] + "y")
    if g.endswith("es"):
        cands.append(g[:-2])
    if g.endswith("s") and not g.endswith("ss"):
        cands.append(g[:-1])
    return next((c for c in cands if c in by_gloss), None)


def is_subsequence(needle, hay):
    it = iter(hay)
    return all(c in it for c in needle)


def sound_plural(s, p):
    b = s[:-1] if s.endswith("ة") else s
    return p in (s + "ات", b + "ات", s + "ون", s + "ين", s + "ان", b + "تان", b + "تين")


def broken_shape(s, p):
    if p[0] in "يت" or re.search("(ات|ون|ين)$", p):
        return False
    return any(pat.fullmatch(p) and (need is None or need.fullmatch(s)) for pat, need in SHAPES)


def classes(by_gloss, names):
    pairs = collections.defaultdict(set)
    for g, plurals in by_gloss.items():
        sg = singular_gloss(g, by_gloss)
        if not sg:
            continue
        for s in by_gloss[sg]:
            cons = [c for c in s if c not in WEAK]
            for p in plurals:
                if (p == s or s in plurals or p in by_gloss[sg] or sound_plural(s, p) or
                        len(cons) < 2 or not is_subsequence(cons, p) or not broken_shape(s, p)):
                    continue
                pairs[s].add(p)
    owners = collections.defaultdict(set)
    for s, ps in pairs.items():
        for p in ps:
            owners[p].add(s)
    out = []
    for s in sorted(pairs):
        if s in owners or s in names:
            continue
        ps = sorted(p for p in pairs[s] if len(owners[p]) == 1 and p not in pairs and p not in names)
        if ps:
            out.append(" ".join([s] + ps))
    return out


SOUND_MASCULINE = {"IA", "IB", "IC", "ID"}
# The .aff file's rule set of the feminine sound plural (ة -> ات, 0 -> ات,
# اة -> يات: "جمع مؤنث سالم"), and the one that gives an adjective its
# feminine in ة (صادر -> صادرة).
FEMININE_PLURAL = {"HA"}
ADJECTIVE_FEMININE = {"BA"}


def read_lemmas(dic):
    """[(lemma, its flag field)] of the Hunspell .dic (lines "word/flags")."""
    out = []
    with open(dic, encoding="utf-8", errors="replace") as f:
        for line in f:
            if "/" in line:
                w, fl = line.split("/", 1)
                out.append((w.strip(), re.split(r"\s", fl.strip())[0]))
    return out


def flag_aliases(aff):
    """{alias number as written in the .dic: its set of two-letter flags},
    from the AF lines of the .aff file (FLAG long)."""
    out, n = {}, 0
    with open(aff, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"AF\s+(\S+)", line)
            if not m or m.group(1).isdigit():
                continue
            n += 1
            fl = m.group(1)
            out[str(n)] = {fl[i:i + 2] for i in range(0, len(fl) - 1, 2)}
    return out


def construct_bases(lemma_flags, aliases, heads):
    """The Hunspell lemmas that take the sound masculine plural and have no
    nisba adjective of their own (module docstring)."""
    lemmas = {w for w, _ in lemma_flags}
    takes = {w for w, fl in lemma_flags if SOUND_MASCULINE & aliases.get(fl, set())}
    # In the analyzer's spelling (hamza-alef written ا; a test checks it),
    # sorted by code point, which is strcmp's order of UTF-8: ar.c searches
    # the list as it is.
    return sorted({re.sub("[أإآ]", "ا", w) for w in takes
                   if ARABIC_WORD.fullmatch(w) and not re.search("[يىاةء]$", w) and
                   w + "ي" not in lemmas and normalize(w + "ي") not in heads})


def masculine_singulars(lemma_flags, aliases):
    """The Hunspell lemmas that take the sound masculine plural (flags IA to
    ID), the nisba adjectives among them included, in the analyzer's
    spelling and sorted as construct_bases's."""
    return sorted({re.sub("[أإآ]", "ا", w) for w, fl in lemma_flags
                   if ARABIC_WORD.fullmatch(w) and SOUND_MASCULINE & aliases.get(fl, set())})


def feminine_plural(w):
    """w's plural by the .aff file's rules of flag HA."""
    if w.endswith("اة"):
        return w[:-2] + "يات"
    return (w[:-1] if w.endswith("ة") else w) + "ات"


def feminine_plural_nouns(lemma_flags, aliases):
    """The Hunspell lemmas that take the feminine sound plural in ـات as
    nouns: flag HA without BA, the rule set that makes an adjective's
    feminine in ة; not those whose plural is a lemma of its own, a word with
    a sense of its own (قوات, "forces", of قوة) (module docstring)."""
    lemmas = {w for w, _ in lemma_flags}
    return sorted({re.sub("[أإآ]", "ا", w) for w, fl in lemma_flags
                   if ARABIC_WORD.fullmatch(w) and
                   FEMININE_PLURAL <= aliases.get(fl, set()) and
                   not ADJECTIVE_FEMININE & aliases.get(fl, set()) and
                   feminine_plural(w) not in lemmas})


def clitic_letter_heads(lemma_flags, heads):
    """The one-word headwords of the Arabic-English dictionary that begin
    with و ف ب ل or ك and no article after it, that Hunspell does not list,
    and whose rest without that letter is no word of either dictionary
    (module docstring)."""
    lemmas = {re.sub("[أإآ]", "ا", w) for w, _ in lemma_flags}
    words = lemmas | heads
    # A proclitic before the article (بالفعل, للحصول, والحد) is the
    # article's business in ar.c, not a word of its own.
    article = re.compile("^([وف]?[بك]?ال|[وف]?لل)")
    return sorted(h for h in heads
                  if h[0] in "وفبلك" and len(h) >= 4 and not h.startswith("ال") and
                  not article.match(h) and h not in lemmas and h[1:] not in words)


def print_list(name, items):
    print("const char *const %s[] = {" % name)
    for c in items:
        print('    "%s",' % c)
    print("};")
    print("const size_t %s_n = sizeof %s / sizeof *%s;" % (name, name, name))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_plurals.py DICT HUNSPELL_DIC")
    try:
        by_gloss, heads = read_dictionary(sys.argv[1])
        names = read_names(sys.argv[2])
        aff = re.sub(r"\.dic$", "", sys.argv[2]) + ".aff"
        lemma_flags = read_lemmas(sys.argv[2])
        aliases = flag_aliases(aff)
        bases = construct_bases(lemma_flags, aliases, heads)
        singulars = masculine_singulars(lemma_flags, aliases)
        feminine = feminine_plural_nouns(lemma_flags, aliases)
        own = clitic_letter_heads(lemma_flags, heads)
    except OSError as e:
        sys.exit("gen_plurals.py: %s (make deps installs dict-freedict-ara-eng and hunspell-ar)" % e)
    if not names:
        sys.exit("gen_plurals.py: %s: no section of names found" % sys.argv[2])
    out = classes(by_gloss, names)
    if len(out) < 100:
        sys.exit("gen_plurals.py: only %d classes from %s" % (len(out), sys.argv[1]))
    if len(bases) < 1000:
        sys.exit("gen_plurals.py: only %d nouns with the sound masculine plural in %s" %
                 (len(bases), sys.argv[2]))
    if len(feminine) < 1000:
        sys.exit("gen_plurals.py: only %d nouns with the feminine sound plural in %s" %
                 (len(feminine), sys.argv[2]))
    print("/* Generated by analysis/gen_plurals.py from %s and %s. Do not edit. */" %
          (sys.argv[1], sys.argv[2]))
    print('#include "ar_internal.h"')
    print_list("ar__dict_plurals", out)
    print_list("ar__construct_bases", bases)
    print_list("ar__masculine_singulars", singulars)
    print_list("ar__dict_clitic_words", own)
    print_list("ar__feminine_plural_nouns", feminine)


if __name__ == "__main__":
    main()
