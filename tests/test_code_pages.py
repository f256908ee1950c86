"""Code pages: every single-byte code page an export can be in for the Latin, Cyrillic and
Greek-script languages we read (Windows, ISO-8859, KOI8, DOS, Mac), by language × code page ×
casing × length × where the first letter beyond ASCII sits: the decided encoding gives back the
text exactly (two code pages that give the same text are both right).

One line of Latvian (`ā ē ī` read as French `â ç î` in cp1252 or `â ë î` in cp850) or of small
Icelandic in cp861 (`þ ð` read as cp850 `ò î`, all letters of Italian) holds no letter that
tells the code pages apart; from two lines (~120 characters) on they are read right, and so
they are tested (`ONE_LINE_UNDECIDABLE`). The texts are written here, not taken from data/raw.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.charsets import SINGLE_BYTE, legacy_encoding
from pipeline.io.encoding import file_encoding
from tests.test_encodings import TEXTS as COMMON_TEXTS
from tests.test_encodings import ascii_head, can_hold

TEXTS = {
    **COMMON_TEXTS,
    "pt": "A população da região não esqueceu a canção que o avô cantava à noite.\n"
    "As crianças comeram pão e maçãs depois da lição de música.\n",
    "it": "Perché non vieni in città con noi? È già tardi, però ne vale la pena.\n"
    "Il caffè era più buono là, vicino all'università, e costava di più.\n",
    "is": "Þórður og Guðrún fóru í ferðalag um Ísland síðasta sumar.\n"
    "Æðarfuglinn synti við ströndina þegar sólin reis yfir fjörðinn.\n",
    "da": "Børnene løb ned til søen og så på ænderne i det klare vand.\n"
    "Vi spiste rødgrød med fløde på en varm sommerdag ved åen.\n",
    "sv": "Flickan gick över bron och köpte färska jordgubbar på torget.\n"
    "Hösten är här och löven på träden blir gula och röda.\n",
    "fi": "Äiti leipoi pullaa ja lapset söivät sitä kuuman teen kanssa.\n"
    "Hyvää yötä, sanoi isä ennen kuin hän sammutti kaikki valot.\n",
    "hr": "Čovjek je šetao uz rijeku dok su djeca žurno trčala prema kući.\n"
    "Đak je naučio lekciju i dobio dobru ocjenu od učiteljice.\n",
    "sk": "Ďateľ ťukal do stromu a mačka sa ľahko vyšplhala na strechu.\n"
    "Včera sme sa kúpali v jazere pod horami až do večera.\n",
    "ro": "Băiatul a mâncat o plăcintă cu brânză în grădina bunicii.\n"
    "Școala se află lângă pădure, iar țăranii lucrează câmpul.\n",
    "et": "Õhtul käisime järve ääres jalutamas ja vaatasime päikeseloojangut.\n"
    "Vanaema küpsetas õunakooki ja kõik said tüki ning jõid teed.\n",
    "lv": "Vakarā mēs gājām pastaigāties gar ezeru un skatījāmies saulrietā.\n"
    "Vecmāmiņa izcepa gardu ābolu pīrāgu ar ķiršiem un ogām.\n",
    "bg": "Вчера ходихме до морето и се разхождахме по плажа цял ден.\n"
    "Баба ни разказа приказка за един смел юнак и неговия кон.\n",
    "sr": "Јуче смо шетали поред реке и гледали како ђаци играју фудбал.\n"
    "Његова сестра је направила укусну питу од јабука и шљива.\n",
    "ar": "ذهبنا إلى السوق في الصباح واشترينا خبزا وفاكهة طازجة.\n"
    "كانت الشمس دافئة والأطفال يلعبون في الحديقة قرب النهر.\n",
    "he": "אתמול הלכנו לשוק וקנינו לחם טרי ופירות מתוקים.\n"
    "הילדים שיחקו בגינה ליד הנהר עד שהשמש שקעה.\n",
}
PAGES = (
    # Windows, ISO-8859, KOI8
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "iso8859_1", "iso8859_6", "iso8859_8", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_7", "iso8859_9",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r", "koi8_u",
    # DOS
    "cp437", "cp737", "cp775", "cp850", "cp852", "cp855", "cp857", "cp858", "cp860", "cp861",
    "cp863", "cp865", "cp866", "cp869", "cp1125",
    # Mac
    "mac_roman", "mac_latin2", "mac_cyrillic", "mac_greek", "mac_turkish", "mac_iceland",
    "mac_croatian", "mac_romanian",
)  # fmt: skip
CASINGS = ("as written", "upper", "lower")
ONE_LINE_UNDECIDABLE = {("lv", page) for page in PAGES} | {("is", "cp861")}
# Byte for byte the same text in a commoner code page, which wins (docs/encodings.md):
# Romanian `Ș ț` in ISO-8859-16 are the bytes of `Ş ţ` in Windows-1250, what Windows writes
# for Romanian (h39: a Windows-1250 file was read as ISO-8859-16, `ş` turned `ș`).
SAME_BYTES = {("ro", "iso8859_16"): "cp1250"}


def cased(text: str, casing: str) -> str:
    if casing == "upper":
        return text.upper()
    return text.lower() if casing == "lower" else text


CASES = sorted(
    (lang, page, casing)
    for lang, text in TEXTS.items()
    for page in PAGES
    for casing in CASINGS
    if can_hold(cased(text, casing), page)
    and cased(text, casing).encode(page) != cased(text, casing).encode("utf-8")
)
PAIRS = sorted({(lang, page) for lang, page, _ in CASES})


def reads_back(data: bytes, text: str) -> tuple[bool, str]:
    found = legacy_encoding(data)
    chosen = found.encoding if found else "utf-8"
    return data.decode(chosen, "replace") == text, chosen


def test_every_code_page_is_a_candidate_and_has_cases() -> None:
    assert set(PAGES) - {"iso8859_1"} <= set(SINGLE_BYTE)  # latin_1 is its name there
    assert {page for _, page in PAIRS} == set(PAGES)
    assert {lang for lang, _ in PAIRS} == set(TEXTS)
    assert len(CASES) > 750


@pytest.mark.parametrize(("lang", "page"), PAIRS)
def test_every_casing_at_one_and_two_lines_is_read_exactly(lang: str, page: str) -> None:
    """Each casing of the pair's text, as its first line alone and as two lines."""
    wrong = []
    for casing in CASINGS:
        text = cased(TEXTS[lang], casing)
        if not can_hold(text, page):
            continue
        lengths = {"two lines": text}
        if (lang, page) not in ONE_LINE_UNDECIDABLE:
            lengths["one line"] = text.splitlines(keepends=True)[0]
        for length, content in lengths.items():
            right, chosen = reads_back(content.encode(page), content)
            if not right and SAME_BYTES.get((lang, page)) != chosen:
                wrong.append((casing, length, chosen))
    assert not wrong


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    case=st.sampled_from(CASES),
    repeat=st.integers(2, 40),
    head_kb=st.sampled_from([0, 1, 70, 130]),
    lead=st.one_of(
        st.text(alphabet="abcdefghij ,.0123456789", max_size=40).map(lambda s: s and s + " "),
        st.integers(1_900, 70_000).map(lambda n: ("var a=1; " * (n // 9 + 1))[:n] + " "),
    ),
)
def test_any_length_and_place_of_the_first_letter_beyond_ascii(
    tmp_path_factory: Any, case: tuple[str, str, str], repeat: int, head_kb: int, lead: str
) -> None:
    """The whole file decided (`file_encoding`): ASCII lines before the text (past the old
    64 kB head, past the sample's stride), ASCII words before its first letter on its line (a
    blank between: an ASCII letter glued to a Cyrillic capital is itself a misreading's sign),
    up to 70 kB of them (a page on one line, script first: past the 2 kB sampled of a line)."""
    lang, page, casing = case
    text = lead + cased(TEXTS[lang], casing) * repeat
    content = ascii_head(head_kb * 1024) + text
    path: Path = tmp_path_factory.mktemp("page") / "export.txt"
    path.write_bytes(content.encode(page))
    chosen = file_encoding(path)
    if SAME_BYTES.get((lang, page)) == chosen:
        return
    assert path.read_bytes().decode(chosen, "replace") == content, chosen


@pytest.mark.parametrize("page", ["cp437", "cp850"])
def test_a_frame_drawn_in_a_dos_code_page_is_not_a_fault(page: str) -> None:
    """Frames are runs of drawing characters: a DOS table with accented words still reads in
    its code page (a lone `╘` between words is a misread `È`, never a frame)."""
    rows = ["╔════════════╗", "║ café crème ║", "║ déjà été   ║", "╚════════════╝"]
    text = "\n".join(rows * 3) + "\n"
    data = text.encode(page)
    right, chosen = reads_back(data, text)
    assert right, chosen


WIDE_TEXTS = {  # scripts whose UTF-16 high bytes are not NUL
    "ru": COMMON_TEXTS["ru"], "el": COMMON_TEXTS["el"], "uk": COMMON_TEXTS["uk"],
    "ja": "昨日は友達と一緒に古い町を歩きました。\n小さな店で温かいお茶を飲みました。\n",
    "ko": "어제 우리는 시장에 가서 신선한 빵을 샀습니다.\n아이들은 강가에서 놀았습니다.\n",
    "ar": TEXTS["ar"], "fr": COMMON_TEXTS["fr"],
}  # fmt: skip


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("lang", sorted(WIDE_TEXTS))
@pytest.mark.parametrize("repeat", [1, 40])
def test_utf16_without_a_bom_in_any_script(
    tmp_path: Path, order: str, lang: str, repeat: int
) -> None:
    """Read as UTF-16 by the text it decodes to (blanks and line ends of its own, printable):
    Russian was refused as binary (E002), Japanese read as cp863."""
    from pipeline.io.readers import Reader

    text = WIDE_TEXTS[lang] * repeat
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(order))
    assert file_encoding(path) == order
    records = list(Reader(max_chars=1_000_000)([path]))
    assert [r.error for r in records if r.error] == []
    assert "\n".join(r.text for r in records) == text.strip().replace("\n\n", "\n")


ISO2022 = {
    "iso2022_jp": WIDE_TEXTS["ja"],
    "iso2022_kr": WIDE_TEXTS["ko"],
}


@pytest.mark.parametrize("encoding", sorted(ISO2022))
@pytest.mark.parametrize("head_kb", [0, 70])
def test_seven_bit_iso2022_is_decoded(tmp_path: Path, encoding: str, head_kb: int) -> None:
    """ISO-2022-JP (the mail standard) and -KR are ASCII bytes with escapes: they were read as
    UTF-8 with the escape sequences kept as text."""
    text = ascii_head(head_kb * 1024) + ISO2022[encoding] * 3
    path = tmp_path / "seven.txt"
    path.write_bytes(text.encode(encoding))
    assert file_encoding(path) == encoding
    assert path.read_bytes().decode(encoding) == text


@pytest.mark.parametrize("lang, page", [("ru", "cp1251"), ("pl", "cp1250"), ("tr", "cp1254")])
@pytest.mark.parametrize("lead", [0, 2_000, 2_100, 5_000, 60_000])
@pytest.mark.parametrize("name", ["page.html", "page.xhtml", "notes.txt", "rows.jsonl"])
def test_text_after_a_long_ascii_run_on_its_own_line_is_read_exactly(
    tmp_path: Path, lang: str, page: str, lead: int, name: str
) -> None:
    """A page written on one line, a script or style block first, then the text: the sampled
    part of the line is where its letters are, in every format."""
    filler = ("var a=1; " * (lead // 9 + 1))[:lead]
    text = " ".join(TEXTS[lang].split())
    content = {
        "page.html": f"<html><head><script>{filler}</script></head><body><p>{text}</p></body></html>",
        "page.xhtml": f'<?xml version="1.0" encoding="{page}"?><html><head><style>{filler}'
        f"</style></head><body><p>{text}</p></body></html>",
        "notes.txt": f"{filler} {text}\n",
        "rows.jsonl": f'{{"id": "a", "code": "{filler}", "text": "{text}"}}\n',
    }[name]
    path = tmp_path / name
    path.write_bytes(content.encode(page))
    chosen = file_encoding(path)
    assert path.read_bytes().decode(chosen, "replace") == content, chosen
