"""A hard-wrapped paragraph is one record in every script, joined as it was written: with a
space where the wrap took one (Latin, Cyrillic, Korean), with none in scripts that write no
space between words (Chinese, Japanese, Thai), and none after a hyphen that ends a line inside
a word ("every-\\none" is "every-one", never "every- one").

Chinese and Japanese lines of a wrapped block are half as many characters as Latin ones for
the same width (each is two columns wide): counted in characters, they never filled the block,
and every line became a record of its own, a sentence cut mid-word."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.segment.segmenter import Segmenter

PARAGRAPHS = {  # one paragraph per script, written for this test
    "latin": "The director shot the whole film in a small northern harbour town during one cold "
    "winter, and the critics praised its patient camera, its long silent scenes and the quiet "
    "music that follows the fishermen from the docks to their homes at night.",
    "cyrillic": "Режиссёр снял весь фильм в маленьком северном портовом городе одной холодной "
    "зимой, и критики хвалили его терпеливую камеру, долгие тихие сцены и спокойную музыку.",
    "korean": "감독은 추운 겨울 동안 작은 북쪽 항구 도시에서 영화 전체를 촬영했고 비평가들은 "
    "인내심 있는 카메라와 길고 조용한 장면들 그리고 어부들을 따라가는 음악을 칭찬했다.",
    "japanese": "監督は寒い冬のあいだ北の小さな港町で映画のすべてを撮影し、批評家たちは忍耐強い"
    "カメラと長く静かな場面、そして夜に漁師たちを港から家まで追いかける穏やかな音楽を称賛した。",
    "chinese": "导演在一个寒冷的冬天里于北方的小港口城市拍摄了整部电影，评论家们称赞了它耐心的"
    "镜头、漫长而安静的场景，以及夜里从码头一路跟随渔民回家的平静音乐。",
    "thai": "ผู้กำกับถ่ายทำภาพยนตร์ทั้งเรื่องในเมืองท่าเล็กๆทางตอนเหนือระหว่างฤดูหนาว"
    "และนักวิจารณ์ชื่นชมกล้องที่อดทนฉากเงียบยาวและดนตรีที่สงบซึ่งติดตามชาวประมงกลับบ้านในตอนกลางคืน",
}


def columns(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap as an editor does: at a space where the script has spaces (the space becomes
    the line end), anywhere between two characters where it has none, never after a combining
    mark's base (a Thai vowel sign stays with its consonant)."""
    lines, line = [], ""
    for word in text.split(" ") if " " in text else [text]:
        for char in word if " " not in text else [word]:
            piece = char if " " not in text else word
            joiner = "" if " " not in text or not line else " "
            if (
                line
                and columns(line + joiner + piece) > width
                and not unicodedata.combining(piece[0])
            ):
                lines.append(line)
                line, joiner = "", ""
            line += joiner + piece
    return [*lines, line]


def records(lines: list[str]) -> list[str]:
    numbered = list(enumerate(lines, start=1))
    return [r.text for r in Segmenter().segment(numbered, "doc", "doc.txt") if r.active]


@pytest.mark.parametrize("script", list(PARAGRAPHS))
@settings(max_examples=12, deadline=None)
@given(width=st.integers(min_value=50, max_value=90))
def test_a_wrapped_paragraph_is_one_record_as_written(script: str, width: int) -> None:
    text = PARAGRAPHS[script]
    lines = wrap(text, width)
    assert len(lines) > 1
    assert records(lines) == [text]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("every", "one"),
        ("mas", "terpiece"),
        ("well", "known"),
        ("twenty", "five"),
        ("État", "major"),
    ],
)
def test_a_line_ending_in_a_hyphen_inside_a_word_joins_without_a_space(
    first: str, second: str
) -> None:
    before = "The critics agreed that the long final scene of the film was seen by "
    after = " of the people who came to the festival that cold and rainy winter evening."
    lines = [before + first + "-", second + after]
    assert records(lines) == [f"{before}{first}-{second}{after}"]


