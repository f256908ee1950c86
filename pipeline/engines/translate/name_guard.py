"""The name guard: which names and spans of a text a translation must carry through
untouched, masking them (`protect.mask`), what the engine must give back, and what it may
translate itself (see `pipeline.stages.translate` for the policy and its measures).

- What to protect: NER's names of the text (`entities` with `field: "text"`), the knowledge
  base's aliases wherever they stand, quoted titles written as names, names guessed from
  capitalised runs for a language without NER, and what no translation may touch
  (`guard.frozen_spans`, quotations in another language). A name's article, preposition or
  title stays outside ("l'Algérie", `leading_particles`); a phrase or a capitalised common
  word opening a sentence is no name. With an engine that reads names (`analyses_names`), a
  name the engine translates as a name of its own is left to it ("Algérie" → "Algeria").
- Checking: a name left to the engine must come back as the engine renders it alone
  (`misread`: else the text is sent again with the name frozen), and the case of the word
  after a token is repaired unless the target language writes it with a capital (`keep`).

`NameGuard` holds what the run has learnt (how the engine reads each name, which words it
reads as determiners, the languages protected by capitalisation alone), once per process.
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import functools
import importlib
import itertools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from pipeline.cast_lines import cast_name_at, cast_names
from pipeline.credit_names import credit_name_at, credit_spans, credited_runs
from pipeline.engines.translate import personal_article
from pipeline.engines.translate.base import TranslationError, Translator
from pipeline.engines.translate.capitals import (
    capital_runs,
    holds_capitals,
    plural_last,
    read_as_name,
    surname_first,
    title_cased,
    written_elsewhere,
)
from pipeline.engines.translate.chain import Outcome
from pipeline.engines.translate.cued_titles import CuedTitles
from pipeline.engines.translate.guard import (
    CHUNK,
    DIGIT,
    ORDINAL,
    frozen_spans,
    language_spans,
    merged,
    title_spans,
)
from pipeline.engines.translate.lookback import word_before
from pipeline.engines.translate.names import (
    AS_NAME,
    COMMON,
    OTHER,
    joins_names,
    opens_as_grammar_word,
    opens_as_no_name,
    opens_as_subject,
    opens_as_verb,
    read_as_common_only,
)
from pipeline.engines.translate.openers import opened_words, opens, symbol_openers
from pipeline.engines.translate.particle_names import particle_run, read_as_surname, set_apart
from pipeline.engines.translate.protect import CLOSING, Masked, followers, mask
from pipeline.engines.translate.titles import spoken, written_titles
from pipeline.entities import (
    at_sentence_start,
    common_word,
    cue_key,
    exclaimed_alone,
    honorifics,
    known_names,
    label_words,
    occurrences,
    particles,
)
from pipeline.io.segment.credits import job_words
from pipeline.record import Entity, Record
from pipeline.rules import active
from pipeline.speakers import speaker_at, speaker_tags
from pipeline.text import neutralise

logger = logging.getLogger(__name__)
# the label of a name guessed in a language without NER until the target model reads it
GUESSED_LABEL = "MISC"
WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")


class NameGuard:
    """The name-protection policy of one `Translate` stage, and what it has learnt."""

    def __init__(self, target_lang: str, protect: bool, kb: str | None, ner: frozenset[str]):
        self.target_lang = target_lang
        self.protect = protect  # protect names at all (`protect_entities`)
        self.kb = kb
        self.ner = ner  # languages with an NER model: no names guessed for them
        # Whether protection is decided by asking the engine: the first engine of the chain
        # reads names with its own dictionaries (`Translator.analyses_names`); online engines
        # protect every name (asking would cost requests per name, and was not measured).
        self.asks = False
        # Per language, whether the engine that translates it (the chain's first usable one
        # for the pair: Apertium for Catalan behind an online engine without it) asks; a
        # language not here follows `asks`.
        self.asks_in: dict[str, bool] = {}
        # (lang, name): where its head starts, how the engine reads it and renders it
        # (names.readings)
        self._names: dict[tuple[str, str], tuple[int, str, str | None]] = {}
        # (lang, word): the words before names that the engine was asked about, and those it
        # reads as determiners (names.determiners)
        self._asked_determiners: set[tuple[str, str]] = set()
        self._determiners: set[tuple[str, str]] = set()
        # (lang, a name after a personal article): whether the analyser reads its first word
        # as a first name (`personal_article`): the article is dropped with it
        self._first_names: dict[tuple[str, str], bool] = {}
        # (lang, a one-word person's name and the words after it): whether the engine reads
        # the name as the subject of its sentence (`names.opens_as_subject`)
        self._subjects: dict[tuple[str, str], bool] = {}
        # (lang, the same context): whether the engine reads the word only as a finite verb,
        # an interjection or an adverb (`names.opens_as_no_name`): no name at all
        self._no_names: dict[tuple[str, str], bool] = {}
        # (lang, the same context): whether it reads the word only as common words, no proper
        # noun (`names.read_as_common_only`): no name when exclaimed alone opening a turn
        self._common_only: dict[tuple[str, str], bool] = {}
        # (lang, the same context, in a language without NER): whether the engine reads a
        # guessed one-word name it also reads as a name as the sentence's verb
        # (`names.opens_as_verb`): "Cuesta demasiado" is no "Cuesta" the person
        self._verbs: dict[tuple[str, str], bool] = {}
        # (lang, the same context, in a language without NER): whether the engine reads such
        # a word, in some reading, as a word of the grammar (`names.opens_as_grammar_word`):
        # "Ella tiene miedo" is "She…", though "Ella" is a first name too
        self._grammar_words: dict[tuple[str, str], bool] = {}
        self.unprotected: set[str] = set()  # languages with neither NER nor an analyser
        # the quoted titles in sentence case of the batch asked about last (`cued_titles`)
        self.cued = CuedTitles()
        # (lang, name): guessed names joined across connectives (`_join_connected`)
        self._joined: set[tuple[str, str]] = set()
        # (lang, name): guessed names opening on their particle that the analyser reads as
        # a person's, the particle included (`particle_names`)
        self._particled: set[tuple[str, str]] = set()
        # (lang, a run in capitals in title case): whether the analyser reads a word of it as
        # a proper noun or does not know it (`capitals`)
        self._capitals: dict[tuple[str, str], bool] = {}
        # (lang, the same run): whether its last word reads only as a plural, no first name
        # ("FARDC Forces": an acronym before a noun, `capitals.surname_first`)
        self._plural_last: dict[tuple[str, str], bool] = {}

    def __copy__(self) -> NameGuard:
        """A copy that learns apart (as the stage's settings are copied for other processes)."""
        other = NameGuard(self.target_lang, self.protect, self.kb, self.ner)
        other.asks = self.asks
        other.asks_in = copy.copy(self.asks_in)
        other._names = copy.copy(self._names)
        other._asked_determiners = copy.copy(self._asked_determiners)
        other._determiners = copy.copy(self._determiners)
        other._first_names = copy.copy(self._first_names)
        other._subjects = copy.copy(self._subjects)
        other._no_names = copy.copy(self._no_names)
        other._common_only = copy.copy(self._common_only)
        other._verbs = copy.copy(self._verbs)
        other._grammar_words = copy.copy(self._grammar_words)
        other.unprotected = copy.copy(self.unprotected)
        other._joined = copy.copy(self._joined)
        other._particled = copy.copy(self._particled)
        other._capitals = copy.copy(self._capitals)
        other._plural_last = copy.copy(self._plural_last)
        return other

    def asking(self, lang: str) -> bool:
        """Whether names of `lang` are judged by asking the engine that translates it."""
        return self.asks_in.get(lang, self.asks)

    def warn_unprotected(self, guessed: dict[int, list[Entity]], lang: str) -> None:
        """Say once per language that its names are protected by capitalisation alone."""
        if (
            any(guessed.values())
            and not self.asking(lang)
            and lang not in self.unprotected
            and lang not in self.ner  # a language with NER: only runs in capitals are guessed
        ):
            self.unprotected.add(lang)  # run.json: names_unprotected
            logger.warning(
                "%s has no NER model and the engine no analyser: its names are protected by "
                "capitalisation alone (every capitalised word but a sentence's first)",
                lang,
            )

    def misread(self, record: Record, lang: str, guessed: list[Entity], answer: str) -> bool:
        """Whether a name left to the engine is missing from its answer as the engine renders
        the name alone, counted: "la Suisse ... la Suisse" must come back with two
        "Switzerland" (the second was read as "Swiss", and the mention had nowhere to go)."""
        wanted: Counter[str] = Counter()
        for entity in self._names_of(record, guessed):
            _, read, rendering = self._names.get((lang, entity.text), (0, OTHER, None))
            if read == AS_NAME and rendering and not self._frozen(entity, record, lang):
                wanted[rendering] += 1
        return any(
            sum(1 for _ in occurrences(answer, rendering)) < n for rendering, n in wanted.items()
        )

    def renderings(self, record: Record, lang: str) -> dict[str, str]:
        """How the engine renders each name of the record it translates as a name, alone
        (`names.readings`): what the translation holds in its place (`rendered_names`)."""
        out = {}
        for entity in self._names_of(record, []):
            _, read, rendering = self._names.get((lang, entity.text), (0, OTHER, None))
            if read == AS_NAME and rendering:
                out[entity.text] = rendering
        return out

    def rendering(self, name: str, lang: str) -> str:
        """How the engine renders `name` alone, as asked (`names.readings`); itself if not."""
        return self._names.get((lang, name), (0, OTHER, None))[2] or name

    def rendered_guesses(self, record: Record, lang: str, guessed: list[Entity]) -> list[Entity]:
        """The names guessed in a language without NER (`guessed_names`) that the engine's
        dictionary renders as another name ("Londres" → "London", `names.readings`): each a
        mention of the original, so the translation's reading of it has a source
        (`rendered.guessed_places`); a name the engine keeps as written is not one."""
        if lang in self.ner or not guessed:
            return []
        out = []
        for entity in self._names_of(record, guessed):
            _, read, rendering = self._names.get((lang, entity.text), (0, OTHER, None))
            if read == AS_NAME and rendering and rendering != entity.text:
                out.append(Entity(entity.text, GUESSED_LABEL, entity.start, entity.end))
        return out

    def _frozen(self, entity: Entity, record: Record, lang: str) -> bool:
        return self._protected_span(entity, record.text, lang) is not None

    def keep(
        self,
        masked: list[tuple[Masked, set[tuple[int, int]]]],
        results: list[Outcome],
        lang: str,
    ) -> frozenset[str]:
        """Of the capitalised words right after a token whose source word was lower case, the
        ones the target language writes with a capital: its analyser does not know them in
        lower case ("January", "French"); the others were capitalised as if the token opened
        a sentence ("Asked") and are lowered (`protect.unmask`). After a token the source
        follows with a determiner and a name (`Masked.named_after`), a word the analyser
        reads as no function word in lower case too ("v2.0 United States": the name's own
        capital; "77% Of the French" is the token's: "of" reads only as a preposition)."""
        usable = [
            (m, outcome.text)
            for (m, _), outcome in zip(masked, results, strict=True)
            if outcome.text is not None and analysed(outcome)
        ]
        words = sorted({w for m, text in usable for w in followers(text, m)})
        named = {w for m, text in usable if m.named_after for w in followers(text, m, True)}
        engine = next((o.translator for o in results if analysed(o)), None)
        if not words or engine is None:
            return frozenset()
        try:
            found = engine.analyse([w.lower() for w in words], self.target_lang,
                                   (lang, self.target_lang))  # fmt: skip
        except TranslationError:
            return frozenset()
        if found is None:
            return frozenset()
        return frozenset(
            w for w, a in zip(words, found, strict=True)
            if "/*" in a or (w in named and not FUNCTION_READING.search(a))
        )  # fmt: skip

    def guessed_names(self, record: Record, lang: str) -> list[Entity]:
        """For a language without NER: its capitalised words that are not the first of a
        sentence, and runs of two or more anywhere (the engine's analysis judges them next,
        like NER's names: `names.readings`). For a language with NER, the runs of words in
        capitals inside a mixed-case sentence, which NER does not find (`capitals`: judged in
        `ask_engine`)."""
        if not self.protect:
            return []
        text = record.text
        if lang in self.ner:
            runs = capital_runs(text)
            # a speaker's name NER missed: judged by the document (`_judge_capitals`)
            taken = [*runs, *((e.start, e.end) for e in record.entities if e.field == "text")]
            runs += [t for t in speaker_tags(text) if not any(
                t[0] < e and s < t[1] for s, e in taken)]  # fmt: skip
            # a cast line's names whole, where NER took a piece ("Fontaine" of "Modeste
            # Fontaine")
            runs += [t for t in cast_names(text) if not any(
                s <= t[0] and t[1] <= e for s, e in taken)]  # fmt: skip
            # a credit line's names ("RÉALISATION : X Y", "Image : X Y"), NER's or not
            runs += [t for t in credit_spans(text, lang) if t not in runs and not any(
                s <= t[0] and t[1] <= e for s, e in taken)]  # fmt: skip
            return [Entity(text[s:e], "PERSON", s, e) for s, e in sorted(runs)]
        asks = self.asking(lang)
        out = []
        for start, end in capitalised_runs(text, lang):
            if (
                opens_sentence(text, start)
                and not asks  # no analyser: word frequency decides
                # but a speaker's name opening its line in capitals or in a dialogue's shape
                # ("SOLEDAD: …", "DOLORES, a Pilar: …") is a name whatever its frequency, as
                # NER's languages carry it (`speaker_tags`); "Nota: …" stays a word
                and not speaker_at(text, start, end, headline=False)
            ):
                first, _, rest = text[start:end].partition(" ")
                elided = re.split(r"['’]", first)
                if (
                    # "Luz Flores ha escrito": a second capitalised word makes the run a
                    # name, whose first word is left out only when it is a function word
                    # ("El Banco de España", "O Tom"); one word alone, when it is frequent
                    (
                        function_word(first.lower(), lang)
                        if rest[:1].isupper()
                        else common_word(first.lower(), lang)
                    )
                    or (  # "L'inquinamento", "C'è"
                        len(elided) > 1 and elided[-1][:1].islower()
                    )
                ):
                    start += len(first) + 1  # "Eu", "O Tom": a frequent word opening a sentence
                    if start >= end:
                        continue
            if active().on("credit_labels"):
                start = after_credit_label(text, start, end, lang)
            out.append(Entity(text[start:end], "MISC", start, end))
        if active().on("credit_names"):  # a credit line's names whole: "X du Y" no "X", "Y"
            out = credited_runs(text, lang, out)
        return out

    def _names_of(self, record: Record, guessed: list[Entity]) -> list[Entity]:
        """The names of the record to judge: NER's and the guessed ones, each cut around the
        spans frozen by their shape (`name_parts`)."""
        names = [
            with_elided_article(as_speaker(e, record.text), record.text)
            for e in record.entities if e.field == "text"
        ]  # fmt: skip
        names += guessed
        if not names:
            return []
        frozen = frozen_of(record.text)
        return [part for e in names for part in name_parts(e, record.text, frozen)]

    def mask(
        self,
        record: Record,
        lang: str,
        prefix: str,
        guessed: Sequence[Entity] = (),
        renderings: bool = False,
    ) -> tuple[Masked, set[tuple[int, int]]]:
        """The text with every span to carry through replaced by a token, and the spans that
        are names (tied to their mention in the translation): names (NER's, the knowledge
        base's, quoted titles, those guessed for a language without NER) and what no
        translation may touch (`guard.frozen_spans`: links, numbers, codes...; quotations in
        another language, `foreign_quotations`). With
        `renderings`, a name the engine translates as a name is frozen too, and put back as
        the engine renders it alone."""
        text = neutralise(record.text)
        names: list[tuple[int, int]] = []
        restore: dict[tuple[int, int], str] = {}
        if self.protect:
            for entity in self._names_of(record, list(guessed)):
                span = self._protected_span(entity, record.text, lang)
                if span is None and renderings:
                    offset, read, rendering = self._names.get((lang, entity.text),
                                                              (0, OTHER, None))  # fmt: skip
                    if read == AS_NAME and rendering:
                        span = (entity.start + offset, entity.end)
                        restore[span] = rendering
                at = personal_article.article(record.text, entity.start, entity.end)
                if (
                    span is not None and at is not None and span[0] == at[1]
                    and self._first_names.get((lang, record.text[at[1] : entity.end]), False)
                ):  # fmt: skip
                    # "la Maria" → "Maria": the article masked with the name, put back without it
                    restore.setdefault(span, record.text[span[0] : span[1]])
                    restore[at[0], span[1]] = restore.pop(span)
                    span = (at[0], span[1])
                if span is not None:
                    names.append(span)
            names += known_spans(text, self.kb)
            names += [(s, e) for s, e in title_spans(text) if not spoken(text, s, e)]
            names += written_titles(text, lang, record.meta.get("emphasis"))
            names += self.cued.spans(record)
        frozen = [*frozen_of(record.text), *language_spans(text, lang), *foreign_quotations(record)]
        frozen += symbol_openers(text, set(frozen))  # "😀 je peux": held apart (`openers`)
        restore = {  # a link or a code inside a name is carried as written
            (lo, hi): r for (lo, hi), r in restore.items()
            if not any(lo < e and s < hi for s, e in frozen)
        }  # fmt: skip
        spans = merged([*names, *frozen])
        named = set(names)
        # a token opening a sentence, which a separator may set apart: the sentence after it
        # is sent alone (`openers.cuts`, for an engine with an analyser only)
        apart = {
            span for span in spans if span not in named and opens(text, span[0])
        } if self.asking(lang) else set()  # fmt: skip
        masked = mask(text, spans, prefix, restore, apart)
        return self._before_determined_names(masked, text, lang), named

    def _before_determined_names(self, masked: Masked, text: str, lang: str) -> Masked:
        """`masked` with the tokens the source follows with a determiner and a capitalised
        word noted ("la v2.0 les Etats-Unis", "rapport.pdf l'Afrique du Sud"): the engine's
        capital after one may be the name's, whose article it often drops ("v2.0 United
        States"), not an artefact of the token (it was lowered: "v2.0 united States");
        `keep` decides. A determiner by the route's analyser (asked in `ask_engine`)."""
        if not self.asking(lang) or not any(masked.lower_after):
            return masked
        named = frozenset(
            i for i, (_, end) in enumerate(masked.spans)
            if masked.lower_after[i] and self._determiner_before_capital(text, end, lang)
        )  # fmt: skip
        return dataclasses.replace(masked, named_after=named) if named else masked

    def _determiner_before_capital(self, text: str, end: int, lang: str) -> bool:
        """Whether a word the analyser reads as a determiner, then a capitalised word, follow
        `end` (blanks between)."""
        match = BEFORE_CAPITAL.match(text, end)
        return (
            match is not None
            and text[match.end()].isupper()
            and (lang, match[1].rstrip()) in self._determiners
        )

    def _protected_span(self, entity: Entity, text: str, lang: str) -> tuple[int, int] | None:
        """The part of a mention to carry through untouched, or None (see the module doc):
        the name without an article, preposition or title NER took in ("l'Algérie" →
        "Algérie": the engine translates the article), unless it is a phrase NER took for a
        name, a capitalised common word opening a sentence, or a place, organisation or other
        name the engine translates as a name of its own."""
        if entity.text in known_names(self.kb):
            return entity.start, entity.end  # the user's knowledge base says it is a name
        if cast_name_at(text, entity.start, entity.end):
            return entity.start, entity.end  # a cast line's character: "X Y ........ Noël"
        if speaker_at(text, entity.start, entity.end, headline=False, colon=False):
            # a speaker's name, as written ("Graça:" of a dialogue, no "Gracia:"); not a
            # headline's "RDC : …", which the engine may render ("DRC")
            return entity.start, entity.end
        if (lang, entity.text) in self._particled and self.asking(lang):
            return entity.start, entity.end  # "De la Fuente habló": the particle is the name's
        asks = self.asking(lang)
        _, read, _ = self._names.get((lang, entity.text), (0, OTHER, None))
        if not asks:
            read = OTHER
        start = self._head_start(entity, text, lang)
        head = text[start : entity.end]
        person = entity.label == "PERSON"
        if not written_as_name(head, person) and (lang, entity.text) not in self._joined:
            return None  # "Aimes-tu ta mère", "Attrape le ballon": a phrase, not a name
        if not asks:
            return start, entity.end
        opening = opens_sentence(text, start) or opens_sentence(text, entity.start)
        subject = (entity.label == "PERSON" or lang not in self.ner) and self._subjects.get(
            (lang, subject_context(text, start, entity.end)), False
        )  # "Rose chante.": NER's person (or a guessed name), read as the sentence's subject
        # NER's person with a sign right after it is no word of its sentence: "(Rose)", "Rose,
        # Paul et Louise", "Blanche, viens ici !", "Victoire ? Elle…"
        # and so is a speaker's name opening its line ("BLANCHE : …", "AIMÉ. — …")
        alone = entity.label == "PERSON" and (
            SIGN_AFTER.match(text, entity.end) is not None
            or speaker_at(text, entity.start, entity.end, headline=False)
        )  # not "Invités : …" (NER's false person before a bare colon, in title case)
        if read == COMMON and opening and " " not in head.strip() and not subject and not alone:
            return None  # "Choisissez", "Revenez": a verb opening a sentence
        if (
            read == OTHER
            and lang not in self.ner
            and self._opening_word(text, start, entity.end, lang)
        ):
            return None  # "Cuesta demasiado", "Ella tiene miedo": a verb, a pronoun
        if (
            common_noun_name(entity, head, read)
            and (lang, word_before_name(text, start)) in self._determiners
        ):
            return None  # "l'État", "la Terre": a common noun used as a name, the engine's
        if entity.label != "PERSON" and read == AS_NAME:
            return None  # "Algérie" → "Algeria", "Canada" → "Canada": the engine's own
        return start, entity.end  # "Rose" stays "Rose"; "Le Monde" is no "The World"

    def _opening_word(self, text: str, start: int, end: int, lang: str) -> bool:
        """Whether a guessed one-word name of a language without NER, which the analyser also
        reads as a name, is a word of its sentence there: its verb ("Cuesta demasiado": a
        surname too), or, opening the sentence itself, a word of the grammar ("Ella tiene
        miedo": a first name too; "Ayer Ella tiene…", capitalised after a word, is a name)."""
        context = (lang, subject_context(text, start, end))
        if self._verbs.get(context, False):
            return True
        return opens_sentence(text, start) and self._grammar_words.get(context, False)

    def _head_start(self, entity: Entity, text: str, lang: str) -> int:
        """Where the name of a mention starts: after the article, preposition or title NER
        took in, as the engine's analyser (`names.head_offset`) or the particles say."""
        offset = self._names.get((lang, entity.text), (0, OTHER, None))[0]
        if not self.asking(lang):
            offset = 0
        if entity.text[:1].isupper() and not (
            at_sentence_start(text, entity.start) or entity.start in after_tokens(text)
        ):
            offset = 0  # capitalised inside a sentence: "Les Films du Losange" is all name
        if (
            ELIDED_ARTICLE.match(entity.text)
            and " " not in entity.text
            and self._names.get((lang, entity.text), (0, OTHER, None))[1] == OTHER
            and self.asking(lang)
            and written_with_article(text, entity.text)
        ):  # "chez L'Oréal": a one-word name the engine does not know, its article capitalised
            offset = 0  # inside a sentence, where an article is not
        if entity.label == "PERSON" and particle_surname(entity.text, lang):
            offset = 0  # "De Gaulle", "D'Artagnan", "La Fontaine": the particle is the name's
        if entity.label == "PERSON" and INITIALS.match(entity.text):
            return entity.start  # "M. C. X": initials, not "Monsieur C. X" (hostile47 G3)
        if (
            entity.label == "PERSON"
            and ELIDED_PARTICLE.match(entity.text)
            and text[entity.start - 1 : entity.start] == " "
            and word_before(text, entity.start)[:1].isupper()
        ):  # "Félicité d'Aubigné": after a first name, the elided particle is the name's;
            return entity.start  # after a word, a preposition ("les chances d'Obama")
        return entity.start + max(offset, leading_particles(entity.text, lang))

    def _ask_about_determiners(
        self,
        engine: Translator,
        records: list[Record],
        lang: str,
        guessed: dict[int, list[Entity]],
    ) -> None:
        """Ask the engine, once per word, whether the word before a name read as a common
        word is a determiner (`names.determiners`): "l'État" is the engine's to translate."""
        words = set()
        for record in records:
            for entity in self._names_of(record, guessed[id(record)]):
                read = self._names.get((lang, entity.text), (0, OTHER, None))[1]
                start = self._head_start(entity, record.text, lang)
                if common_noun_name(entity, record.text[start : entity.end], read):
                    words.add(word_before_name(record.text, start))
        todo = sorted(w for w in words - {""} if (lang, w) not in self._asked_determiners)
        if not todo:
            return
        try:
            found = engine.determiners(todo, lang, self.target_lang)
        except TranslationError:
            return  # not asked: the name is carried, the safe side
        self._asked_determiners.update((lang, w) for w in todo)
        self._determiners.update((lang, w) for w in found)

    def _ask_about_words_before_capitals(
        self, engine: Translator, records: list[Record], lang: str
    ) -> None:
        """Ask the engine, once per word, whether a word before a capitalised word inside a
        sentence is a determiner (`_before_determined_names`)."""
        words = {
            match[1].rstrip()
            for record in records
            for match in BEFORE_CAPITAL.finditer(record.text)
            if record.text[match.end()].isupper()
        }
        todo = sorted(w for w in words if (lang, w) not in self._asked_determiners)
        if not todo:
            return
        try:
            found = engine.determiners(todo, lang, self.target_lang)
        except TranslationError:
            return
        self._asked_determiners.update((lang, w) for w in todo)
        self._determiners.update((lang, w) for w in found)

    def ask_engine(
        self,
        engine: Translator | None,
        records: list[Record],
        lang: str,
        guessed: dict[int, list[Entity]],
        documents: Mapping[int, object] | None = None,
    ) -> None:
        """Ask the engine (the first usable one of the chain), once per name, how it reads the
        name (`engines.translate.names`), and about the words before the names it reads as
        common words: only an engine that declares `analyses_names`. `documents`: each
        record's document run (by `id`; a record its own when absent), whose other records'
        names are evidence for a run in capitals."""
        self.cued.found = {}
        if engine is not None and engine.analyses_names:
            reader = engine
            self.cued.judge(
                records,
                lang,
                lambda texts: (
                    reader.analyse(texts, lang, (lang, self.target_lang)) or [""] * len(texts)
                ),
                documents or {},
            )
            if lang in self.ner:
                self._judge_capitals(engine, records, lang, guessed, documents or {})
            else:
                self._join_connected(engine, records, lang, guessed)
                self._join_particles(engine, records, lang, guessed)
        names = {
            e.text for r in records for e in self._names_of(r, guessed[id(r)])
            if len(e.text) <= LONGEST_ASKED
        }  # fmt: skip
        todo = sorted(n for n in names if (lang, n) not in self._names)
        if engine is None or not engine.analyses_names:
            return
        if todo:
            try:
                found = engine.name_readings(todo, lang, self.target_lang)
            except TranslationError:
                return  # names not asked about are protected: the safe side
            for name in todo:
                self._names[lang, name] = found.get(name, (0, OTHER, None))
        # every batch: a name read before may stand after another word here
        self._ask_about_determiners(engine, records, lang, guessed)
        self._ask_about_words_before_capitals(engine, records, lang)
        self._ask_about_first_names(engine, records, lang, guessed)
        self._ask_about_subjects(engine, records, lang, guessed)

    def _ask_about_first_names(
        self, engine: Translator, records: list[Record], lang: str, guessed: dict[int, list[Entity]]
    ) -> None:
        """Ask the analyser whether each name after a personal article opens on a first name
        (`personal_article`: "la Maria"), once per name."""
        if lang not in personal_article.LANGS:
            return
        names = {
            r.text[at[1] : e.end] for r in records for e in self._names_of(r, guessed[id(r)])
            if len(e.text) <= LONGEST_ASKED
            and (at := personal_article.article(r.text, e.start, e.end)) is not None
        }  # fmt: skip
        todo = sorted(n for n in names if (lang, n) not in self._first_names)
        if not todo:
            return
        try:
            found = engine.analyse(todo, lang, (lang, self.target_lang))
        except TranslationError:
            return  # not asked: the article is the engine's, as before
        for name, analysis in zip(todo, found or [""] * len(todo), strict=True):
            self._first_names[lang, name] = personal_article.first_name(analysis)

    def _judge_capitals(
        self,
        engine: Translator,
        records: list[Record],
        lang: str,
        guessed: dict[int, list[Entity]],
        documents: Mapping[int, object],
    ) -> None:
        """Keep the runs in capitals that something says are names (`capitals`): the
        knowledge base, the document's other writing of them, the analyser's reading of them in
        title case; the others are the engine's to translate."""
        if not any(guessed[id(r)] for r in records):
            return
        kb = {alias.casefold() for alias in known_names(self.kb)}
        written: dict[object, set[str]] = defaultdict(set)
        named: dict[object, set[str]] = defaultdict(set)  # a speaker's evidence
        for record in records:
            forms = [e.text for e in record.entities if e.field == "text"]
            runs = [
                (s, e)
                for s, e in capitalised_runs(record.text)
                if not holds_capitals(record.text[s:e])
            ]  # "X Rose" is no evidence of itself
            written[documents.get(id(record), id(record))] |= written_elsewhere(
                forms + [record.text[s:e] for s, e in runs]
            )
            named[documents.get(id(record), id(record))] |= written_elsewhere(
                forms + [record.text[s:e] for s, e in runs
                         if not opens_sentence(record.text, s)]
            )  # fmt: skip
        todo = sorted({
            title_cased(e.text) for r in records for e in guessed[id(r)]
            if len(e.text) <= LONGEST_ASKED and (lang, title_cased(e.text)) not in self._capitals
        })  # fmt: skip
        if todo:
            try:
                found = engine.analyse(todo, lang, (lang, self.target_lang))
            except TranslationError:
                found = None  # not asked: carried, the safe side
            for run, analysis in zip(todo, found or [], strict=True):
                self._capitals[lang, run] = read_as_name(analysis)
                self._plural_last[lang, run] = plural_last(analysis)
        for record in records:
            document = written[documents.get(id(record), id(record))]
            names = named[documents.get(id(record), id(record))]
            guessed[id(record)][:] = [
                e for e in guessed[id(record)]
                if e.text.casefold() in kb
                or e.text.casefold() in (names if speaker(e, record.text) else document)
                or cast_name_at(record.text, e.start, e.end)
                or credit_name_at(record.text, e.start, e.end, lang)
                or self._read_as_name(e.text, lang)
            ]  # fmt: skip

    def _read_as_name(self, run: str, lang: str) -> bool:
        """How the analyser reads a run in capitals, title-cased (`capitals`): a name when a
        word of it is a proper noun or unknown; a surname in capitals before a first name
        when its last word may be a first name (`surname_first`: "X Violette", not an
        acronym before a plural noun, "FARDC Forces armées"). Not asked: a name."""
        if surname_first(run):
            return not self._plural_last.get((lang, title_cased(run)), False)
        return self._capitals.get((lang, title_cased(run)), True)

    def _join_connected(
        self,
        engine: Translator,
        records: list[Record],
        lang: str,
        guessed: dict[int, list[Entity]],
    ) -> None:
        """Join guessed names that lower-case connectives split ("Villanueva de la Cañada",
        "La Seu d'Urgell") when the engine reads the pieces as one name (`names.joins_names`):
        one name carried whole, not "Villanueva of the Cañada"."""
        found = {id(r): connected(r.text, guessed[id(r)]) for r in records}
        pieces = sorted({p for pairs in found.values() for _, b, a, *_ in pairs for p in (b, a)})
        if not pieces:
            return
        try:
            analyses = engine.analyse(pieces, lang, (lang, self.target_lang))
        except TranslationError:
            return  # not asked: the pieces stay apart, as before
        if analyses is None:
            return
        read = dict(zip(pieces, analyses, strict=True))
        for record in records:
            names = guessed[id(record)]
            for index, before, after, end, conjunction, lone, elided in reversed(found[id(record)]):
                if not joins_names(read[before], read[after], conjunction, lone, elided):
                    continue
                start = names[index].start
                kept = [e for e in names if not (start <= e.start and e.end <= end)]
                joined = Entity(record.text[start:end], "MISC", start, end)
                self._joined.add((lang, joined.text))
                names[:] = sorted([*kept, joined], key=lambda e: e.start)

    def _join_particles(
        self,
        engine: Translator,
        records: list[Record],
        lang: str,
        guessed: dict[int, list[Entity]],
    ) -> None:
        """A guessed name opening its sentence on a capitalised particle ("De", "Del", "Dos",
        "D'"), with the capitalised words after it, one name when the analyser reads it as
        a person's, the sentence's subject (`particle_names`): not "Of the Source spoke"."""
        found: dict[int, list[tuple[int, int, int]]] = {}
        for record in records:
            text = record.text
            for entity in guessed[id(record)]:
                if not opens_sentence(text, entity.start):
                    continue
                run = particle_run(text, entity.start)
                if run is not None:
                    found.setdefault(id(record), []).append((entity.start, *run))
        contexts = sorted({
            subject_context(r.text, s, e) for r in records for s, _, e in found.get(id(r), [])
        })  # fmt: skip
        if not contexts:
            return
        try:
            analyses = engine.analyse(contexts, lang, (lang, self.target_lang))
        except TranslationError:
            return  # not asked: the particle stays the engine's, as before
        read = dict(zip(contexts, analyses or [], strict=False))
        for record in records:
            names, text = guessed[id(record)], record.text
            for start, head, end in found.get(id(record), []):
                context = subject_context(text, start, end)
                if context not in read or not read_as_surname(
                    context, read[context], head - start, end - start, set_apart(text, end)
                ):
                    continue
                kept = [e for e in names if not (start <= e.start < end)]
                joined = Entity(text[start:end], GUESSED_LABEL, start, end)
                self._particled.add((lang, joined.text))
                names[:] = sorted([*kept, joined], key=lambda e: e.start)

    def _ask_about_subjects(
        self,
        engine: Translator,
        records: list[Record],
        lang: str,
        guessed: dict[int, list[Entity]],
    ) -> None:
        """Ask the engine, once per context, whether a one-word person's name that opens a
        sentence and that it reads as a common word is the sentence's subject ("Rose
        chante": carried) or not ("Choisissez la bonne réponse": a verb NER took). For a
        language without NER, a guessed name opening a sentence too, read barer
        (`names.opens_as_subject`): "Graça trabalha aqui" is a person, "Ontem trabalhou" not."""
        bare = lang not in self.ner
        todo = set()
        for record in records:
            for entity in [*record.entities, *guessed.get(id(record), [])]:
                if entity.field != "text":  # any label: a verb NER read as a place too
                    continue
                key = self._opening_common(entity, record.text, lang)
                if key is not None and (lang, key) not in self._subjects:
                    todo.add(key)
        if not todo:
            return
        asked = sorted(todo)
        try:
            found = engine.analyse(asked, lang, (lang, self.target_lang))
        except TranslationError:
            return  # not asked: not carried, as before
        if found is None:
            return
        for key, analysis in zip(asked, found, strict=True):
            self._subjects[lang, key] = opens_as_subject(analysis, bare)
            self._no_names[lang, key] = opens_as_no_name(analysis)
            self._common_only[lang, key] = read_as_common_only(analysis)
            self._verbs[lang, key] = bare and opens_as_verb(analysis)
            self._grammar_words[lang, key] = bare and opens_as_grammar_word(analysis)

    def _opening_common(self, entity: Entity, text: str, lang: str) -> str | None:
        """The context the engine is asked about (`subject_context`) for a one-word name that
        opens a sentence (or a dialogue turn) and that it reads only as a common word (or, in
        a language without NER, both as a name and a word: "Cuesta" is a verb too), else
        None."""
        start = self._head_start(entity, text, lang)
        read = self._names.get((lang, entity.text), (0, OTHER, None))[1]
        head = text[start : entity.end]
        opening = opens_sentence(text, start) or opens_sentence(text, entity.start)
        if read == COMMON and opening and " " not in head.strip():
            return subject_context(text, start, entity.end)
        if read == OTHER and lang not in self.ner and opening and " " not in head.strip():
            return subject_context(text, start, entity.end)  # "Cuesta", "Sierra": a verb too
        return None

    def no_names(
        self, record: Record, lang: str, named: frozenset[str] = frozenset()
    ) -> list[Entity]:
        """The record's mentions NER made of a word the engine reads, where it stands, only
        as a finite verb, an interjection or an adverb ("— Viens ici, X !", "« Assez ! »
        s'écria X"): no name, whatever its label (rule `turn_words`). With rule
        `exclaimed_words`, a word it reads only as common words, said alone in an exclamation
        opening a turn ("— Silence !", "« Courage ! »"), unless its document names it
        elsewhere inside a sentence (`named`: "— Rose ! … dit Rose")."""
        out = []
        exclaimed_words = active().on("exclaimed_words")
        for entity in record.entities:
            if entity.field != "text" or not self.asking(lang):
                continue
            key = self._opening_common(entity, record.text, lang)
            if key is None or self._subjects.get((lang, key), False):
                continue
            if speaker_at(record.text, entity.start, entity.end, headline=False):
                continue  # "AIMÉ, à Rose : …": a speaker's tag, a name (`as_speaker`)
            if self._no_names.get((lang, key), False) or (
                exclaimed_words
                and " " not in entity.text  # "Mon Dieu !" is a name's phrase (7romans' gold)
                and entity.text not in named
                and self._common_only.get((lang, key), False)
                and exclaimed_alone(record.text, entity.end, called=True)
            ):
                out.append(entity)
        return out

    def drop_turn_words(
        self, records: list[Record], lang: str, documents: Mapping[int, int] | None = None
    ) -> None:
        """Drop the mentions `no_names` finds (rule `turn_words`), each document's names
        written inside a sentence (`named_inside`) kept: what `Translate` does after asking
        the engine, and `Extract` alone after `ask_about_openers`."""
        named = named_inside(records, documents)
        for record in records:  # "— Viens ici, X !": the verb is the engine's
            shown = named.get((documents or {}).get(id(record), id(record)), frozenset())
            dropped = {id(e) for e in self.no_names(record, lang, shown)}
            record.entities = [e for e in record.entities if id(e) not in dropped]

    def ask_about_openers(self, engine: Translator, records: list[Record], lang: str) -> None:
        """For a stage that translates nothing (`Extract` alone): the engine asked what
        `ask_engine` asks of a one-word mention opening a sentence or a dialogue turn, and of
        nothing else (how it reads the word alone, `names.readings`, and in its sentence,
        `_ask_about_subjects`), so that `drop_turn_words` decides as a translated run does."""
        self.asks_in[lang] = engine.analyses_names
        if not engine.analyses_names:
            return
        openers = sorted(
            {
                e.text
                for r in records
                for e in r.entities
                if e.field == "text"
                and " " not in e.text
                and opens_sentence(r.text, e.start)
                and (lang, e.text) not in self._names
            }
        )
        if openers:
            try:
                found = engine.name_readings(openers, lang, self.target_lang)
            except TranslationError:
                return  # not asked: kept, as a translated run keeps them
            for name in openers:
                self._names[lang, name] = found.get(name, (0, OTHER, None))
        self._ask_about_subjects(engine, records, lang, {})


def named_inside(
    records: list[Record], documents: Mapping[int, int] | None
) -> dict[int, frozenset[str]]:
    """Per document (its index in `documents`, else the record's own id), the names NER
    found written inside a sentence, where a common word would be in lower case: evidence
    that a word exclaimed alone opening a turn elsewhere ("— Rose !") is a name there too."""
    named: dict[int, set[str]] = {}
    for record in records:
        key = (documents or {}).get(id(record), id(record))
        named.setdefault(key, set()).update(
            e.text
            for e in record.entities
            if e.field == "text" and not at_sentence_start(record.text, e.start)
        )
    return {key: frozenset(names) for key, names in named.items()}


# The longest name the engine is asked about (characters): the analyser's cost grows faster
# than a line's length, and a longer "name" (a run of capitalised words, a paragraph NER took
# in) is carried as written, the safe side. Longer than any name of the MT dev sets.
LONGEST_ASKED = 200
STRIP = " \t\n\r\u00a0\u202f.,;:!?()[]{}<>\"'«»“”‘’"


@functools.lru_cache(maxsize=256)
def after_credit_label(text: str, start: int, end: int, lang: str) -> int:
    """Where a capitalised run's name starts after the credit label it opens with and the word
    linking them ("Música de X Y", "Regia di X Y": `entities.label_words`): the label is
    translated, the name carried (hostile45 E16: "Música de X Y" came back untranslated, one
    mention)."""
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    skip = label_words(text, words, lang)
    return words[skip][0] if 0 < skip < len(words) else start


def speaker(entity: Entity, text: str) -> bool:
    """A one-word name opening its line as a speaker's ("NOËL : …"): the document names it
    elsewhere (not at a sentence's start) or the analyser reads it as a name, or it is none."""
    return " " not in entity.text and speaker_at(text, entity.start, entity.end)


def as_speaker(entity: Entity, text: str) -> Entity:
    """NER's MISC name in a speaker's place ("NOËL : …", "[Noël] …", not a headline's
    "Noël : …") is a person's: it speaks. A place or an organisation before a bare colon is a
    headline's subject ("Allemagne : le chômage baisse"), left as NER reads it; before
    ". —", "(…) :", ", à … :" it speaks too (NER reads names in capitals as ORG often)."""
    if entity.label == "PERSON":
        return entity
    if entity.label != "MISC" and not speaker_at(text, entity.start, entity.end, colon=False):
        return entity  # "ONU : …", "Allemagne : …": a headline's; "DÉSIRÉ. — …" speaks
    if not speaker_at(text, entity.start, entity.end, headline=False):
        return entity
    return dataclasses.replace(entity, label="PERSON")


# A capitalised elided article glued to an organisation's name: "L'Oréal".
ELIDED_ARTICLE = re.compile(r"L['’](?=[^\W\d_])")


def with_elided_article(entity: Entity, text: str) -> Entity:
    """NER's organisation with the capitalised elided article glued before it that its span
    left out ("L'" of "L'Oréal" read "Oréal"): the name as written, which the guard judges
    whole; the engine keeps the article of a name it translates ("L'ONU" → "The UN") or reads
    as a common word ("L'Équipe"), `_head_start`."""
    start = entity.start - 2
    if entity.label != "ORG" or start < 0 or not ELIDED_ARTICLE.match(text, start):
        return entity
    if start and text[start - 1].isalnum():
        return entity
    return dataclasses.replace(entity, text=text[start : entity.end], start=start)


def written_with_article(text: str, name: str) -> bool:
    """Whether `text` writes `name` ("L'X") with its capitalised article inside a sentence,
    where an article is written in lower case: the article is the name's. Opening a
    sentence it may be either ("L'Illinois a voté": the engine's "The")."""
    return any(not at_sentence_start(text, start) for start, _ in occurrences(text, name))


@functools.lru_cache(maxsize=256)
def frozen_of(text: str) -> tuple[tuple[int, int], ...]:
    """`guard.frozen_spans` of the text as the engine gets it, once per text: the guard reads
    them for each name, for the engine's questions and for the mask, in passes over a batch
    (64 records), so the last 256 texts' are kept (they were found again 4 times a text:
    ~0.3 CPU-s per 1,000 news sentences)."""
    return tuple(frozen_spans(neutralise(text)))


def name_parts(entity: Entity, text: str, frozen: Sequence[tuple[int, int]]) -> list[Entity]:
    """`entity` without the spans frozen by their shape (links, codes, numbers:
    `guard.frozen_spans`, sorted) inside it, each part stripped of blanks and punctuation: a
    link NER took into a name ("Blanche Blanc https://…") is carried as a link, the name
    before it judged as a name, and a link alone is never read as a name. One bisection and
    a pass over the frozen spans inside the mention."""
    lo, hi = entity.start, entity.end
    first = bisect.bisect_right(frozen, (lo, lo)) - 1
    inside = []
    for s, e in itertools.islice(frozen, max(first, 0), None):
        if s >= hi:
            break
        if e > lo:
            inside.append((s, e))
    if not inside:
        return [entity]
    parts, at = [], lo
    for s, e in [*inside, (hi, hi)]:
        piece = text[at : max(at, s)]
        begin = at + len(piece) - len(piece.lstrip(STRIP))
        end = at + len(piece.rstrip(STRIP))
        if end > begin:
            parts.append(dataclasses.replace(entity, text=text[begin:end], start=begin, end=end))
        at = max(at, e)
    return parts


@functools.cache
def stop_words(lang: str) -> frozenset[str] | None:
    """spaCy's function words of `lang` (articles, pronouns, prepositions, frequent adverbs),
    None when spaCy has no list for it."""
    try:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    except (ImportError, ValueError):
        return None
    return frozenset(vars(module).get("STOP_WORDS", ()))


def function_word(word: str, lang: str) -> bool:
    """Whether `word` (lower case) is a function word of `lang` (`stop_words`): one opening
    a run of capitalised words is no part of the name after it ("El Banco", "O Tom", "Oggi
    Marco"), where a first name that is also a frequent word ("Luz", "Victoria") is. Without
    a list for the language, a frequent word (Zipf ≥ 3), as for one word alone."""
    words = stop_words(lang)
    return common_word(word, lang) if words is None else word in words


def analysed(outcome: Outcome) -> bool:
    """Whether the engine that translated reads names with its own dictionaries: the case of
    a word after a name is then its analyser's to repair (`_capitalised_words`)."""
    return outcome.translator is not None and outcome.translator.analyses_names


# Lower-case words a name may hold between capitalised ones ("Les Films du Losange", "Bank of
# America", "Ludwig van Beethoven"); any other lower-case word makes a phrase, not a name.
# Lower-case words a guessed name may hold between capitalised words ("Banco de España"):
# never a word that joins two names ("y", "e") or opens a phrase ("en Madrid").
JOINING = frozenset({"de", "del", "da", "das", "do", "dos", "di", "della", "degli", "van", "von"})
# The lower-case words a name may hold, or NER may take in before it, that the engine is left
# to translate: the name particles of `entities.particles()` (`models/cues.json`, one list)
# and the articles, prepositions and conjunctions of places' and organisations' names ("de
# Norvège", "Bank of America", "Les Films du Losange"). The two were measured apart: this
# policy on the MT dev sets (chrF, names kept), the person particles on NER F1. Merged, they
# change outputs either way: here "el", "al", "bin", "ibn", "ten" (and "d'", a form this
# policy splits at the elision) would leave "el Salvador"'s article to the engine; there "the",
# "of", "la", "en", ... would keep them at a person's mention's edge. So the person particles
# this policy was not measured with stay out of it (`PERSON_ONLY`).
CONNECTIVES = frozenset(
    {"la", "le", "les", "d", "l", "do", "y", "e", "et", "of", "the", "and", "for", "on", "upon"}
    | {"in", "à", "au", "aux", "en", "sur", "sous", "lès"}
)
PERSON_ONLY = frozenset({"al", "bin", "ibn", "el", "ten", "d'", "d’"})


@functools.cache
def name_particles() -> frozenset[str]:
    """The lower-case words this policy lets a name hold (see `CONNECTIVES`)."""
    return (particles() - PERSON_ONLY) | CONNECTIVES


def leading_particles(surface: str, lang: str) -> int:
    """Characters of `surface` before its name: lower-case particles and elided articles NER
    took in ("de Norvège", "l'Espagne") and a title ("M. Brown", "madame Bovary": the engine
    translates a title, "Mr."), for any engine; an analyser can say more (`names`)."""
    titles = honorifics(lang)
    offset = 0
    for match in re.finditer(r"\S+\s*", surface):
        word = match.group().strip()
        elided = re.match(r"(\w['’])(?=\w)", word)
        if elided and elided[1][0].lower() == elided[1][0] and elided[1][:1] in "dlj":
            return offset + len(elided[1]) if offset + len(elided[1]) < len(surface) else offset
        if (
            word in titles
            or cue_key(word) in titles
            or (word[:1].islower() and word in name_particles())
        ):
            if match.end() >= len(surface):
                return offset
            offset = match.end()
            continue
        return offset
    return offset


# A capitalised particle, elided or a word, opening a person's name ("De Gaulle", "Du Bellay",
# "D'Artagnan", "N'Golo", "M'Bala"), then a capitalised word.
SURNAME_PARTICLES = frozenset(
    ("de", "du", "des", "la", "le", "da", "das", "do", "dos", "del", "della", "di", "van", "von",
     "den", "der", "ter")
)  # fmt: skip
PARTICLE_OPENING = re.compile(r"(?:([^\W\d_]{1,3})[ \u00a0]|([DLNM])['’])(?=[^\W\d_])")


ELIDED_PARTICLE = re.compile(r"[dD]['’](?=[^\W\d_])(?!\w*\s)")  # "d'Aubigné", one word


def particle_surname(surface: str, lang: str) -> bool:
    """Whether a person's name NER found opens on its particle written with a capital: the
    particle is the surname's, never the sentence's ("De Gaulle a parlé" is no "Of Gaulle"),
    unless a title follows it ("Le Président Macron")."""
    match = PARTICLE_OPENING.match(surface)
    if match is None or not (surface[:1].isupper() and surface[match.end() :][:1].isupper()):
        return False
    if match[1] is not None and match[1].lower() not in SURNAME_PARTICLES:
        return False
    after = surface[match.end() :].split(maxsplit=1)[0].rstrip(".,")
    titles = honorifics(lang)
    return after not in titles and cue_key(after) not in titles and after.lower() not in job_words()


def common_noun_name(entity: Entity, head: str, read: str) -> bool:
    """A one-word name, not a person's, that the engine reads only as a common word: the
    engine's to translate when a determiner stands before it ("l'État", `_protected_span`)."""
    return read == COMMON and entity.label != "PERSON" and " " not in head.strip()


SUBJECT_WORDS = 3  # a clitic, a negation, then the verb: "Rose ne lui parle"
WORDS_AFTER = re.compile(rf"(?:[ \u00a0\u202f]+[^\W\d_][\w'’-]*){{1,{SUBJECT_WORDS}}}")


def subject_context(text: str, start: int, end: int) -> str:
    """A one-word name and the (at most `SUBJECT_WORDS`) words after it in its sentence:
    what the engine reads to say whether the name is the sentence's subject."""
    after = WORDS_AFTER.match(text, end)
    return text[start : after.end() if after else end]


# A function word's reading: what the source's determiner became, capitalised by the token.
FUNCTION_READING = re.compile(r"<(?:det|predet|pr|prn|rel|cnj\w*)>")
# Blanks (after a closing mark, as `protect.LOWER_NEXT` reads them), a word with its elision
# mark or the blanks after it, before a letter: started where blanks or a closing mark start
# (each blank run and word read once: linear under `finditer`).
BEFORE_CAPITAL = re.compile(
    rf"(?<![ \t\u00a0\u202f])(?:{CLOSING})?[ \t\u00a0\u202f]++"
    r"([^\W\d_]++(?:['’]|[ \t\u00a0\u202f]++))(?=[^\W\d_])"
)


def word_before_name(text: str, start: int) -> str:
    """The word just before a name, with its elision mark ("l'" of "l'État")."""
    if start and text[start - 1] in "'’":
        return word_before(text, start - 1) + text[start - 1]
    return word_before(text, start)


def written_as_name(surface: str, person: bool = False) -> bool:
    """Whether every word of `surface` is capitalised (or a digit, or a particle): the words
    after an elision (d'Arvenne) and each part of a hyphenated word count alone, so
    "Saint-Rémy-de-Provence" is a name and "Aimes-tu" is not. A person's name (`person`)
    holds a person's particle between two of its words too ("X el Y", "X bin Y": the
    `PERSON_ONLY` ones; at its edge it stays the engine's, "el Salvador")."""
    words = re.split(r"[\s]+", surface.strip())
    for i, word in enumerate(words):
        for part in re.split(r"[-‐]", word):
            core = re.split(r"['’]", part)[-1].strip('.,;:!?()[]"«»“”')
            if not core or not core[0].isalpha() or core[0].isupper():
                continue
            inside = person and 0 < i < len(words) - 1 and core.lower() in PERSON_ONLY
            if core.lower() not in name_particles() and not inside:
                return False
    return True


# A sign right after a one-word name: it stands alone, not in its sentence's syntax (a bare
# French common noun opens no sentence: "Rose, …" is a person). Started only at a name's end.
SIGN_AFTER = re.compile(r"[ \u00a0\u202f]?[,;)\]!?…]")


def opens_sentence(text: str, start: int) -> bool:
    """Whether `start` opens a sentence, after an opening "¿" or "¡" too (Spanish), or right
    after a run of frozen tokens opening one (`openers.opened_words`: "ABC-123 Toutes les
    routes…" opens on "Toutes", as the sentence sent alone does)."""
    while start > 0 and text[start - 1] in "¿¡":
        start -= 1
    return at_sentence_start(text, start) or (start > 0 and start in after_tokens(text))


@functools.lru_cache(maxsize=256)
def after_tokens(text: str) -> frozenset[int]:
    """The words of `text` right after a run of frozen tokens (and emoji) opening a sentence
    (`openers.opened_words`), once per text: asked for each of its names."""
    frozen = frozen_of(text)
    return opened_words(
        text, merged([*frozen, *symbol_openers(text, set(frozen)), *ordinal_spans(text)])
    )


def ordinal_spans(text: str) -> list[tuple[int, int]]:
    """The ordinals the engine translates ("2e", "4ème"), one chunk each: one opening a
    sentence is held apart like a token when a verb follows (`openers.numbered`)."""
    if DIGIT.search(text) is None:
        return []
    return [m.span() for m in CHUNK.finditer(text) if ORDINAL.fullmatch(m[0])]


# a person's mention opening on two initials: "M. C. X", "J.-P. K. X"
INITIALS = re.compile(r"[^\W\d_]\.(?:-[^\W\d_]\.)? [^\W\d_]\.")


def capitalised_runs(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Runs of capitalised words, lower-case particles allowed between two of them ("Blanca
    Portillo", "Banco de España"), separated by single spaces: a name's shape, for languages
    without NER. With `lang`, an initial and the word after it ("C. Lobo") are one run unless
    that word is one of `lang`'s function words ("vitamina C. Luego salgo"). One pass over
    the words."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    pending = -1  # end of the last capitalised word when particles follow it
    for match in WORD.finditer(text):
        word = match[0]
        gap = text[end : match.start()]
        # an initial and the name after it are one run ("C. Lobo", "María C. Lobo")
        joined = end >= 0 and (
            gap == " "
            or (
                gap == ". "
                and lang is not None
                and initial(text, end)
                and not function_word(word.lower(), lang)
            )
        )
        if word[0].isupper():
            if start >= 0 and joined:
                end = match.end()
            else:
                if start >= 0:
                    runs.append((start, pending if pending >= 0 else end))
                start, end = match.span()
            pending = -1
        elif start >= 0 and joined and word in JOINING:
            pending = end if pending < 0 else pending
            end = match.end()
        else:
            if start >= 0:
                runs.append((start, pending if pending >= 0 else end))
            start = end = pending = -1
    if start >= 0:
        runs.append((start, pending if pending >= 0 else end))
    return runs


def initial(text: str, end: int) -> bool:
    """Whether the word ending at `end` is one capital letter (a first name's initial)."""
    return text[end - 1].isupper() and (end == 1 or not text[end - 2].isalnum())


# Lower-case words between two capitalised runs of one place's name ("Villanueva de la
# Cañada", "Pla de l'Estany", "La Seu d'Urgell", "Vilanova i la Geltrú"): an article after
# "de" or a conjunction, or an elided "de" / "de l'". Joined only when the engine reads the
# pieces as names (`NameGuard._join_connected`); "de", "del" alone join already (`JOINING`).
CONNECTOR = re.compile(
    r" (?:(?:de|i|y|e) (?:la|las|los|les|el|lo) |de l['’]|d['’]|de les |de los |y |i )"
    r"(?=[^\W\d_])"
)


def connected(
    text: str, names: Sequence[Entity]
) -> list[tuple[int, str, str, int, bool, bool, bool]]:
    """For each guessed name followed by connectives (`CONNECTOR`) and a capitalised word:
    the name's index, its text, the capitalised run after the connectives, where it ends and
    whether the connectives open with a conjunction ("i la"), and whether that conjunction
    stands alone ("Ortega y Gasset"), and whether the connective is an elided "d'" alone.
    The run after is a guessed name starting there or, after an elision ("d'Urgell", which
    the runs read as one lower-case word), the word itself."""
    starts = {e.start: e for e in names}
    out = []
    for index, entity in enumerate(names):
        match = CONNECTOR.match(text, entity.end)
        if match is None or not text[match.end()].isupper():
            continue
        after = starts.get(match.end())
        word = WORD.match(text, match.end())
        end = after.end if after is not None else word.end() if word else match.end()
        if end > match.end():
            words = match[0].split()
            conjunction, lone = words[0] in ("i", "y", "e"), words in (["i"], ["y"])
            elided = words in (["d'"], ["d’"])
            out.append(
                (index, entity.text, text[match.end() : end], end, conjunction, lone, elided)
            )
    return out


def foreign_quotations(record: Record) -> list[tuple[int, int]]:
    """Quotations language ID found in another language than the record's (`meta.quotes`,
    see `pipeline.stages.detect`): kept as written, not translated as the record's language."""
    quotes = record.meta.get("quotes")
    if not isinstance(quotes, list):
        return []
    return [
        trimmed_span(record.text, q[0], q[1]) for q in quotes
        if isinstance(q, list) and len(q) == 3 and all(isinstance(i, int) for i in q[:2])
        and 0 <= q[0] < q[1] <= len(record.text)
    ]  # fmt: skip


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the blanks at its edges: the French spaces inside « » are the marks'
    typography, which the target writes its own way ('« Could you? »' → '"Could you?"'), not
    part of the quotation carried as written."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def known_spans(text: str, kb: str | None) -> list[tuple[int, int]]:
    """Every occurrence of a knowledge-base alias in `text`, inside a longer NER span or
    outside any ("Rose mardi soir" tagged MISC still holds the name Rose)."""
    pattern = kb_pattern(kb) if kb else None
    return [m.span() for m in pattern.finditer(text)] if pattern else []


def known_in_capitals(text: str, kb: str | None) -> list[tuple[int, int, str]]:
    """Every occurrence of a knowledge-base alias in `text` in another case ("NOËL GRAND" for
    "Noël Grand": a line in capitals), with the alias as the base writes it, where that
    writing is as long (so it can stand in its place)."""
    if not kb:
        return []
    pattern, written = kb_folded(kb)
    if pattern is None:
        return []
    out = []
    for match in pattern.finditer(text):
        alias = written[match[0].casefold()]
        if len(alias) == len(match[0]):
            out.append((match.start(), match.end(), alias))
    return out


@functools.cache
def kb_folded(kb: str) -> tuple[re.Pattern[str] | None, MappingProxyType[str, str]]:
    """The aliases in any case, and each one's writing in the base by its case-folded form
    (the first in sorted order where two differ only by case)."""
    aliases = sorted(known_names(kb), key=lambda a: (-len(a), a))
    if not aliases:
        return None, MappingProxyType({})
    written: dict[str, str] = {}
    for alias in sorted(aliases):
        written.setdefault(alias.casefold(), alias)
    body = "|".join(map(re.escape, aliases))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), MappingProxyType(written)


@functools.cache
def kb_pattern(kb: str) -> re.Pattern[str] | None:
    aliases = sorted(known_names(kb), key=lambda a: (-len(a), a))
    if not aliases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?!\w)")