# -- the class: two lines of a block, in every script, with every kind of line end and of next
# line start: one paragraph or two, and the string that joins them ----------------------------
#
# The table below is written, not taken from a sample. A wrapped paragraph's first line is its
# block's longest (the break was forced: the next line's first word did not fit on it), so the
# only evidence left is the line end and the next line's start:
#
# - a sentence end of the script (".", "؟", "।", "։", "።", "။", "།", "۔", Greek ";", "。", full
#   width "！？"), alone or before a closing quote or bracket, ends the paragraph; so does a next
#   line that starts a list item ("- ", "* ", "• ", "1. ", "2) ", "a) ", "(b) ");
# - anything else goes on: a word, a number, a comma of the script ("،", "、", "，"), an opening
#   bracket or quote, a hyphen, a soft hyphen, an elided article, a URL cut in two;
# - the join is "" after a hyphen inside a word ("mas-" / "terpiece" is "mas-terpiece": the
#   hyphen is kept, the text is never re-spelt), a soft hyphen, an elided article ("d'" /
#   "Alain"), an opening bracket or quote ("「" / "…"), a URL cut, and between two characters of
#   a script written without spaces (Chinese, Japanese, Thai, Myanmar, Tibetan); " " after a
#   suspended hyphen ("Umwelt-" / "und Naturschutz": the hyphen stands for a word), after a
#   line that ended on a blank (Thai separates phrases with one), and everywhere else.

SCRIPTS: dict[str, dict[str, object]] = {
    # body: a line long enough to fill a block; lower/upper: words a next line may start with
    # (None: the script has no case); ends: its sentence ends; comma; spaced: words apart
    "english": {"body": "the crew filmed the old harbour at night for many long weeks in",
                "lower": "winter", "upper": "Anna", "ends": [".", "!", "?", "…"],
                "comma": ",", "spaced": True},
    "french": {"body": "l'équipe a filmé le vieux port la nuit pendant de longues semaines",
               "lower": "malgré", "upper": "Hélène", "ends": [".", "!", "?", "…"],
               "comma": ",", "spaced": True},
    "german": {"body": "die Mannschaft filmte den alten Hafen viele lange Wochen lang",
               "lower": "trotz", "upper": "Kälte", "ends": [".", "!", "?"],
               "comma": ",", "spaced": True},
    "cyrillic": {"body": "съёмочная группа снимала старую гавань ночью много долгих недель",
                 "lower": "несмотря", "upper": "Анна", "ends": [".", "!", "?"],
                 "comma": ",", "spaced": True},
    "greek": {"body": "το συνεργείο κινηματογράφησε το παλιό λιμάνι τη νύχτα για εβδομάδες",
              "lower": "παρά", "upper": "Άννα", "ends": [".", "\u037e", "!"],
              "comma": ",", "spaced": True},
    "armenian": {"body": "նկարահանող խումբը նկարահանեց հին նավահանգիստը գիշերը շատ շաբաթներ",
                 "lower": "չնայած", "upper": "Աննա", "ends": ["։"],
                 "comma": ",", "spaced": True},
    "arabic": {"body": "صور الفريق الميناء القديم ليلا لعدة أسابيع طويلة في البرد القارس",
               "lower": None, "upper": "رغم", "ends": [".", "؟", "!"], "comma": "،",
               "spaced": True},
    "urdu": {"body": "ٹیم نے کئی لمبے ہفتوں تک رات کو پرانی بندرگاہ کی فلم بندی کی اور",
             "lower": None, "upper": "سردی", "ends": ["۔", "؟"], "comma": "،", "spaced": True},
    "hebrew": {"body": "הצוות צילם את הנמל הישן בלילה במשך שבועות ארוכים רבים בקור העז",
               "lower": None, "upper": "למרות", "ends": [".", "?", "!"], "comma": ",",
               "spaced": True},
    "hindi": {"body": "दल ने कई लंबे हफ्तों तक रात में पुराने बंदरगाह को फिल्माया और ठंड में",
              "lower": None, "upper": "काम", "ends": ["।", "?", "॥"], "comma": ",",
              "spaced": True},
    "amharic": {"body": "ቡድኑ የድሮውን ወደብ በሌሊት ለብዙ ረጅም ሳምንታት በብርድ ቀረጸ እና ከዚያ በኋላ ደግሞ",
                "lower": None, "upper": "ሥራው", "ends": ["።", "፧"], "comma": "፣",
                "spaced": True},
    "korean": {"body": "촬영팀은 추운 겨울 밤에 몇 주 동안 오래된 항구를 계속 촬영했고 그 뒤에도",
               "lower": None, "upper": "감독은", "ends": [".", "?", "!"], "comma": ",",
               "spaced": True},
    "chinese": {"body": "摄制组在寒冷的冬夜里连续好几个星期拍摄那个古老的港口和渔民们",
                "lower": None, "upper": "导演", "ends": ["。", "！", "？"], "comma": "，",
                "spaced": False},
    "japanese": {"body": "撮影隊は寒い冬の夜に何週間も古い港と漁師たちを撮影し続けていた",
                 "lower": None, "upper": "監督", "ends": ["。", "！", "？"], "comma": "、",
                 "spaced": False},
    "thai": {"body": "ทีมงานถ่ายทำท่าเรือเก่าในเวลากลางคืนหลายสัปดาห์ท่ามกลางอากาศหนาวเย็น",
             "lower": None, "upper": "ผู้กำกับ", "ends": [], "comma": None, "spaced": False},
    "myanmar": {"body": "အဖွဲ့သည်ဆိပ်ကမ်းဟောင်းကိုညအချိန်တွင်ရက်သတ္တပတ်များစွာရိုက်ကူးခဲ့သည်",
                "lower": None, "upper": "ဒါရိုက်တာ", "ends": ["။"], "comma": None,
                "spaced": False},
    "tibetan": {"body": "སྐྱེས་བུ་ཚོས་ཉིན་མཚན་དུ་གྲུ་ཁ་རྙིང་པའི་པར་ལེན་བྱས་པ་དང་གྲང་ངར་ཆེན་པོ",
                "lower": None, "upper": "བཟོ་", "ends": ["།"], "comma": None, "spaced": False},
}  # fmt: skip
REST = {True: " walked on slowly", False: "走了"}  # what follows a next line's first word
CLOSERS = {True: ['"', "”", "»", "'", "’", ")"], False: ["」", "』", "）", "”"]}
BULLETS = ["- ", "* ", "• ", "1. ", "2) ", "a) ", "(b) ", "12. ", "II. ", "iv) ", "١. ", "(3) "]


def case(prev: str, nxt: str, join: str | None) -> tuple[list[str], list[str]]:
    """Two lines, and the records they must give: one joined by `join`, or both as written."""
    a, b = (unicodedata.normalize("NFC", line).strip() for line in (prev, nxt))
    return [prev, nxt], [a + join + b] if join is not None else [a, b]


def script_cases() -> dict[str, tuple[list[str], list[str]]]:
    out: dict[str, tuple[list[str], list[str]]] = {}
    for name, s in SCRIPTS.items():
        body, spaced = str(s["body"]), bool(s["spaced"])
        sep = " " if spaced else ""
        rest = REST[spaced] if spaced else str(s["upper"])
        starts = {"upper": str(s["upper"]) + rest, "digit": "12" + rest}
        if s["lower"]:
            starts["lower"] = str(s["lower"]) + rest
        if name in ("thai", "myanmar", "tibetan"):
            del starts["digit"]  # whether a number takes a space there is a house style
        quote = "「" if name in ("chinese", "japanese") else "“" if spaced else None
        if quote:
            starts["quote"] = quote + str(s["upper"]) + ("」" if quote == "「" else "”") + rest
        for start, nxt in starts.items():
            out[f"{name}/word/{start}"] = case(body, nxt, sep)
            if spaced or name in ("chinese", "japanese"):  # Thai "1984" beside a word: style
                # two numbers stay apart in every script ("1984" / "12" is no "198412")
                out[f"{name}/number/{start}"] = case(
                    body + sep + "1984", nxt, " " if start == "digit" else sep
                )
            if s["comma"]:
                out[f"{name}/comma/{start}"] = case(body + str(s["comma"]), nxt, sep)
            for end in s["ends"]:  # type: ignore[attr-defined]
                out[f"{name}/end{end}/{start}"] = case(body + end, nxt, None)
                for closer in CLOSERS[spaced]:
                    out[f"{name}/end{end}{closer}/{start}"] = case(body + end + closer, nxt, None)
        for bullet in BULLETS:
            item = bullet + str(s["upper"]) + rest
            out[f"{name}/word/bullet{bullet.strip()}"] = case(body, item, None)
            if s["comma"]:
                out[f"{name}/comma/bullet{bullet.strip()}"] = case(
                    body + str(s["comma"]), item, None
                )
    return out


LATIN = "The critics agreed that the long final scene of the film was seen by many"
SUSPENDED = {  # a hyphen standing for a word, then the conjunction: the space stays
    "de": ("Umwelt-", "und Naturschutz"), "de2": ("Ein-", "oder Ausgang"),
    "de3": ("Vor-", "bzw. Nachteile"), "de4": ("Film-", "sowie Fernsehrechte"),
    "en": ("pre-", "and post-war"), "en2": ("first-", "or second-hand"),
    "fr": ("pré-", "et post-production"), "fr2": ("micro-", "ou macro-économie"),
    "es": ("pre-", "y posguerra"), "it": ("pre-", "e post-produzione"),
    "nl": ("voor-", "en nadelen"), "ru": ("кино-", "и телеиндустрия"),
    "pl": ("przed-", "i powojenny"), "sv": ("för-", "och nackdelar"),
}  # fmt: skip
ELIDED = ["d", "l", "j", "qu", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu",
          "quoiqu", "dell", "un", "all", "nell", "sull", "dall", "quest", "D", "L"]  # fmt: skip


def special_cases() -> dict[str, tuple[list[str], list[str]]]:
    out: dict[str, tuple[list[str], list[str]]] = {}
    for first, second in [("mas", "terpiece"), ("well", "known"), ("Umwelt", "Schutz"),
                          ("COVID", "19"), ("1939", "1945"), ("кино", "театр")]:  # fmt: skip
        out[f"hyphen/{first}"] = case(f"{LATIN} {first}-", second + " of the year", "")
        out[f"en-dash/{first}"] = case(f"{LATIN} {first}–", second + " of the year", "")
    for lang, (first, second) in SUSPENDED.items():
        out[f"suspended/{lang}"] = case(f"{LATIN} {first}", second + " again", " ")
    for next_word in ("terpiece of the year", "Terpiece of the year"):
        out[f"soft-hyphen/{next_word[0]}"] = case(f"{LATIN} mas\u00ad", next_word, "")
    for article in ELIDED:
        for mark in ("'", "’"):
            for nxt in ("Alain Resnais", "acteur principal", "Orson Welles"):
                prev = f"{LATIN} {article}{mark}"
                out[f"elision/{article}{mark}/{nxt[0]}"] = case(prev, nxt + " again", "")
    for bracket in "（「『【〈《(":
        cjk = bracket in "（「『【〈《"
        prev = (SCRIPTS["chinese"]["body"] if cjk else LATIN + " ") + bracket  # type: ignore[operator]
        nxt = "导演说的话" if cjk else "see the notes below"
        out[f"open/{bracket}"] = case(str(prev), nxt, "")
    for url, tail in [("https://example.org/films/", "night-harbour-2024.html and more"),
                      ("https://example.org/fi", "lms/night_harbour?id=12 and more"),
                      ("www.example.org/films/night-", "harbour/press-kit.pdf for the crew")]:  # fmt: skip
        out[f"url/{url[-6:]}"] = case(f"The press kit is at {url}", tail, "")
    out["url/word-after"] = case(f"{LATIN} at https://example.org/films/", "for the crew", " ")
    for name in ("thai", "myanmar", "chinese"):
        body, upper = SCRIPTS[name]["body"], SCRIPTS[name]["upper"]
        out[f"trailing-blank/{name}"] = case(f"{body} ", f"{upper}{upper}", " ")
    for name in ("hebrew", "arabic"):  # a right-to-left mark after the end: still an end
        body, upper, end = SCRIPTS[name]["body"], SCRIPTS[name]["upper"], SCRIPTS[name]["ends"]
        for mark in ("\u200f", "\u200e", "\u202c", "\u2069"):
            out[f"invisible{mark!r}/end/{name}"] = case(f"{body}{end[0]}{mark}", f"{upper}", None)  # type: ignore[index]
            out[f"invisible{mark!r}/word/{name}"] = case(f"{body}{mark}", f"{upper}", " ")
    out["ethiopic/wordspace"] = case("ቡድኑ፡የድሮውን፡ወደብ፡በሌሊት፡ለብዙ፡ረጅም፡ሳምንታት፡በብርድ፡ቀረጸ፡እና፡ከዚያ፡", "ደግሞ", "")
    for opener in ['"', "«\u00a0", "(", "„", "[", "¿", "‘"]:
        out[f"next-opens/{opener}"] = case(LATIN, opener + "Anna walked on", " ")
    for article in ("aujourd", "prud"):
        out[f"elision/{article}"] = case(f"{LATIN} {article}'", "hui", "")
    for initial in ("M. Dupont", "C. Dubois", "J. Campion"):  # an initial is no list marker
        out[f"initial/{initial}"] = case(LATIN, initial + " walked on", " ")
    out["date/im"] = case(f"{LATIN} im", "12. Jahrhundert gebaut", " ")
    for mark in ("'", "’", "ʼ"):
        out[f"elision/modifier{mark}"] = case(f"{LATIN} l{mark}", "Atalante again", "")
    out["em-dash/closed"] = case(f"{LATIN} film—", "and then the credits", "")
    out["em-dash/spaced"] = case(f"{LATIN} film —", "And then the credits", " ")
    for closing in (",", ")", "]"):
        out[f"next-closes/{closing}"] = case(f"{LATIN} film", f"{closing} and others", "")
    out["next-closes/、"] = case(str(SCRIPTS["chinese"]["body"]), "、导演说", "")
    out["closing-quote-after-a-word/lower"] = case(f'{LATIN} "Mask"', "and others", " ")
    out["colon/lower"] = case(f"{LATIN} of them:", "actors, critics", " ")
    return out


CASES = {**script_cases(), **special_cases()}


def segmented(lines: list[str]) -> list[str]:
    """Every record of a page whose second block is `lines` (kept or dropped: nothing lost)."""
    numbered = list(enumerate(["A first paragraph, written for this test.", "", *lines], 1))
    return [r.text for r in Segmenter().segment(numbered, "doc", "doc.txt")][1:]


def test_the_table_covers_every_script_end_and_start() -> None:
    assert len(SCRIPTS) >= 17 and len(CASES) > 900
    kinds = {key.split("/")[1].rstrip("".join(CLOSERS[True] + CLOSERS[False])) for key in CASES}
    assert {"word", "number", "comma", "end."} <= kinds


def test_two_lines_join_as_the_table_says() -> None:
    """Every case of the table (~1,500: one test, the wrong ones listed by kind)."""
    wrong = {key: segmented(lines) for key, (lines, expected) in CASES.items()}
    wrong = {key: got for key, got in wrong.items() if got != CASES[key][1]}
    assert not wrong, f"{len(wrong)} of {len(CASES)}: " + "; ".join(
        f"{key}: {CASES[key][0]} -> {got}" for key, got in list(wrong.items())[:12]
    )


def test_a_markdown_paragraph_joins_its_lines_as_a_text_page_does() -> None:
    """A Markdown paragraph's line ends (soft breaks) are the same class: each joined case of
    the table, as one paragraph of a Markdown page, gives the same text (was " " always:
    "d' Alain", "mas- terpiece", "「 导演")."""
    from pipeline.io.markdown import markdown_page

    wrong = {}
    joined_cases = {key: case for key, case in CASES.items() if len(case[1]) == 1}
    for key, (lines, expected) in joined_cases.items():
        text = unicodedata.normalize("NFC", lines[0]).strip()
        if text.endswith(("\\", "  ")) or text[:1] in "#>" or lines[0][-1:].isspace():
            continue  # Markdown syntax: a hard break, a heading, a quotation; CommonMark
            # drops the blanks before a soft break (a Thai line's trailing blank is no text)
        blocks = markdown_page(list(enumerate(lines, 1))).blocks
        got = [unicodedata.normalize("NFC", b.text) for b in blocks]
        if got != expected:
            wrong[key] = got
    assert len(joined_cases) > 300
    assert not wrong, f"{len(wrong)}: " + "; ".join(f"{k}: {v}" for k, v in list(wrong.items())[:8])
