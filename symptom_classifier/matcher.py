"""Concept matchers: find which concepts a sentence's tokens name.

`ConceptMatcher` is the seam for other matchers (the ONNX-encoder + faiss matcher joins here):
each returns candidate spans over a sentence's tokens, and the engine keeps the best
non-overlapping set across all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from knowledge.kb import KnowledgeBase

from .context import STATE_WORDS
from .lexicon import Phrase, concept_phrases
from .text import Token, phrase_stems
from .word_regex import compile_word_regex

try:  # the opcodes of Python's regex parser, for the prefilter's analysis of PATTERNS
    from re import _constants as op_codes
except ImportError:  # Python < 3.11
    import sre_constants as op_codes  # type: ignore[no-redef]

# Words skipped while matching, so "pain in my left arm" meets "pain in arm" and "very sore
# throat" meets "sore throat". Their meaning (laterality, severity) is read by the modifiers.
SKIPPED_WORDS = frozenset({
    "my", "the", "his", "her", "their", "your", "our", "its", "left", "right", "lt", "rt",
    "really", "very", "so", "quite", "extremely", "terribly", "awfully", "pretty",
})
JOINERS = frozenset({"-", "'", "\u00b0"})  # punctuation that does not break a phrase
# Skipped words that a phrase may not do without: a determiner or possessive written in a phrase
# must be matched by one in the text ("the runs" is not "went for a run" nor "she runs a
# business"; "got the runs" is not "got run over"), though any of them will do ("pain in the
# chest" meets "pain in my chest").
DETERMINERS = frozenset({"the", "my", "his", "her", "their", "your", "our", "its"})
# Everyday expressions built from a finding's words that name no finding: they claim their words,
# so a shorter phrase overlapping one is not read ("i fell" in "I fell asleep", "pile" in "a pile
# of washing"). A finding phrase that contains one whole is still read ("my foot fell asleep").
NOT_FINDINGS = (
    "fell asleep", "fell pregnant", "fell ill", "fell in love", "fell for", "fell through",
    "fell apart", "fell behind",
    "fit and healthy", "fit and well", "keep fit", "keeping fit", "fit as a fiddle",
    "on the boil", "to the boil", "to a boil", "off the boil",
    "pile of", "piles of",
    # activity said as reassurance, which the encoder reads as "run over" or "the runs"
    "for a run", "running around", "running about", "running round",
    # ... and a baby crawling about, which the encoder reads as pins and needles ("a crawling
    # feeling on my skin" is still read)
    "crawling about", "crawling around", "crawling round", "crawling everywhere", "smiling and crawling",
    "crawling and smiling",
    # a medicine that helps, said as reassurance, which the encoder reads as "overdose"
    "takes the edge off", "take the edge off", "took the edge off", "taking the edge off",
    "does the trick", "did the trick", "sorts it out", "sorted it out",
    # bleeding that is over, which the encoder reads as "severe bleeding" ("won't stop bleeding"
    # and "hasn't stopped bleeding" are severe-bleeding phrases that contain these whole)
    "stopped bleeding", "bleeding stopped", "bleeding has stopped", "bleeding had stopped",
    # a body part that stays tense, which the encoder reads as anxiety ("can't relax" still is)
    "won't relax", "will not relax", "doesn't relax", "does not relax",
    # a baby's wet nappies, said as reassurance, which the encoder reads as "dry nappies" ("no wet
    # nappies" and "only 2 wet nappies" still are low urine output: they contain these whole)
    "wet nappies", "wet nappy", "wet diapers", "wet diaper",
    # a place, which the encoder and the lexicon read as a rash ("spots")
    "that spot", "this spot", "same spot", "exact spot", "on the spot",
    # a trip to the toilet as a yardstick or a relief ("breathless walking to the loo", "eases once
    # I've been to the toilet"), which the encoder reads as frequent urination ("not been to the
    # toilet" is constipation and contains one whole)
    "walking to the loo", "walk to the loo", "walking to the toilet", "walk to the toilet",
    "walking to the bathroom", "walk to the bathroom", "been to the toilet", "been to the loo",
    # how an illness came on, said as a simile, which the encoder reads as major trauma ("hit by a
    # truck" is still trauma: it contains none of these)
    "like a truck", "like a lorry", "like a bus", "like a train", "like a freight train",
    "like a steam train", "like a ton of bricks", "like a tonne of bricks", "like a brick wall",
    # stairs as a yardstick of a knee or of breath ("worse going down stairs"), which the encoder
    # reads as a fall ("fell down the stairs" is still a fall: it contains none of these)
    *(f"{verb} {way} {stairs}" for verb in ("going", "go", "goes", "coming", "come", "walking", "walk",
                                            "climbing", "climb", "getting", "get", "rush", "rushing", "run",
                                            "running", "hurry", "hurrying", "dash", "dashing")
      for way in ("up", "down", "up and down") for stairs in ("stairs", "the stairs")),
    "going downstairs", "going upstairs", "coming downstairs", "walking downstairs", "walking upstairs",
    "climbing stairs", "climbing the stairs", "on the stairs",
    # fitness said as reassurance, which the lexicon reads as a fit (a seizure)
    "otherwise fit", "otherwise fit and well", "usually fit", "normally fit", "generally fit",
    "fit young", "fit man", "fit woman", "fit lad", "fit and active", "fit otherwise",
    # a grown-up's shouting as the cause of a lost voice, which the encoder reads as a screaming
    # infant ("screaming at night" in a baby is still read)
    *(f"{verb} {where}" for verb in ("screaming", "shouting", "yelling", "singing", "cheering")
      for where in ("at a gig", "at the gig", "at a concert", "at the concert", "at a match", "at the match",
                    "at the football", "at a game", "at the game", "at a festival", "at a party")),
    # a dog being walked, which the encoder reads as a dog bite ("bitten by the dog" is still a bite)
    "walking the dog", "walk the dog", "walked the dog", "walks the dog", "walking my dog",
    "taking the dog out", "took the dog out", "out with the dog",
    # a discharge said to have no smell, which the encoder reads as a loss of smell ("no sense of
    # smell", "no smell or taste" are still read: they contain it whole or are not it)
    "no smell", "no odour", "no odor", "no bad smell", "doesn't smell", "does not smell", "not smelly",
    # a discharge coming out with its place said elsewhere, which the encoder reads as phlegm
    # ("gunk coming out of my ear" is still ear discharge: it contains it whole)
    "gunk coming out", "stuff coming out", "goo coming out",
    # a nappy said as a place or a chore, which the encoder reads as nappy rash ("rash in the nappy
    # area" and "where the nappy touches" are still nappy rash)
    "his nappy", "her nappy", "the nappy", "his diaper", "her diaper", "the diaper", "nappy change",
    # when a pain comes back, which the encoder reads as angina at rest ("first steps after sitting"
    # is still first-step heel pain: it contains it whole)
    "after sitting", "after sitting down",
    # the white of an eye named as a place, which the encoder reads as a bleed in it ("the white of
    # the eye isn't red"); a bleed or a colour said of it is a longer phrase containing it whole
    *(f"{white} of {whose} {eye}" for white in ("white", "whites") for whose in ("the", "my", "his", "her", "their")
      for eye in ("eye", "eyes")),
    # a baby's feeding said as reassurance, which the encoder reads as "isn't feeding well" beside
    # another word's "isn't" ("not feeding well" and "hasn't been feeding well" still are feeding
    # problems: they contain it whole)
    "feeding well", "feeding fine", "feeding normally", "feeding ok", "feeding okay", "feeding as normal",
    # the writer's worry about the complaint, which the lexicon reads as anxiety and "sick" as
    # vomiting ("worried sick all the time" is still anxiety: it contains it whole)
    "worried sick", "sick with worry", "worried to death", "out of my mind with worry",
    # ... and the fright a harmless sign gave ("bit freaked out, my pee was red"); "freaking out"
    # and "panicking" as the complaint are still anxiety
    "bit freaked out", "a bit freaked out", "slightly freaked out", "freaked me out", "it freaked me out",
    # stress named as what sets a complaint off ("I get mouth ulcers when stressed"): the trigger of
    # another finding, not a complaint of its own ("stressed all the time" is still read)
    *(f"{when} {who}{state}" for when in ("when", "if", "whenever")
      for who in ("", "i'm ", "i am ", "i get ", "i feel ", "she's ", "he's ", "she gets ", "he gets ", "she is ",
                  "he is ", "she feels ", "he feels ")
      for state in ("stressed", "stressed out", "run down", "run-down", "anxious")),
    # the weather that makes an ache worse ("knees ache in cold weather"), which the encoder reads
    # as "out cold" (loss of consciousness); "fingers go white in the cold" is still read
    *(f"in {the}{weather} weather" for the in ("", "the ")
      for weather in ("cold", "damp", "wet", "cold and damp", "cold damp", "cold wet", "cold and wet")),
    "when it's cold", "when it is cold", "when it's damp", "when it is damp",
    # drinks a sick person is keeping down, said as reassurance, which the encoder reads as thirst
    # ("can't keep sips of water down" is still vomiting: it contains one whole)
    "sips of water", "sip of water", "sips of fluid", "sips of fluids", "sips of drink", "sips of drinks",
    # ... and a wee passed, which the encoder reads as weeing often ("hasn't done a wee" is still low
    # urine output: it contains one whole)
    "done a wee", "done a wee-wee", "done a pee",
    # a regular, monthly cycle said as reassurance, which the encoder reads as irregular or too
    # frequent periods ("periods are not regular", "two periods a month" are still read)
    "periods are regular", "period is regular", "regular periods", "my cycle is regular", "cycle is regular",
    "periods are normal", "every month", "each month",
    # a cause of a nosebleed, which the encoder reads as a nasal voice
    *(f"{pick} {whose} nose" for pick in ("picking", "picked", "picks", "pick")
      for whose in ("his", "her", "my", "their", "your")),
    "nose picking", "nose-picking",
    # a food allergy on record, which the encoder reads as "nuts" (testicles); an allergic
    # reaction now is read from its own signs
    "allergic to nuts", "allergy to nuts", "nut allergy", "allergic to peanuts", "peanut allergy",
    "allergic to tree nuts", "allergic to nut",
    # gripping as what makes a named site hurt ("my elbow hurts when I grip the kettle"), which the
    # encoder reads as a rash or a hand pain ("can't grip things" is still hand weakness)
    "when i grip", "when gripping", "when i grip things",
    # clinical prose: a normal finding or a look taken, which the encoder reads as noisy breathing or
    # ear pulling ("noisy breathing", "keeps pulling at his ear" are still read)
    "breathing is quiet", "breathing quietly", "quiet breathing",
    *(f"{look} {into} {whose} {ear}" for look in ("looking", "look", "looked", "on looking")
      for into in ("in", "into") for whose in ("the", "his", "her", "my", "their") for ear in ("ear", "ears")),
    # a child at play, said as reassurance ("playing with his ears" is still ear pulling)
    *(f"playing with {whose} toys" for whose in ("his", "her", "their", "the", "my")), "playing with toys",
    # a place at a border, which the encoder reads as "on edge" (anxiety); "feeling on edge" still is
    "on the edge of",
    # a medicine that helps, said as reassurance, which the encoder reads as an overdose; the
    # number or amount taken ("took 20 paracetamol") is still read by PATTERNS
    *(f"{drug}{also} {helps}" for drug in ("paracetamol", "ibuprofen", "painkillers", "co-codamol", "aspirin")
      for also in ("", " and a walk", " and rest", " and a hot water bottle", " and a lie down", " and sleep")
      for helps in ("helps", "help", "helped", "eases it", "ease it")),
    # where a skin complaint stings ("stings when I pee" is still painful urination)
    "after showering", "after a shower", "in the shower", "after a bath", "in the bath",
    # clinical prose (vignettes_blind10): sleep lost to a complaint, which the encoder reads as
    # "very hard to wake" ("hard to keep awake" and "won't stay awake" are still drowsiness)
    *(f"{keep} {who} awake" for keep in ("keeping", "keeps", "kept", "keep")
      for who in ("her", "him", "me", "them", "us", "the baby", "everyone")),
    # a drink kept down and a normal wee, said as reassurance, which the encoder reads as fluid
    # retention and weeing often ("can't keep fluids down" is still vomiting)
    *(f"{keep} {drink} down" for keep in ("keeping", "keep", "keeps", "kept")
      for drink in ("fluids", "fluid", "drinks", "water", "everything", "food", "it", "them", "it all", "water and crackers",
                    "water and biscuits", "crackers", "dry crackers", "biscuits", "toast", "dry toast",
                    "food and drink", "small meals")),
    *(f"passing {amount} of urine" for amount in ("normal amounts", "normal amount", "normal volumes",
                                                  "good amounts", "plenty")),
    "passing urine normally", "weeing normally", "peeing normally",
    # a place on a limb said by its side, which the encoder reads as pain in the side of the body
    # ("pain in my side" is still side pain)
    *(f"{edge} side of" for edge in ("outer", "inner", "outside", "inside")),
    # the inside of the nose looked at, which the encoder reads as a nasal voice, and its lining's
    # colour as pallor
    *(f"{inside} {whose} nose" for inside in ("inside of", "the inside of", "lining of", "the lining of")
      for whose in ("the", "his", "her", "my", "their")),
    *(f"nose {looks} {state}" for looks in ("looks", "is", "appears")
      for state in ("pale", "pale and swollen", "pale and boggy", "swollen and pale", "boggy")),
    "pale nasal lining", "pale nasal mucosa", "nasal mucosa is pale", "pale boggy nasal mucosa",
    # a fizzy drink, which the encoder reads as pins and needles ("fizzy" as tingling)
    "fizzy drink", "fizzy drinks", "a fizzy drink", "fizzy pop", "fizzy water",
    # a medicine taken as prescribed, which the encoder reads as an overdose ("took all his tablets",
    # "took 30 of his tablets" are still read: they contain none of these whole)
    *(f"{take} {whose} {meds}" for take in ("takes", "take", "taking", "took", "has taken")
      for whose in ("his", "her", "my", "their") for meds in ("tablets", "pills", "medication", "medicines",
                                                               "medicine", "usual tablets", "usual medication")),
    # a movement that sets a pain off, which the encoder reads as pain on breathing ("hurts when I
    # breathe in" is still read)
    *(f"when {who} {move}" for who in ("i", "he", "she", "they") for move in ("twist", "turn", "bend", "lean")),
    # clinical prose (vignettes_blind11): a non-smoker, drinks taken, stress as the setting, a
    # steady weight, intake that fell, regular bowels, a baby still feeding, a place "all over" an
    # area, burning as a pain's quality, which the encoder reads as smoking, thirst, anxiety, weight
    # gain, a change in bowel habit, a feeding problem, aches all over or a severe burn
    "non-smoker", "non smoker", "nonsmoker", "lifelong non-smoker",
    "small frequent drinks", "small drinks", "frequent drinks", "taking drinks", "taking small drinks",
    "stressed lately", "stressed recently", "stressed at work", "stressed with work", "been really stressed",
    "been stressed", "under a lot of stress", "stress at work", "work stress",
    *(f"weight {be} {state}" for be in ("is", "has been", "was") for state in ("steady", "stable", "the same")),
    "weight steady", "weight stable",
    "drinking less", "drinking less water", "drinking less than usual", "eating less fruit",
    *(f"bowels {be} {state}" for be in ("were", "are", "have been", "was") for state in ("regular", "normal")),
    "regular bowels",
    "is feeding and", "is still feeding", "still feeding and",
    *(f"{n} a day" for n in ("once", "twice", "three times", "once or twice", "two or three times", "several times")),
    "days of burning", "weeks of burning", "burning and tingling", "tingling and burning",
    # vision said to be as before ("floaters unchanged" are still floaters)
    *(f"{whose}{sight} {be}unchanged" for whose in ("", "his ", "her ", "my ") for sight in ("vision", "eyesight")
      for be in ("is ", "")),
    # the skin said to be whole, which the encoder reads as a rash
    "skin is intact", "skin intact", "intact skin", "skin is unbroken", "skin unbroken",
    # clinical prose (vignettes_blind12): eating and drinking, passing urine and a baby's feeding
    # said as reassurance, which the encoder reads as drinking alcohol, weeing often and a feeding
    # problem ("not eating", "is not feeding", "is feeding poorly" are still read: they are lexical
    # phrases that contain these whole or do not overlap them). "passing urine" alone stays a finding's words:
    # it stems as "pass urine", which "difficulty starting to pass urine" needs.
    *(f"{lead}eating and drinking{how}" for lead in ("is ", "still ", "he's ", "she's ", "they're ")
      for how in ("", " normally", " well", " as usual", " fine")),
    "eating and drinking normally", "eating and drinking well", "eating and drinking as usual",
    *(f"{lead} passing urine" for lead in ("down and", "still", "is still", "she is still", "he is still")),
    *(f"passing urine {how}" for how in ("ok", "okay", "fine", "as usual", "as normal", "regularly", "without pain")),
    "is feeding",
    # a snack kept down, which the encoder reads as crackles in the chest
    "crackers", "cracker",
    # the writer's own question, which the encoder reads as a pain relieved by something
    *(f"anything {that}" for that in ("that helps", "that might help", "that will help", "that can help",
                                      "i can do", "i can take", "we can do", "we can give her", "we can give him")),
    "is this normal", "is that normal",
    # the writer's worry as a question, which the encoder reads as anxiety ("I worry all the time" is
    # still read)
    *(f"{what} to worry about" for what in ("something", "anything", "nothing", "is it something", "is this something",
                                            "is it anything", "is there anything")),
    "should i be worried", "should we be worried", "do i need to worry", "do we need to worry", "is it serious",
    # clinical prose and carers' words (vignettes_blind14): a baby feeding well, a baby's normal
    # yellow poo, a worried question about the tummy, exam stress, a regular pulse, a soft belly that
    # is not tender, which the encoder reads as a feeding problem, jaundice, tummy pain, anxiety, an
    # irregular heartbeat and side pain ("yellow skin", "pulse is irregular", "tender tummy" are
    # still read)
    "feeding good", "feeding really well", "feeding great",
    *(f"{poo} {be}{normal}yellow" for poo in ("poos", "poo", "stools", "nappies") for be in ("are ", "is ", "")
      for normal in ("normal ", "a normal ", "")),
    "normal yellow", "yellow poo", "yellow poos", "mustard yellow", "mustard-yellow",
    *(f"{q} something wrong with {whose} {part}" for q in ("is", "is there", "could there be")
      for whose in ("his", "her", "my", "their") for part in ("tummy", "stomach", "belly", "chest", "head")),
    "something i can take", "something i could take", "something to take",
    *(f"stressed about {what}" for what in ("exams", "my exams", "the exams", "revision", "work", "money",
                                             "the move", "the wedding", "a deadline", "the deadline")),
    *(f"{pulse} {be}regular{at}" for pulse in ("pulse", "heart rate", "heartbeat", "heart rhythm", "rhythm")
      for be in ("", "is ", "was ") for at in ("", " at")),
    "regular pulse", "regular heart rate", "regular rhythm", "regular heartbeat", "sinus rhythm",
    "soft and non-tender", "soft non-tender", "non-tender", "nontender", "abdomen is soft",
    "abdomen soft", "soft abdomen", "after passing", "on the toilet paper", "on the paper",
    # a bat that bit no one (a flying one, or one to hit with), which the encoder reads as a bat bite
    # ("a bat bit me", "bitten by a bat" are still read: they contain it whole)
    "bat", "bats", "cricket bat", "baseball bat", "rounders bat", "table tennis bat", "softball bat",
    *(f"{a} {where}" for a in ("bat in the", "bats in the", "bat got into the", "bats got into the")
      for where in ("loft", "house", "attic", "roof", "garden", "bedroom", "kitchen")),
    # the inside of the nose looked at in clinical prose, whose pale lining the encoder reads as pallor
    *(f"{pale} nasal turbinates" for pale in ("pale", "swollen", "pale swollen", "pale and swollen", "pale boggy",
                                             "boggy")),
    "pale turbinates", "swollen turbinates", "pale swollen turbinates", "nasal turbinates",
    *(f"what {helps}" for helps in ("helps", "can help", "might help", "will help", "would help", "can i do",
                                    "can i take", "should i do", "should i take")),
    # clinical prose (vignettes_blind13): caffeine drunk, a bowel habit that was regular, a drink and a
    # wee said as reassurance, a time of year as when a complaint comes back, which the encoder reads
    # as thirst, a change in bowel habit, weeing often and feeling cold ("drinking lots of water
    # because I'm so thirsty" and "bowel habit has changed" are still read)
    *(f"drinking {amount} {drink}" for amount in ("loads of", "lots of", "a lot of", "more", "too much", "plenty of")
      for drink in ("coffee", "tea", "caffeine", "energy drinks", "cola", "alcohol")),
    *(f"{habit} {be} {state}" for habit in ("bowel habit", "bowel habits", "bowels") for be in ("was", "were", "is", "are", "has been", "have been")
      for state in ("regular", "normal", "unchanged")),
    "regular bowel habit", "normal bowel habit", "usual bowel habit",
    *(f"{drinking} and passing urine" for drinking in ("drinking fluids", "drinking", "drinking well", "drinking normally",
                                                      "drinking plenty", "drinking water", "drinking fluids well")),
    *(f"{every} {season}" for every in ("every", "each")
      for season in ("winter", "spring", "summer", "autumn", "year", "may and june", "spring and summer")),
    # the weather as the setting, which the encoder and the lexicon read as a head cold ("fingers go
    # white in the cold" is still read)
    "cold snap", "a cold snap", "cold spell", "a cold spell", "cold weather", "the cold weather",
    # clinical prose and parents' words (vignettes_blind15): a chest or ears examined and normal, an
    # eardrum hidden behind wax, sips of a drink and plenty of wees in a child with a tummy bug, the
    # same complaint in an earlier pregnancy, which the encoder reads as pain on breathing,
    # blindness, thirst, weeing a lot and a recent pregnancy ("sudden loss of vision", "thirsty all
    # the time" and "weeing all the time" are still read)
    "chest clear", "chest is clear", "chest was clear", "clear chest", "chest sounds clear", "good air entry",
    "ears normal", "ears are normal", "right ear normal", "left ear normal", "normal ears",
    *(f"{part} not visible" for part in ("drum", "eardrum", "ear drum", "tympanic membrane", "tm")),
    # a drink taken, or offered to a child with a sore mouth, which the encoder reads as thirst or a
    # pain eased by eating
    *(f"drinking {drink}" for drink in ("juice", "water", "juice and water", "water and juice", "squash", "milk",
                                         "her milk", "his milk", "fluids", "some water", "some juice", "cool milk",
                                         "cold milk", "cool milk and water", "cold milk and water", "milk and water",
                                         "cool drinks", "cold drinks")),
    *(f"sipping {drink}" for drink in ("water", "fluids", "drinks", "milk", "juice", "diluted juice",
                                       "water and diluted juice", "water and juice", "squash")),
    *(f"{doing}{amount} wees" for doing in ("doing ", "done ", "") for amount in ("plenty of", "lots of", "normal",
                                                                                 "good")),
    "plenty of wet nappies", "normal wet nappies", "lots of wet nappies", "good wet nappies",
    # clinical prose and carers' words (vignettes_blind18): living alone (social history) and the
    # legs raised after a faint, which the encoder reads as suicidal thoughts and leg weakness (a
    # rash that fades when pressed is a pattern: a phrase here would also claim "doesn't fade")
    *(f"{live} {alone}" for live in ("live", "lives", "living", "i live", "she lives", "he lives")
      for alone in ("on my own", "on her own", "on his own", "alone", "by myself", "by herself", "by himself")),
    "legs up", "legs raised", "legs elevated", "with legs up", "with her legs up", "with his legs up", "feet up",
    "lying flat legs up", "lying flat with legs up", "lying flat with her legs up", "lying flat with his legs up",
    # blood pressure treated: a history (the patient's own), not a raised reading now
    *(f"{on} {pill} for {whose}blood pressure" for on in ("on a", "on", "takes a", "takes", "take a", "take", "taking a", "taking")
      for pill in ("tablet", "tablets", "pill", "pills", "medication", "medicine", "something")
      for whose in ("", "my ", "his ", "her ", "high ")),
    *(f"{on} blood pressure {pill}" for on in ("on", "takes", "take", "taking", "on a") for pill in ("tablet", "tablets", "pills", "medication", "medicine")),
    *(f"in {whose} {which} pregnancy" for whose in ("her", "my", "a", "the", "their")
      for which in ("first", "last", "previous", "earlier", "other", "second")),
)
NOT_FINDING = ""  # concept id of a NOT_FINDINGS match: claims its words, yields no finding


@dataclass(frozen=True, slots=True)
class ConceptMatch:
    start: int  # index of the first token (in the sentence's token list)
    end: int  # index after the last token
    concept_id: str
    confidence: float
    origin: str  # name | synonym | lay | variant | embedding | ...

    @property
    def length(self) -> int:
        return self.end - self.start


def _joins_adjectives(tokens: Sequence[Token], i: int) -> bool:
    """A comma between a describing word and the next word ("black, sticky, foul-smelling stools",
    "a red, swollen knee") does not break a phrase."""
    return (tokens[i].text == "," and 0 < i < len(tokens) - 1 and tokens[i - 1].text in STATE_WORDS
            and tokens[i + 1].is_word)


@runtime_checkable
class ConceptMatcher(Protocol):
    def match(self, tokens: Sequence[Token], usable: Sequence[bool]) -> list[ConceptMatch]:
        """Candidate concept spans over one sentence. `usable[i]` is False for tokens already
        claimed by other readers (vital signs, ages); spans must not include them."""
        ...


class LexicalMatcher:
    """Exact match of stemmed token sequences against names, synonyms, lay terms and variants."""

    def __init__(self, kb: KnowledgeBase, not_findings: Sequence[str] = NOT_FINDINGS):
        # key (stems without skipped words) -> phrases with the determiners each needs, in the
        # order seen: names before synonyms before lay terms before variants
        by_key: dict[tuple[str, ...], list[tuple[tuple[bool, ...], Phrase]]] = {}
        phrases = [*concept_phrases(kb), *(Phrase(t, NOT_FINDING, "name") for t in not_findings)]
        for phrase in phrases:
            key, needs = _key_and_needs(phrase_stems(phrase.text))
            if not key:
                continue
            entries = by_key.setdefault(key, [])
            # a later phrase adds nothing when an earlier one of the key needs no more than it
            if not any(all(b or not a for a, b in zip(n, needs)) for n, _ in entries):
                entries.append((needs, phrase))
        # Looked up by key, for each key length its first word starts (longest first): a common
        # first word ("pain" starts 600 keys) costs a few dict lookups, not a scan of its keys.
        lengths: dict[str, set[int]] = {}
        for key in by_key:
            lengths.setdefault(key[0], set()).add(len(key))
        self._lengths = {first: tuple(sorted(ks, reverse=True)) for first, ks in lengths.items()}
        self._entries = by_key
        self.phrase_count = len(by_key)

    def match(self, tokens: Sequence[Token], usable: Sequence[bool]) -> list[ConceptMatch]:
        stream: list[int] = []  # positions of tokens that take part in matching
        segments: list[list[int]] = [stream]
        for i, tok in enumerate(tokens):
            if not usable[i]:
                stream = []
                segments.append(stream)
            elif tok.is_word or tok.is_number:
                if tok.stem not in SKIPPED_WORDS:
                    stream.append(i)
            elif tok.text not in JOINERS and not _joins_adjectives(tokens, i):
                stream = []
                segments.append(stream)
        out: list[ConceptMatch] = []
        for seg in segments:
            stems = [tokens[i].stem for i in seg]
            n = len(stems)
            for a in range(n):
                for k in self._lengths.get(stems[a], ()):
                    if a + k > n:
                        continue
                    entries = self._entries.get(tuple(stems[a:a + k]))
                    if entries is None:
                        continue
                    positions = seg[a:a + k]
                    phrase = next((p for needs, p in entries
                                   if _determiners_present(tokens, usable, positions, needs)), None)
                    if phrase is not None:
                        out.append(ConceptMatch(positions[0], positions[-1] + 1, phrase.concept_id,
                                                phrase.confidence, phrase.origin))
        return _without_overlapped(out)


def _key_and_needs(stems: Sequence[str]) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """A phrase's matching key and, for each gap around its key words (before the first, between
    each two, after the last), whether the phrase has a determiner there."""
    key: list[str] = []
    needs = [False]
    for s in stems:
        if s in SKIPPED_WORDS:
            needs[-1] = needs[-1] or s in DETERMINERS
        else:
            key.append(s)
            needs.append(False)
    return tuple(key), tuple(needs)


def _determiners_present(tokens: Sequence[Token], usable: Sequence[bool], positions: Sequence[int],
                         needs: Sequence[bool]) -> bool:
    """Whether the text has a determiner in every gap where the phrase has one."""
    if not any(needs):
        return True
    n = len(tokens)
    for gap, needed in enumerate(needs):
        if not needed:
            continue
        if 0 < gap < len(positions):  # between two key words: only skipped words and joiners
            if not any(tokens[k].stem in DETERMINERS for k in range(positions[gap - 1] + 1, positions[gap])):
                return False
            continue
        # before the first key word or after the last: the skipped words next to it
        ks = range(positions[0] - 1, -1, -1) if gap == 0 else range(positions[-1] + 1, n)
        found = False
        for k in ks:
            t = tokens[k]
            if not usable[k] or not (t.is_word and t.stem in SKIPPED_WORDS):
                break
            if t.stem in DETERMINERS:
                found = True
                break
        if not found:
            return False
    return True


def _without_overlapped(matches: list[ConceptMatch]) -> list[ConceptMatch]:
    """Drops the finding matches that a NOT_FINDINGS match overlaps without lying inside them."""
    idioms = [m for m in matches if m.concept_id == NOT_FINDING]
    if not idioms:
        return matches
    return [m for m in matches if m.concept_id == NOT_FINDING or not any(
        i.start < m.end and m.start < i.end and not (m.start <= i.start and i.end <= m.end)
        for i in idioms)]


def best_cover(matches: list[ConceptMatch]) -> list[ConceptMatch]:
    """The non-overlapping subset covering the most tokens (ties: fewer, then surer matches)."""
    if not matches:
        return []
    matches = sorted(matches, key=lambda m: (m.end, m.start))
    ends = [m.end for m in matches]
    # best[j] = (covered tokens, -count, confidence sum, chosen) using the first j matches
    best: list[tuple[int, int, float, tuple[ConceptMatch, ...]]] = [(0, 0, 0.0, ())]
    import bisect

    for j, m in enumerate(matches):
        # last match (among the first j) that ends at or before m.start
        p = bisect.bisect_right(ends, m.start, 0, j)
        cov, neg, conf, chosen = best[p]
        take = (cov + m.length, neg - 1, conf + m.confidence, chosen + (m,))
        best.append(max(best[j], take, key=lambda b: (b[0], b[1], b[2])))
    return sorted(best[-1][3], key=lambda m: m.start)


# Patterns for findings whose words vary too much for fixed phrases: a count or an amount between
# the verb and the thing ("took 30 paracetamol tablets", "getting up three times a night to pee"),
# or a subject and its change with words between them ("a mole on my back has got bigger").
# Each pattern runs over one sentence's normalised text; the match is mapped back to its tokens.
_AMOUNT = (r"(?:\d+|a handful of|handfuls of|a (?:whole )?(?:box|bottle|packet|pack|strip) of|"
           r"(?:a )?(?:few|couple of|dozen|lot of|load of|lots of|loads of|bunch of)|all (?:of )?(?:my|the|her|his)|"
           r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
           r"eighteen|nineteen|twenty|thirty|forty|fifty|several|many)")
_WORD = r"[a-z][a-z'-]*"
# a word between the parts of a pattern that is not a negation ("my eyes are not painful")
_AFFIRMED = r"(?!(?:no|not|never|none|nothing|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|hasn't|haven't)\b)[a-z][a-z'-]*"
# Places where malaria is transmitted (WHO World malaria report; UKHSA malaria prevention guidelines
# for travellers): a trip there said with its verb ("back from Ghana", "a holiday in rural India").
# Places with malaria in a few regions only are named with the country (a trip to Brazil's cities
# is not a malaria risk; "the Amazon" is).
_MALARIA_PLACES = (
    r"(?:sub ?-? ?saharan africa|west africa|east africa|central africa|southern africa|africa|nigeria|ghana|"
    r"sierra leone|liberia|guinea|the gambia|gambia|senegal|mali|burkina faso|ivory coast|togo|benin|cameroon|"
    r"niger|chad|sudan|south sudan|ethiopia|eritrea|somalia|kenya|uganda|tanzania|zanzibar|rwanda|burundi|malawi|"
    r"zambia|mozambique|angola|the congo|congo|drc|democratic republic of (?:the )?congo|gabon|madagascar|"
    # cities of sub-Saharan Africa where malaria is endemic (Fit for Travel)
    r"lagos|abuja|kano|ibadan|port harcourt|accra|kumasi|freetown|monrovia|conakry|bamako|ouagadougou|abidjan|"
    r"dakar|banjul|lome|lomé|cotonou|douala|yaounde|yaoundé|kinshasa|lubumbashi|brazzaville|kampala|entebbe|"
    r"dar es salaam|mombasa|kisumu|lusaka|lilongwe|blantyre|maputo|luanda|juba|khartoum|mogadishu|"
    r"india|pakistan|bangladesh|afghanistan|myanmar|burma|cambodia|laos|papua new guinea|solomon islands|"
    r"the solomon islands|the amazon|amazon|guyana|french guiana|suriname|venezuela|haiti|yemen)")
# Places where dengue is common and malaria is not a traveller's risk (WHO dengue and severe dengue
# fact sheet; UKHSA/Fit for Travel country pages): a fever after a trip there needs a doctor soon,
# and its warning signs an emergency (rules.yaml).
_DENGUE_PLACES = (
    r"(?:south\s*-?\s*east asia|southeast asia|se asia|thailand|bangkok|phuket|koh samui|chiang mai|vietnam|hanoi|"
    r"ho chi minh city|saigon|malaysia|kuala lumpur|borneo|singapore|indonesia|bali|jakarta|lombok|the philippines|"
    r"philippines|manila|sri lanka|colombo|the maldives|maldives|nepal|kathmandu|fiji|samoa|tonga|tahiti|vanuatu|"
    r"the pacific islands|latin america|central america|south america|the caribbean|caribbean|mexico|cancun|brazil|"
    r"rio|colombia|peru|ecuador|bolivia|paraguay|costa rica|nicaragua|honduras|guatemala|el salvador|panama|cuba|"
    r"the dominican republic|dominican republic|puerto rico|jamaica|barbados|trinidad|tobago|st lucia|grenada|"
    r"antigua|the bahamas|bahamas)")
# What a trip was between its verb and its place ("back from 3 weeks in", "returned from backpacking
# round", "home from a month travelling around")
_TRIP_WORDS = (
    r"(?:(?:a|an|\d+|one|two|three|four|five|six|several|a few|a couple of|my|our|his|her|their)\s+"
    r"(?:[a-z]+\s+){0,2}?(?:in|round|around|through|across|to|at)\s+|"
    r"(?:backpacking|travelling|traveling|touring|trekking|volunteering|working|interrailing|island hopping)\s+"
    r"(?:[a-z]+\s+)?(?:in|round|around|through|across|to)\s+)?")
_TRAVEL_LEADS = (
    r"(?:back from|returned from|returning from|came back from|come back from|got back from|flew back from|"
    r"flown back from|flew in from|arrived from|home from|travell?ed to|travell?ing in|travell?ed in|been to|"
    r"went to|trip to|holiday in|holiday to|"
    r"(?:visiting|visited|seeing|saw|staying with|stayed with) (?:(?:my|his|her|our|their|the) )?(?:family |relatives |friends |"
    r"grandparents |parents |grandma |grandad |gran |nan |mother |father |brother |sister |son |daughter |aunt |aunty |auntie |"
    r"uncle |friend |cousins |in\s*-\s*laws )?(?:in|back in|out in)|"
    r"working in|worked in|volunteering in|volunteered in|"
    r"safari in|been in|stayed in|staying in|"
    r"(?:family\s+)?(?:wedding|funeral|conference|work trip|business trip|gap year|visit|mission trip) (?:in|to))")
# a trip's verb, what it was, and a region word, before the place ("back from 3 weeks in rural")
_TRIP_TO = (rf"\b{_TRAVEL_LEADS}\s+{_TRIP_WORDS}"
            r"(?:(?:rural|remote|northern|southern|eastern|western|central|west|east|north|south)\s+)?")
# The limbs or the speech said to be normal ("arms and legs are fine, speech is fine"): only the
# noun is claimed, as the finding it would be, so the words after it negate it (context.py); a
# limb or speech that is not said to be normal is not read by these.
_SAID_NORMAL = (r"(?=\s+(?:(?:is|are)\s+)?(?:fine|normal|ok|okay|all fine|completely normal|completely fine|totally fine|"
                r"absolutely fine|absolutely normal|entirely normal|perfectly fine|perfectly normal)\b)")
# "potassium is", "K+ came back at": what a potassium result's number follows
_POTASSIUM_SAID = r"(?:potassium|k(?:\s*\+)?)\s+(?:level\s+)?(?:is\s+|was\s+|of\s+|at\s+|came back at\s+|came back as\s+|=\s*)?"
# a number of days or weeks, said in words or digits ("10 days", "a couple of weeks")
_FEW = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|a couple of|couple of)"
# an operation by its name or kind ("an ACL reconstruction", "my knee replacement", "a C-section")
_OPERATION = (r"(?:operation|surgery|op|replacement|reconstruction|repair|arthroscopy|c\s*-?\s*section|caesarean|"
              r"cesarean|hysterectomy|laparoscopy|tkr|thr|turp|cabg|bypass|[a-z]+ectomy|[a-z]+otomy|[a-z]+oscopy|[a-z]+plasty)")
# a journey of four hours or more, or one named long ("a 13-hour flight", "the long drive back")
_LONG_JOURNEY = (r"(?:long\s*-?\s*haul|long|overnight|transatlantic|(?:[4-9]|1\d|2\d)\s*-?\s*(?:hours?|hrs?|h)|"
                 r"(?:four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|twenty)\s*-?\s*hours?)"
                 r"\s+(?:flights?|flying|in\s+the\s+air|on\s+(?:a|the)\s+plane|plane journeys?|drives?|car journeys?|car rides?|coach (?:journeys?|trips?|rides?)|"
                 r"bus (?:journeys?|rides?)|train (?:journeys?|rides?)|journeys?|trips? in the car)")
# a body part said to be warm or pink, which the encoder reads as cold hands and feet
_WARM_PARTS = (r"(?:hands|feet|hands and feet|feet and hands|fingers|toes|fingers and toes|skin|legs|arms|toes and fingers|"
               r"foot|hand|leg|arm)")
# a blood sugar said with its number ("her sugars have been running 14 to 17", "BM 2.8", "meter
# said 3.4", "blood glucose of 300"): the words that lead to the number
_SUGAR_SAID = (r"\b(?:blood\s+)?(?:sugars?|glucose|bms?|cbgs?|bgs?|(?<!flow\s)meter)(?:\s+(?:levels?|readings?|tests?))?"
               r"(?:\s+(?:has|have|had|is|are|was|were|been|keeps?|kept|running|reading|readings|came\s+back|coming\s+up|"
               r"showing|showed|shows|says|said|of|at|on|up\s+to|between|=|:|nearly|about|around|over|above|below|under|"
               r"as\s+high\s+as|as\s+low\s+as|only)){0,4}\s*")
# a medicine bought over the counter, named
_OTC_MEDICINE = (r"(?:paracetamol|ibuprofen|calpol|nurofen|aspirin|co\s*-\s*codamol|codeine|antihistamines?|tablets|medicine|"
                 r"painkillers?|gaviscon|rennie|piriton|cetirizine|loratadine)\b")
# a glucose meter or sensor a number was read on ("on my meter", "on the Libre")
_ON_A_METER = (r"(?:mmol\s+)?(?:on|from)\s+(?:my|the|his|her|their|our)\s+(?:glucose\s+|blood\s+sugar\s+|sugar\s+)?"
               r"(?:meter|monitor|sensor|libre|glucometer|dexcom|finger\s*-?\s*prick)\b")
# what a number must not be followed by to be a blood sugar ("sugar 3 times a day", "2 days")
_NOT_SUGAR_UNIT = r"(?!\s*\.?\s*\d)(?!\s*(?:days?|weeks?|hours?|hrs?|years?|months?|minutes?|mins?|times?|x\b|%|units?|am|pm|o'clock))"
PATTERNS: tuple[tuple[str, str], ...] = (
    # a blood potassium of 6.5 mmol/L or more said with its number ("the surgery rang to say my
    # potassium is 7.1"): severe hyperkalaemia (UK Kidney Association 2020)
    (rf"\b{_POTASSIUM_SAID}"
     r"(?:6\s*\.\s*[5-9]|[7-9](?:\s*\.\s*\d)?|1[0-2](?:\s*\.\s*\d)?)\b(?!\s*(?:days?|weeks?|years?|hours?))",
     "severe-hyperkalaemia-result"),
    # a potassium below 6.5 said with its number is no severe result, and not for the encoder to read
    # as one ("my potassium is 5.6 and they want to repeat it")
    (rf"\b{_POTASSIUM_SAID}"
     r"(?:[1-5](?:\s*\.\s*\d+)?|6(?:\s*\.\s*[0-4]\d*)?)\b(?!\s*\.\s*\d)(?!\s*(?:days?|weeks?|years?|hours?))",
     NOT_FINDING),
    (rf"\b(?:arms and legs|arms\s*(?:/|&)\s*legs|limbs|arms){_SAID_NORMAL}", "arm-weakness"),
    (rf"\blegs{_SAID_NORMAL}", "leg-weakness"),
    # drooling from one side of the mouth: that side of the face is weak (a stroke's droop or a
    # Bell's palsy), not trouble swallowing (vignettes_blind23)
    (r"\bdrool\w*\s+(?:\w+\s+){0,3}?(?:from|out of|at|on)\s+(?:the\s+)?(?:r|l|right|left|one|1)\s*(?:side|corner)?\s*"
     r"(?:of\s+(?:the\s+|her\s+|his\s+|my\s+)?mouth)?(?=\W|$)", "facial-droop"),
    (rf"\bspeech{_SAID_NORMAL}", "difficulty-speaking"),
    # breathing said to be normal ("breathing normally", "breathing looks fine"): read, then denied by
    # the words after it, so that a baby's cold can be told from a chest infection
    (r"\bbreathing(?=\s+(?:is\s+|was\s+|looks\s+|seems\s+|sounds\s+)?(?:normally|normal|fine|ok|okay|easily|comfortably)\b)",
     "difficulty-breathing"),
    # blisters placed in a band ("clusters of small blisters on a red base in the same band"): the
    # band-shaped rash of shingles (NHS shingles; vignettes_blind17)
    (rf"\bblisters?\b(?:\s+{_AFFIRMED}){{0,5}}?\s+(?:in|along|following)\s+(?:a\s+|the\s+|that\s+)?(?:same\s+)?"
     r"(?:band|strip|stripe|line|dermatome)\b", "dermatomal-rash"),
    # a rash that fades when pressed, said in the affirmative (the glass test passed: "it goes white
    # when I press a glass on it"), which the encoder reads as a non-blanching rash. Only the
    # affirmative verb forms match, so "doesn't fade when I press a glass on it" keeps its reading.
    (r"\b(?:goes white|turns white|goes pale|went white|turned white|went pale|fades|faded|disappears|disappeared|"
     r"goes away|went away|blanches|blanched)\s+"
     r"(?:when\s+(?:i|you|we)\s+press(?:\s+on)?(?:\s+it)?(?:\s+(?:with\s+)?(?:a|the)\s+glass(?:\s+(?:on|against|over)\s+it)?)?"
     r"|when\s+pressed|under\s+(?:a|the)\s+glass|with\s+(?:a|the)\s+glass)", NOT_FINDING),
    # ... and one that does not ("the spots don't go white when I press"): a non-blanching rash (a
    # pattern: as concept-index phrases these drew a self-care picture's words)
    (r"\b(?:don't|doesn't|do not|does not|didn't|did not|won't)\s+(?:go white|turn white|go pale|fade|go away|disappear)\s+"
     r"(?:when\s+(?:i|you|we)\s+press|when\s+pressed|under\s+(?:a|the)\s+glass)", "non-blanching-rash"),
    # a baby chewing on fists, hands or toys (NHS baby teething symptoms), which the encoder reads as
    # nail biting
    (r"\b(?:chewing|chews|chewed|gnawing|gnaws|chomping)\s+(?:on\s+)?(?:her|his|their|its)\s+(?:hands?|fists?|toys?)\b",
     "teething"),
    # a baby rubbing the gums (NHS baby teething symptoms), which the encoder reads as pulling at the
    # ears; a pattern, not a phrase of the concept index, where it would draw "brushing his teeth"
    (r"\b(?:rubbing|rubs|rubbed)\s+(?:at\s+)?(?:her|his|their|the|its)\s+gums?\b", "teething"),
    # a tingling, burning or itching feeling on a lip (NHS cold sores: it comes before the blisters):
    # a cold sore starting, not pins and needles ("tingly, burning feeling on the edge of my top lip",
    # in notes "tingling and burning R upper lip")
    (r"\b(?:tingl\w*|burning|itchy|itching)(?:\s*,?\s*(?:and\s+|&\s+)?(?:tingl\w*|burning|itchy|itching))*\s+"
     r"(?:(?:feeling\s+|sensation\s+|patch\s+|spot\s+|area\s+)?(?:on|in|around|at)\s+(?:the\s+(?:edge|corner|side)\s+of\s+)?"
     r"(?:my|her|his|their|the)\s+(?:top\s+|bottom\s+|upper\s+|lower\s+)?|(?:r|l|right|left)\s+(?:upper|lower|top|bottom)\s+)"
     r"lips?\b|"
     # ... texted without "on the" ("tingling n burning corner of top lip")
     r"\b(?:tingl\w*|burning|itchy|itching)(?:\s*,?\s*(?:and\s+|&\s+)?(?:tingl\w*|burning|itchy|itching))*\s+(?:the\s+)?"
     r"(?:edge|corner|side)\s+of\s+(?:my\s+|her\s+|his\s+|their\s+|the\s+)?(?:top\s+|bottom\s+|upper\s+|lower\s+)?lips?\b", "lip-sore"),
    # a clot risk said in the text (NICE NG158: an operation, a long journey, time laid up): "had an
    # ACL reconstruction on my knee 10 days ago", "day 9 post TKR", "after a 13-hour flight"
    (rf"\b{_OPERATION}\b(?:\s+{_AFFIRMED}){{0,4}}?\s+{_FEW}\s+(?:days?|weeks?|wks?)\s+ago\b", "clot-risk-setting"),
    (rf"\b{_FEW}\s+(?:days?|weeks?|wks?)\s+(?:after|since|post|out from|on from)\s+(?:an?\s+|my\s+|his\s+|her\s+|the\s+|their\s+)?"
     rf"(?:{_WORD}\s+){{0,3}}?{_OPERATION}\b", "clot-risk-setting"),
    (r"\bday\s+\d+\s+post\b|\bpost\s*-?\s*op(?:erative|eratively)?\b|\brecent(?:ly)?\s+(?:had\s+)?(?:an?\s+|my\s+)?"
     rf"(?:{_WORD}\s+){{0,2}}?{_OPERATION}\b", "clot-risk-setting"),
    (rf"\b{_LONG_JOURNEY}\b", "clot-risk-setting"),
    (r"\b(?:flew|flown|flying)\s+(?:back\s+|home\s+|in\s+)?(?:from|to)\b|\bflights?\s+(?:back\s+|home\s+)?from\b",
     "clot-risk-setting"),
    (r"\b(?:leg|ankle|foot|knee)\s+(?:is\s+|was\s+|has been\s+)?(?:in|in a)\s+(?:plaster|cast|plaster cast|boot)\b|"
     r"\b(?:bed\s*-?\s*bound|bedridden|laid up in bed|stuck in bed)\b", "clot-risk-setting"),
    # blood brought up by a cough, with words between ("coughed up a little streak of blood")
    (rf"\bcough(?:ed|ing|s)?\s+up\s+(?:{_AFFIRMED}\s+){{0,6}}?(?:blood|bloody)\b", "hemoptysis"),
    # tummy pain that started in the middle and moved to the right, however it is said ("started
    # vague and central and is now constant on the right side", "began in the middle of my tummy and
    # has slowly drifted down to the right"): the migration of appendicitis (NHS: appendicitis)
    (r"\b(?:start(?:ed|s|ing)?|began|begun|beginning|came on)\b[^.;]{0,40}?\b(?:middle|central|centre|center|"
     r"belly\s*-?\s*button|navel|umbilicus|umbilical|periumbilical|round the tummy|around the tummy)\b[^.;]{0,80}?"
     r"\b(?:moved|moving|drifted|drifting|shifted|shifting|settled|travelled|traveled|gone|went|migrated|localised|"
     r"localized|now)\b[^.;]{0,50}?\bright\b", "pain-migrating-to-right-lower-abdomen"),
    # a jolt that hurts, said by its occasion ("every bump on the bus was agony"), and a cough or a
    # sneeze that makes the pain worse (the jolt of a cough: Dunphy's sign); read only with tummy pain
    (r"\b(?:every|each|any)\s+(?:little\s+|single\s+)?(?:bump|jolt|pothole|speed\s+bump)s?\b|"
     r"\bbumps?\s+(?:in|on)\s+the\s+(?:road|bus|car|way)\b|\bover\s+(?:a\s+|the\s+|some\s+)?(?:bumps?|speed\s+bumps?|potholes?|sleeping\s+policem[ae]n)\b",
     "pain-worse-on-jolting"),
    (r"\b(?:coughing|a cough|sneezing|a sneeze)\s+(?:makes|made|make)\s+(?:the\s+|my\s+|his\s+|her\s+)?"
     r"(?:tummy\s+|stomach\s+|belly\s+|abdominal\s+)?(?:pain\s+|it\s+)?worse\b|"
     r"\b(?:pain|it|tummy|stomach|belly|abdomen|side)\s*,?\s+(?P<span>(?:and\s+)?(?:it's\s+|its\s+|is\s+|gets\s+|got\s+|which\s+is\s+)?"
     r"worse\s+(?:when|if|on)\s+(?:i\s+|he\s+|she\s+|you\s+)?(?:cough|coughs|coughing|sneeze|sneezes|sneezing))\b", "pain-worse-on-jolting"),
    # a tummy pain that has settled on the right, said after it ("tummy ache for a day, now worse on
    # the right side"): the appendix's migration however it is told
    (r"\b(?:tummy|stomach|belly|abdominal|abdo)\s+(?:ache|pain|pains)\b[^.;]{0,60}?(?P<span>\bnow\s+(?:worse\s+|mainly\s+|mostly\s+|more\s+|"
     r"sore\s+|hurting\s+|moved\s+|gone\s+|settled\s+)?(?:on|in|to|down|over)\s+(?:the\s+|his\s+|her\s+|my\s+)?(?:lower\s+|bottom\s+)?right"
     r"(?:\s+(?:side|hand\s+side))?+)\b(?!\s+of\s+(?:my|the|his|her|their)\s+(?:chest|head|neck|back|face|body))",
     "pain-migrating-to-right-lower-abdomen"),
    # confusion said with a word between ("she's not making much sense"): the lexicon's "not making
    # sense" needs the words together
    (r"\b(?:not|isn't|is not|wasn't)\s+making\s+(?:much|any|a lot of|a great deal of|a lot)\s+sense\b|"
     r"\bmaking\s+(?:little|very little)\s+sense\b", "confusion"),
    # a pain named tearing or ripping in reported speech ("which he calls 'ripping'")
    (r"\b(?:calls?|called|calling|describes?|described|describing)\s+(?:it\s+)?(?:as\s+)?(?:a\s+)?['\"]?\s*"
     r"(?:ripping|tearing|torn)\b", "tearing-pain"),
    # the jaw as a pain's second place ("a sudden pain in his neck and jaw"), which is otherwise
    # left unread beside the first
    (r"\b(?:pain|ache|aching|hurts?|hurting|tightness)\s+(?:in|into|to|up)\s+(?:my|his|her|their|the)\s+"
     r"(?:neck|shoulders?|arms?|back|chest|throat|teeth)\s+(?:and|&)\s+(?:my\s+|his\s+|her\s+|the\s+)?(?P<span>jaw)\b",
     "jaw-pain"),
    # redness said to spread ("2/7 spreading erythema L shin"): skin that looks infected (NHS
    # cellulitis), not a rash alone
    (r"\bspreading\s+(?:erythema|redness|red\s+(?:area|patch|skin|mark))\b|"
     r"\b(?:erythema|redness)\s+(?:is\s+|has\s+been\s+|that\s+is\s+|that's\s+)?(?:spreading|tracking)\b", "skin-looks-infected"),
    # thrush said to be known from before ("had thrush once before and it was exactly the same"):
    # the genital thrush the person recognises (NHS thrush: a pharmacist), not thrush in the mouth
    (r"\b(?:had|have had|i've had|she's had|get|got|gets|getting|recogni[sz]e|know)\s+(?:\w+\s+){0,2}?thrush\b"
     r"(?:\s+\w+){0,3}?\s+(?:before|in the past|previously|now and then|from time to time|every so often)\b|"
     r"\bthrush\s+(?:once\s+|twice\s+|a few times\s+|a couple of times\s+)?before\b|"
     r"\b(?:feels?|felt|is|it's)\s+(?:just\s+)?like\s+(?:my|the)\s+(?:usual|last|old)\s+thrush\b|"
     r"\b(?:got\s+|have\s+|has\s+|had\s+)?thrush\s+(?:again|back)\b|\banother\s+(?:bout|dose|episode)\s+of\s+thrush\b",
     "thrush-recognised"),
    # ... or said as an episode like this one before ("1 similar episode 2 yrs ago", "had this
    # once ... and a pessary sorted it"); read only with the thrush explanation's own findings
    (r"\b(?:1|one|a|another)\s+similar\s+(?:episode|bout)\b", "thrush-recognised"),
    (r"\b(?:a\s+|the\s+)?(?:pessary|canesten|clotrimazole|fluconazole|diflucan)\s+(?:sorted|cleared|fixed|treated)\s+(?:it|that)\b",
     "thrush-recognised"),
    # a migraine like the usual ones ("one of her usual attacks", "identical to her normal pattern")
    (r"\b(?:usual|typical|normal|regular)\s+(?:migraines?|migraine attacks?|attacks?)\b|"
     r"\bsame\s+(?:pattern|thing|attacks?|headaches?|migraines?)\s+(?P<span>(?:ever\s+)?since\s+(?:i|she|he)\s+was\s+(?:a\s+)?"
     r"(?:teen|teenager|child|kid|girl|boy|little|young|at\s+school|in\s+school))\b|"
     r"\b(?:same|identical|just|exactly)\s+(?:as|like|to)\s+(?:her|his|my|their)\s+(?:usual|normal|other|previous)\s+"
     r"(?:migraines?|attacks?|pattern|headaches|ones)\b|"
     # ... "her typical throbbing headache", "usual zigzag lights": only the word saying so is claimed,
     # so the headache and the aura keep their readings
     r"\b(?:her|his|my|their)\s+(?:typical|usual|normal)(?=\s+(?:[\w-]+\s+){0,3}?(?:headaches?|migraines?)\b)|"
     r"\b(?:usual|typical)(?=\s+(?:[\w-]+\s+){0,2}?(?:zig\s*-?\s*zags?|auras?|flashing\s+lights)\b)", "usual-migraine"),
    # a lump placed in the breast with words between ("a firm lump in the upper outer part of her left
    # breast"): NICE NG12's breast lump
    (rf"\blump\b(?:\s+{_AFFIRMED}){{0,8}}?\s+(?:of|in|on|near)\s+(?:the\s+|my\s+|her\s+|his\s+)?(?:left\s+|right\s+)?"
     r"(?:breast|boob)s?\b", "lump-or-mass-of-breast"),
    # a blow to the head said with its verb ("struck his forehead on the door frame")
    (r"\b(?:struck|hit|banged|bumped|knocked|bashed|cracked|whacked|smacked)\s+(?:his|her|my|their|the)\s+"
     r"(?:forehead|head|temple|skull)\b|"
     # "caught her head on the side of the bath"
     r"\b(?:caught|clipped|clonked)\s+(?:his|her|my|their|the)\s+(?:forehead|head|temple|skull)\s+(?:on|against|off)\b",
     "head-injury"),
    # a reliever inhaler needed every few hours or many times a day (NHS asthma: asthma that is
    # getting worse; an urgent GP appointment)
    (r"\b(?:reliever|blue inhaler|blue puffer|ventolin|salbutamol|inhaler|puffer|pump)s?\b[^.;]{0,40}?"
     r"\b(?:every\s+(?:\d|one|two|three|four|couple of|few)\s*(?:-\s*\d\s*)?(?:hours?|hrs?)|(?:\d|two|three|four)\s*-?\s*(?:hourly|hrly)|"
     r"(?:\d+|several|many|lots of|loads of|a lot of)\s+times\s+(?:a|each|per|every)\s+day|"
     r"(?:much\s+|a lot\s+|far\s+)?more\s+(?:often\s+)?than\s+(?:usual|normal)|all the time|constantly)\b",
     "reliever-inhaler-often"),
    # a reliever needed most days or several times a week (NHS asthma: asthma not controlled, a GP
    # review; a preventer used every day is as it should be, so only the reliever's names count)
    (r"\b(?:reliever|blue\s+inhaler|blue\s+puffer|blue\s+pump|ventolin|salbutamol)s?\b[^.;]{0,30}?"
     r"\b(?:most\s+days|nearly\s+every\s+day|every\s+day|daily|every\s+night|most\s+nights|"
     r"(?:three|3|four|4|five|5|several)\s+(?:or\s+more\s+)?times\s+a\s+week)\b", "reliever-inhaler-most-days"),
    # getting up to the toilet at all hours ("up to the loo all the time even at night"), which the
    # encoder reads as diarrhoea
    (r"\bup\s+to\s+the\s+(?:loo|toilet|bathroom)\b(?:\s+(?:all the time|constantly|a lot|loads|every hour|all night|"
     r"several times|many times))?", "frequent-urination"),
    # a burning or tingling on one side of the chest, back or tummy: shingles' pain before or beside
    # its rash (NHS shingles), which the encoder reads as chest tightness
    (r"\b(?:burning|tingling|tingly|stinging)(?:\s+(?:and|or)\s+(?:burning|tingling|tingly|stinging))?\s+"
     r"(?:feeling\s+|sensation\s+|pain\s+)?(?:on|in|over|across|down)\s+(?:the\s+)?(?:right|left|one)\s+side\s+of\s+"
     r"(?:my|his|her|the)\s+(?:chest|back|tummy|stomach|ribs|body|trunk)\b", "skin-pain"),
    # a knee that gives way, said with words between ("twisted my knee ... feels like it might give
    # way"): instability after a twist, a ligament injury for a GP rather than a simple sprain
    (r"\bknees?\b[^.;]{0,120}?(?P<span>\b(?:give|giving|gives|gave)\s+way|\bbuckl(?:e|es|ed|ing))\b", "knee-weakness"),
    # a pain in a band placed on the chest or the back ("pain in a band on the right side of my chest"):
    # that place's pain, which the encoder may read as a band round the head; a band-shaped rash
    # beside it makes it shingles (rules.yaml explanations), never less than the chest's own rules
    (r"\b(?:pain|ache|aching)\s+in\s+a\s+(?:band|strip|belt)\s+(?:on|around|across|along|over|round)\s+(?:the\s+)?"
     r"(?:(?:right|left|one)\s+side\s+of\s+)?(?:my|his|her|the)\s+(?:chest|ribs|ribcage)\b", "chest-pain"),
    (r"\b(?:pain|ache|aching)\s+in\s+a\s+(?:band|strip|belt)\s+(?:on|around|across|along|over|round)\s+(?:the\s+)?"
     r"(?:(?:right|left|one)\s+side\s+of\s+)?(?:my|his|her|the)\s+(?:back|waist)\b", "back-pain"),
    # a baby in the womb moving less ("not noticed the baby moving since", "baby's usually really
    # wriggly ... much quieter"): NHS, reduced movements are checked by the maternity unit at once
    (r"\b(?:the\s+|my\s+|her\s+)?(?:baby|bump)(?:'s|\s+is|\s+has|\s+has been|\s+was)?\s+(?:been\s+)?(?:much\s+|a lot\s+|really\s+|so\s+|very\s+)?"
     r"(?:quieter|less active|moving less|hardly moving|not moving|not kicking|kicking less)\b|"
     r"\b(?:not|haven't|hasn't|have not|has not|not really|never)\s+(?:noticed|felt)\s+(?:the\s+|my\s+|her\s+)?baby\s+"
     r"(?:moving|move|kick|kicking)\b|"
     r"\bbaby(?:'s|\s+is)?\s+usually\s+(?:really\s+|very\s+|quite\s+)?(?:wriggly|kicky|active|lively)\b[^.;]{0,80}?"
     r"\b(?:quieter|less active|moving less|hardly moving|not moving)\b", "reduced-fetal-movements"),
    # ... and one moving as usual, said as reassurance
    (r"\b(?:the\s+|my\s+|her\s+)?baby(?:'s|\s+is|\s+has been|\s+was)?\s+(?:still\s+)?(?:moving|kicking|wriggling)\s+"
     r"(?:as normal|normally|as usual|fine|well|good|lots|a lot|plenty|loads|as much as ever|away|like mad|all the time)\b|"
     r"\b(?:baby's|the baby's|her baby's|my baby's)\s+movements\s+(?:are\s+|have been\s+)?(?:normal|fine|as usual|the same)\b", NOT_FINDING),
    # suicidal intent said without the words: the family "better off", tablets saved up
    (r"\b(?:everyone|everybody|my family|the family|the kids|my kids|my wife|my husband|they)(?:'d|'ll|\s+would|\s+will)\s+"
     r"be\s+better\s+off\b|"
     r"\b(?:tablets?|pills?|meds|medication)\s+(?:saved|stored|stockpiled|put away|hidden)(?:\s+up)?\b|"
     r"\bsav(?:ed|ing)\s+up\s+(?:my\s+|some\s+|all\s+(?:my\s+)?)?(?:old\s+|sleeping\s+|pain\s+|heart\s+)?(?:tablets?|pills?|meds)\b|"
     r"\b(?:easier|better)\s+for\s+(?:everyone|everybody|them|the kids|my family)\s+if\s+(?:i|he|she)\s+(?:just\s+)?"
     r"(?:took|take|wasn't|weren't|was(?:n't)?\s+gone|wasn't\s+here|ended|disappeared|didn't\s+wake)\b|"
     r"\b(?:can't|cannot|can not|not sure (?:i|he|she) can|don't think (?:i|he|she) can|unable to)\s+keep\s+"
     r"(?:myself|himself|herself|themselves)\s+safe\b", "suicidal-thoughts"),
    # cauda equina's signs said in lay or clinical words: numbness of the saddle area ("tingling over
    # the perineum", "when I wiped it felt numb"), a bladder that needs pushing or gives no urge
    (r"\b(?:tingling|numb(?:ness)?|pins and needles|altered sensation|reduced sensation|no feeling)\s+(?:over|in|around|of|across)\s+"
     r"(?:the\s+|her\s+|his\s+|my\s+)?(?:perineum|perineal area|saddle area|saddle|genitals|inner buttocks|back passage|anus)\b|"
     r"\bwip(?:e|ed|ing)\b[^.;]{0,40}?\b(?:numb|no feeling|can't feel|couldn't feel|didn't feel|wasn't my own|not my own)\b|"
     r"\b(?:numb|no feeling)\s+(?:down\s+there\s+)?when\s+(?:i|he|she)\s+wipes?\b",
     "saddle-anaesthesia"),
    (r"\b(?:did not|didn't|couldn't|could not|can't|cannot|no longer|doesn't|does not)\s+feel\s+(?:the\s+|her\s+|his\s+|my\s+)?"
     r"(?:usual\s+)?(?:urge|need)\b|"
     r"\b(?:haven't|hasn't|have not|has not|not)\s+(?:really\s+|even\s+)?felt\s+(?:the\s+|any\s+)?(?:usual\s+)?(?:urge|need)\s+"
     r"to\s+(?:wee|pee|urinate|go)\b|\b(?:have|had|has|having)\s+to\s+(?:really\s+)?(?:push|strain)\s+to\s+(?:get\s+)?"
     r"(?:a\s+|the\s+|my\s+|her\s+|his\s+)?(?:wee|pee|urine|stream)\b", "loss-of-bladder-or-bowel-sensation"),
    # no wind passed, said with the doubt or the time between ("doesn't think he has passed wind since")
    (r"\b(?:not|hasn't|hasnt|haven't|has not|have not|doesn't think (?:he|she|i) (?:has|have)|can't|cannot|unable to)\s+"
     r"(?:been\s+able\s+to\s+)?(?:passed|pass|passing)\s+(?:any\s+)?wind\b", "not-passing-wind"),
    # a hand or arm that suddenly went clumsy or useless ("my right hand just went clumsy"): a focal
    # weakness (stroke: NICE NG128)
    (r"\b(?:hand|arm|leg|fingers)\s+(?:just\s+|suddenly\s+|has\s+|had\s+)?(?:went|gone|go|goes|became|become)\s+(?:all\s+)?"
     r"(?:clumsy|useless|uncoordinated|floppy|dead)\b|\b(?:hand|arm|leg)\s+won't\s+do\s+what\s+(?:i|he|she)\s+tells?\b",
     "focal-weakness"),
    # speech: words that will not come out ("suddenly couldn't get her words out")
    (r"\b(?:couldn't|could not|can't|cannot|unable to|struggling to|struggled to)\s+get\s+(?:her|his|my|their|the)\s+words\s+out\b",
     "difficulty-speaking"),
    # double vision said plainly ("he's seeing two of things")
    (r"\bseeing\s+(?:two|double)(?:\s+of\s+(?:things|everything))?\b", "double-vision"),
    # an eye pushed forward ("the eye looks like it's poking forward")
    (r"\beye\b[^.;]{0,30}?\b(?:poking|pushing|sticking|bulging)\s+(?:forward|out)\b", "eye-protrusion"),
    # blood on a pad or in the pants in pregnancy or after it
    (r"\bblood\s+(?:on|in)\s+(?:my|her|the)\s+(?:pad|pads|pants|knickers|underwear|sanitary towel)\b", "vaginal-bleeding"),
    # a neck held stiff in a child who will not turn the head (which the encoder reads as a head injury)
    (r"\b(?:won't|will not|can't|cannot|doesn't want to|refuses to)\s+(?:turn|move)\s+(?:his|her|their|my)\s+(?:head|neck)\b",
     "neck-stiffness-or-tightness"),
    # a cast put on for a fracture ("they put a plaster cast on"): with worse pain or tingling under
    # it, compartment syndrome (rules.yaml)
    # ("put a plaster on it" is a sticking plaster)
    (r"\bin\s+(?:a\s+|the\s+|my\s+|his\s+|her\s+)?(?:plaster\s+cast|plaster|cast)\b|"
     r"\b(?:put|had|got|wearing)\s+(?:(?:a\s+|the\s+|my\s+|his\s+|her\s+)?(?:plaster\s+cast|cast)|"
     r"(?:the\s+|my\s+|his\s+|her\s+)?plaster(?!\s+on\s+(?:it|them)\b))\b(?:\s+on)?|"
     r"\bunder\s+(?:the|my|his|her)\s+(?:cast|plaster)\b", "in-a-cast"),
    # skin that has changed colour ("one patch of skin has gone a darker purply colour")
    (r"\b(?:skin|patch|area)\b[^.;]{0,30}?\b(?:gone|turned|going|turning)\s+(?:a\s+)?(?:darker\s+|dark\s+|deep\s+)?"
     r"(?:purple|purply|black|blackish|dusky|bluish|blue|dark|grey|gray)\b", "abnormal-appearing-skin"),
    # a cough like a seal's bark (NHS croup)
    (r"\bbark(?:ing|y)\s+(?:\w+\s+){0,2}?cough(?:\s+like\s+a\s+seal)?\b|\bcough(?:ing|s)?\s+like\s+a\s+seal\b|"
     r"\bbark(?:ing|s)?\s+like\s+a\s+seal\b", "barking-cough"),
    # spinning said of episodes ("brief spinning episodes")
    (r"\bspinning\s+(?:episodes?|spells?|attacks?|bouts?|turns?)\b", "dizziness"),
    # crusting along the eyelashes (sticky eyes), which the lexicon reads as impetigo's crusted sores
    (r"\b(?:(?:yellow|yellowy|yellowish|green|greeny|greenish|white|sticky)\s+)?crust(?:ing|ed|s|y)?\b[^.;]{0,20}?\b(?:on|along)\s+(?:the|his|her|my|their)\s+(?:eye\s*)?lashes\b", "eye-discharge"),
    # a period's first days said by their number ("day 1 of period")
    (r"\bday\s+(?:1|one|2|two|3|three)\s+of\s+(?:my\s+|her\s+|the\s+|a\s+)?(?:period|menses|cycle)\b", "period-now"),
    # a pain that moved on down the back ("now it's gone lower down my back"); only with a sudden pain
    # does it count (rules.yaml). A pain going "through to my back" is read as the back's pain already.
    (r"\b(?:gone|goes|moved|moving|moves|spread|spreading|spreads|travelled|traveled|travelling|traveling|shifted|shifting|going|went|"
     r"now)\s+(?:\w+\s+){0,2}?(?:(?:lower\s+)?down\s+(?:towards\s+|to\s+|into\s+)?(?:my|his|her|the)\s+(?:lower\s+)?back|"
     r"lower\s+down\s+(?:my|his|her|the)\s+back)\b",
     "pain-moving-down-back"),
    # a person "not right at all", said of how they seem (unwell), not a negation of what follows
    (r"\b(?:she's|he's|she\s+is|he\s+is|i'm|i\s+am|they're|mother's|father's|mother\s+is|father\s+is)\s+(?:just\s+|really\s+|definitely\s+)?"
     r"(?P<span>not\s+(?:right|quite\s+right)(?:\s+at\s+all)?)\b(?!\s+(?:side|hand|arm|leg|eye|ear|foot|knee|hip))", "feeling-ill"),
    # a past ectopic pregnancy said in a note's words ("previous left ectopic", "h/o ectopic", "had an
    # ectopic in 2019")
    (r"\b(?:previous|prior|past|h\s*/\s*o|history\s+of|had\s+an?|had\s+(?:my\s+)?(?:first\s+)?)\s+(?:left\s+|right\s+|tubal\s+)?"
     r"ectopic(?:\s+pregnancy)?\b", "previous-ectopic-pregnancy"),
    # a baby's soft spot said to bulge with words between ("the soft spot on top of his head looks
    # kind of puffed up and tight")
    (r"\b(?:soft\s+spot|fontanelle|fontanel)\b[^.;]{0,40}?\b(?:bulging|bulges|bulge|puffed\s+up|puffy|swollen|tight|tense|"
     r"raised|domed|sticking\s+(?:up|out)|pushing\s+out)\b", "bulging-fontanelle"),
    # a throat that "feels scratchy" said after it: the throat's irritation (which the encoder read
    # either way, as a scratchy eye too, as its neighbours moved)
    (r"\bthroat\b[^.;]{0,40}?(?P<span>\b(?:feels?|is|it's|its|feeling)\s+(?:a\s+bit\s+|really\s+|quite\s+|so\s+|all\s+|very\s+)?scratchy)\b",
     "throat-irritation"),
    # a sore spot said by pressing it ("sore when twisting or pressing the spot"), which the lexicon
    # reads as a rash's spot
    (r"\b(?:pressing|press|pressed|pushing|push|prodding)\s+(?:on\s+)?(?:the|that|this)\s+spot\b", "tender-on-pressing"),
    # a pain worse on walking, moving or coughing, said in a note's words ("RIF pain worse on walking
    # and coughing"): the jolt sign, read only with tummy pain
    (r"\b(?:pain|ache|tenderness|discomfort)\b[^.;]{0,30}?(?P<span>\bworse\s+(?:on|with)\s+(?:walking|movement|moving|coughing|"
     r"sneezing|jumping|hopping|going\s+over\s+bumps)(?:\s*(?:,|and|or)\s*(?:walking|movement|moving|coughing|sneezing|jumping|hopping))*)\b",
     "pain-worse-on-jolting"),
    # the psoas sign (pain on extending the hip) of an inflamed appendix lying behind the bowel, and
    # Rovsing's sign: read as the tummy's signs of peritonism
    (r"\b(?:positive\s+)?(?:psoas|rovsing'?s?|obturator)\s+sign\b|\bpain\s+on\s+(?:extending|extension\s+of|stretching)\s+"
     r"(?:the\s+|his\s+|her\s+|my\s+)?(?:right\s+|left\s+)?hip\b", "peritonism"),
    # a fever said to be settling or to have broken is a fever all the same (a history of fever: the
    # returning traveller's rules, NICE CKS malaria; dengue's warning signs come as it falls)
    (r"\b(?:fever|temperature|temp|pyrexia)\b(?:\s+for\s+\S+\s+\S+)?\s+(?:now\s+|is\s+now\s+|has\s+now\s+|has\s+)?"
     r"(?:settling|settled|subsiding|subsided|broke|broken|coming\s+down|came\s+down|gone\s+down|resolving|resolved|easing|eased)\b",
     "fever"),
    # a pain placed "low down on my left side" or "low on the right": the lower tummy's
    (r"\b(?:twinges?|pains?|aches?|aching|cramps?|cramping|stitch|niggles?|soreness)\s+(?:\w+\s+)?(?:low\s+down|low)\s+(?:on|in)\s+"
     r"(?:my|her|his|the)\s+(?:left|right)(?!\s+(?:side\s+|hand\s+side\s+)?of\s+(?:my|her|his|the)\s+(?:back|chest|neck|head))"
     r"(?:\s+(?:side|hand\s+side))?\b",
     "lower-abdominal-pain"),
    # the middle of a cycle said by its day ("day 14 of my cycle", "I'm on day 15")
    (r"\bday\s+(?:1[2-6]|twelve|thirteen|fourteen|fifteen|sixteen)\s+of\s+(?:my\s+|her\s+|the\s+|a\s+)?(?:cycle|\d{2}\s*-?\s*day\s+cycle)\b|"
     r"\b(?:cycle\s+day|cd)\s*(?:1[2-6])\b", "mid-cycle"),
    # reassurance the encoder misreads: eating and drinking (as alcohol; "not eating and drinking"
    # keeps its reading), bearing weight (as weight gain), fitness said with an age (as a seizure),
    # bending forward (as a limb out of shape), walking and jumping (as difficulty walking), warm
    # hands and feet (as cold ones), blood tests (as vomiting blood)
    (r"(?<!not )(?<!n't )(?<!no )(?<!without )\beating\s+(?:and|&)\s+drinking\b", NOT_FINDING),
    (r"\b(?:able to|can|could|is|was|managing to|managed to|fully)\s+(?:fully\s+)?weight\s*-?\s*bear(?:ing|s)?\b", NOT_FINDING),
    (r"\b(?:able to|can|could|managing to|managed to|manage to)\s+(?:still\s+)?(?:put|bear|take)\s+(?:some\s+|a bit of\s+|full\s+)?"
     r"weight\s+(?:on|through)\s+(?:it|them|the|my|his|her)\b", NOT_FINDING),
    (r"\b\d+\s+(?:and|&)\s+fit\b|\bfit\s+normally\b|\b(?:i'm|im|i am|he's|she's|he is|she is)\s+"
     r"(?:usually\s+|normally\s+|very\s+|pretty\s+|quite\s+|otherwise\s+)?fit\b(?!\s+(?:again|today|now))", NOT_FINDING),
    # a lump described by two or more of its looks ("a red itchy lump"), which the encoder reads as
    # anger ("seeing red") or hives: a swelling, which a bite or a sting explains
    (r"\b(?:red|itchy|raised|swollen|hot|sore|hard|painful|tender|warm)(?:\s*,?\s*(?:and\s+)?(?:red|itchy|raised|swollen|hot|sore|hard|painful|tender|warm))+\s+"
     r"(?:lump|bump|swelling|welt)\b(?!\s+(?:at|on|in|around|near|by|under|over)\s+(?:the\s+|my\s+|his\s+|her\s+|their\s+)?"
     r"(?:anus|bottom|back\s+passage|groin|breast|nipple|testicles?|scrotum|neck|armpit|throat|jaw|tummy|belly|eye|eyelid))",
     "swelling"),
    (r"\bbend(?:ing|s)?\s+(?:forward|forwards|over|down)\b", NOT_FINDING),
    (r"\b(?:go|goes|going|went)\s+to\s+the\s+gym(?:\s+and\s+swim(?:s|ming)?)?(?:\s+a\s+lot)?\b|\bswim(?:s|ming)?\s+a\s+lot\b",
     NOT_FINDING),
    (r"(?<!difficulty )(?<!trouble )(?<!problems )(?<!pain )(?<!painful )(?<!hurts )(?<!hard )(?<!struggling )"
     r"\bswallowing\s+(?:food and drinks?|food and fluids|food|drinks?|fluids|liquids)(?:\s+(?:ok|okay|fine|normally|well))?\b",
     NOT_FINDING),
    (r"\bon\s+the\s+(?:outer|inner|outside|inside)\s+(?:side|edge|aspect)\b", NOT_FINDING),
    (r"\b(?:normal|usual|plenty of|lots of|loads of)\s+(?:wet\s+|dirty\s+|wet and dirty\s+)?(?:napp(?:y|ies)|diapers?)\b",
     NOT_FINDING),
    (r"\b(?:skin\s+)?creases\s+(?:are|is)\s+(?:mostly\s+|all\s+|completely\s+)?(?:clear|fine|spared|ok|okay|normal)\b",
     NOT_FINDING),
    (r"\b(?:mostly|mainly|sometimes|often|usually)\s+(?:round|around|in)\s+the\s+middle\b", NOT_FINDING),
    (r"\bcan\s+(?:walk|run|jump|hop|skip)(?:\s*,?\s*(?:and|or)?\s*(?:walk|run|jump|hop|skip))*(?:\s+about|\s+around)?\b",
     NOT_FINDING),
    (rf"\b{_WARM_PARTS}\s+(?:still\s+)?(?:(?:are|is|feel|feels|felt|were|was|look|looks)\s+)?(?:nice and\s+|lovely and\s+|still\s+)?"
     r"(?:warm|pink|a normal colou?r|normal colou?r)(?:\s+(?:and|with)\s+(?:pink|a good colou?r|good colou?r))?\b", NOT_FINDING),
    # a blood test's needle, a jab or the sight of blood, which the encoder reads as vomiting blood
    (r"\b(?:a|the|my|his|her)\s+(?:blood\s+test|needle|injection|jab|vaccination|blood\s+taken)\b|\bsight\s+of\s+blood\b",
     NOT_FINDING),
    (r"\b(?:recent|routine|latest|his|her|my|their|the|on|admission)\s+bloods\b|\bbloods\s+(?:show|showed|shows|were|are|came|taken)\b",
     NOT_FINDING),
    # a trip to a place with malaria ("returned from rural Kenya 10 days ago")
    (rf"{_TRIP_TO}{_MALARIA_PLACES}\b", "travel-to-malaria-area"),
    # ... or a place with dengue ("back from 3 weeks in Thailand")
    (rf"{_TRIP_TO}{_DENGUE_PLACES}\b", "travel-to-dengue-area"),
    # weight lost by an amount ("has lost about 6 kg", "lost half a stone without trying")
    (r"\b(?:lost|losing|dropped)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+|more than\s+)?"
     r"(?:\d+(?:\.\d+)?|a|half a|one|two|three|four|five|six|seven|eight|nine|ten|a couple of)\s*"
     r"(?:kg|kgs|kilos?|kilograms?|lbs?|pounds|stones?|st)\b", "weight-loss"),
    # an ulcer placed in the mouth with its looks between ("a round white ulcer with a red rim on the
    # inside of her lower lip")
    (rf"\bulcers?\b(?:\s+{_AFFIRMED}){{0,6}}?\s+(?:on|in|inside)\s+(?:the\s+inside\s+of\s+)?"
     r"(?:my|her|his|their|the)\s+(?:lower\s+|upper\s+|bottom\s+|top\s+|inner\s+)?"
     r"(?:lip|lips|cheek|cheeks|gum|gums|tongue|mouth)\b", "mouth-ulcer"),
    # a period late by some time ("period is about 2 wks late", "my period's 10 days late")
    (r"\bperiod(?:s|'s)?\s+(?:is\s+|are\s+|was\s+)?(?:about\s+|nearly\s+|over\s+|almost\s+|like\s+)?"
     r"(?:a\s+|\d+\s+|a\s+few\s+|two\s+|three\s+|four\s+|five\s+|six\s+|ten\s+|couple\s+(?:of\s+)?)?"
     r"(?:days?|weeks?|wks?|wk)\s+late\b", "absence-of-menstruation"),
    # packets of tablets taken at once ("swallowed two packets of paracetamol"): an overdose however
    # few the packets
    (rf"\b(?:took|taken|take|taking|swallowed|swallow|swallowing|ate|had|overdosed on)\s+(?:a\s+|an\s+|\d+\s+|one\s+|two\s+|three\s+|four\s+|"
     rf"several\s+|a\s+couple\s+of\s+|a\s+few\s+)?(?:whole\s+|full\s+)?(?:packets?|boxes|box|packs?|strips?|bottles?|blister\s+packs?|tubs?)\s+of\s+"
     rf"(?:{_WORD}\s+){{0,2}}?(?:tablets|pills|capsules|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin|co\s*-?\s*codamol|"
     rf"sleeping\s+(?:tablets|pills)|painkillers|antidepressants)\b", "overdose"),
    # packets of tablets found, then "took all of them" ("I find two empty packets of paracetamol
    # in his room ... he say he took all of them", vignettes_blind44)
    (rf"\b(?:packets|boxes|packs|strips|bottles|blister\s+packs|tubs)\s+of\s+(?:{_WORD}\s+){{0,2}}?(?:tablets|pills|capsules|"
     rf"paracetamol|acetaminophen|ibuprofen|aspirin|co\s*-?\s*codamol|painkillers|antidepressants)\b[^?]{{0,160}}?"
     rf"(?P<span>\b(?:took|taken|swallowed|had)\s+(?:all\s+of\s+them|them\s+all|the\s+lot|the\s+whole\s+lot|all\s+of\s+it|"
     rf"every\s+one(?:\s+of\s+them)?))\b(?!\s+(?:over|during|through|across|as\s+(?:prescribed|directed|the|it|they|he|she|i|you|"
     rf"told|advised)|like\s+(?:the|it|he|she|they|i|you)\b))", "overdose"),
    # ... and a course taken as it was meant to be ("took all of them like the doctor said")
    (r"\b(?:took|taken|take|finished|had)\s+(?:all\s+of\s+them|them\s+all|the\s+lot|all\s+of\s+it|the\s+whole\s+course|the\s+course)\s+"
     r"(?:as\s+(?:prescribed|directed|told|advised)|(?:like|as)\s+(?:the\s+)?(?:doctor|gp|pharmacist|nurse|packet|leaflet|label|box)\s+"
     r"(?:said|says|told\s+(?:me|him|her|us)|advised|recommended))\b", NOT_FINDING),
    # a child who may have eaten someone's tablets ("a strip of her blood pressure tablets open ...
    # three are missing", "I don't know if she ate them"): a possible poisoning (NHS: A&E)
    (r"\b(?:tablets?|pills?|capsules?|sweets)\b[^.;]{0,60}?\b(?:\d+|one|two|three|four|five|six|some|a\s+few|several)\s+"
     r"(?:are|is|were|was|have\s+gone|had\s+gone)\s+missing\b|"
     r"\b(?:don't|do\s+not|didn't|not\s+sure|no\s+idea)\s+(?:know\s+)?(?:if|whether)\s+(?:she|he|they|the\s+baby)\s+"
     r"(?:ate|swallowed|took|had|has\s+eaten|has\s+swallowed)\s+(?:them|any|some|one|it|the\s+tablets|the\s+pills)\b", "overdose"),
    # an overdose: a number or handful of tablets taken at once
    # (an amount quoted or said roughly too: "took 'about 20-odd' paracetamol", vignettes_blind23)
    (rf"\b(?:took|taken|take|taking|swallowed|swallow|swallowing|ate|had|overdosed on)\s+(?:['\"]\s*)?"
     rf"(?:about\s+|around\s+|over\s+|like\s+|roughly\s+|maybe\s+)?"
     rf"(?!(?:1|2|one|two|a\s+couple\s+of|couple\s+of)\s)"  # one or two tablets is a dose, not an overdose
     rf"{_AMOUNT}(?:\s*-?\s*(?:odd|ish|plus)\b|\s*\+)?(?:\s*['\"])?\s+(?:of\s+)?(?:{_WORD}\s+){{0,3}}(?:tablets?|pills?|capsules?|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin)\b",
     "overdose"),
    # paracetamol taken above its daily maximum of 4 g, spread over days (a staggered overdose: NHS
    # paracetamol for adults, "taken more than the maximum dose": A&E), said in grams a day
    (r"\b(?:paracetamol|acetaminophen|co\s*-\s*codamol|lemsip)\b[^.;]{0,80}?\b(?:[5-9]|[1-9]\d)(?:\s*(?:-|to)\s*\d+)?\s*"
     r"(?:g|gm|grams?)\s*(?:/|a|per|each)\s*(?:day|24\s*h(?:ours?|rs?)?)\b", "overdose"),
    # waking at night to pass urine, however many times
    (rf"\b(?:get|gets|getting|got|waking|wake|wakes|woke|up)\s+(?:up\s+)?(?:{_WORD}\s+){{0,3}}(?:a|at|in the|each|every|per)\s+nights?\s+"
     r"(?:to\s+)?(?:pee|wee|urinate|pass urine|pass water|go to the toilet|go to the loo|use the toilet)\b",
     "excessive-urination-at-night"),
    # a count of wet nappies that is low ("only 2 wet nappies today"): "wet nappies" alone is as
    # near to "watery nappies" (diarrhoea) as to "dry nappies" for the encoder
    (r"\b(?:only|just)\s+(?:had\s+)?(?:\d+|one|two|three|four|a couple of|a couple|a few|few)\s+"
     r"wet\s+(?:napp(?:y|ies)|diapers?)\b", "low-urine-output"),
    # a mole and what changed about it, said with words between them
    (rf"\bmole\b(?:\s+{_WORD}){{0,5}}?\s+(?:has\s+|is\s+|have\s+)?(?:got bigger|getting bigger|grown|growing|grew|"
     r"changed|changing|gone darker|got darker|darker|bigger|larger|itchy and|spreading)\b",
     "change-in-skin-mole-size-or-color"),
    (rf"\bmole\b(?:\s+(?:{_WORD}|,)){{0,10}}?\s+(?P<span>(?:sometimes\s+|now\s+|also\s+|keeps\s+|has\s+)?(?:bleeds|bleeding|bled))\b",
     "bleeding-skin-mole"),
    # a swallowed button battery or magnet, however it is described ("swallowed one of those little
    # round batteries from the scales")
    (rf"\bswallow(?:ed|s|ing)?\s+(?:{_AFFIRMED}\s+){{0,6}}?(?:batter(?:y|ies)|magnets?)\b", "swallowed-battery-or-magnet"),
    # an eye or a testicle and its pain with words between them ("my eye suddenly got really painful",
    # "the testicle looks higher than the other one and is too tender to touch"); only the pain words
    # are claimed for the testicle, so what is said between them is read as well
    (rf"\beyes?\s+(?:{_AFFIRMED}\s+){{0,3}}?(?:painful|hurts|hurting|aching|aches)\b", "pain-in-eye"),
    (rf"\b(?:testicles?|testis|testes)\s+(?:{_AFFIRMED}\s+){{0,9}}?(?P<span>(?:is\s+|are\s+|feels?\s+|got\s+|gone\s+)?"
     r"(?:too\s+|very\s+|really\s+|so\s+|extremely\s+)?(?:tender|painful|hurts|hurting|sore|aching)"
     r"(?:\s+to\s+(?:the\s+)?touch)?)\b", "pain-in-testicles"),
    # vignettes_blind21's readings:
    # a cold sore said after "got a" or placed on a lip ("she's got a cold sore on her top lip",
    # "a cluster of small blisters on the edge of my lip"), which the cover read as a head cold
    # ("got a cold") and a sore
    (r"\b(?:(?:got|have|has|had|getting)\s+(?:a\s+|another\s+)?)?cold\s+sores?\b(?:\s+(?:on|at)\s+(?:the\s+(?:edge|corner|side)\s+of\s+)?"
     r"(?:my|her|his|their|the)\s+(?:top\s+|bottom\s+|upper\s+|lower\s+)?lips?)?", "lip-sore"),
    (r"\bblisters?\s+(?:on|at|around)\s+(?:the\s+(?:edge|corner|side)\s+of\s+)?(?:my|her|his|their|the)\s+"
     r"(?:top\s+|bottom\s+|upper\s+|lower\s+)?lips?\b", "lip-sore"),
    # urine said to be normal in amount ("passing normal amounts of pale urine"), which the lexicon
    # reads as passing large amounts (polyuria)
    (r"\b(?:normal|usual|ok|okay|good|decent)\s+amounts?\s+of\s+(?:pale\s+|clear\s+|light\s+)?(?:urine|wee|pee|water)\b",
     NOT_FINDING),
    # plenty of wees beside drinking well, said of a feverish child as reassurance ("drinking well,
    # lots of wees"), which the lexicon reads as polyuria ("drinking loads and weeing loads" is still
    # read: thirst and polyuria together are how diabetes is told)
    (r"\bdrinking\s+(?:well|ok|okay|fine|normally|as normal)\s*(?:,|and|&)\s*(?:and\s+)?(?:doing\s+)?(?:lots|plenty|loads)\s+of\s+"
     r"(?:wees|wee|pees|pee)\b", NOT_FINDING),
    # a knee that catches or locks, said with words between or in the next sentence ("twisted my knee
    # ... every so often it catches and feels stuck till I wiggle it"): a torn cartilage's locking,
    # a GP rather than a sprain (NHS knee pain)
    (r"\bknees?\b[^.;]{0,120}?(?P<span>\b(?:catch(?:es|ing)?|lock(?:s|ed|ing)?|jam(?:s|med|ming)?)"
     r"(?:\s+(?:and|&)\s+(?:feels|gets|goes|got)\s+stuck)?)\b", "knee-stiffness-or-tightness"),
    (r"\b(?:catch(?:es|ing)?|click(?:s|ing)?|lock(?:s|ed|ing)?)\s+(?:and|&)\s+(?:(?:feels|gets|goes|got)\s+stuck|"
     r"lock(?:s|ed)?(?:\s+up)?|sticks)\b",
     "knee-stiffness-or-tightness"),
    # a baby's cradle cap said by its looks ("yellowish greasy crusty flakes on her scalp")
    (r"\b(?:(?:yellow\w*|greasy|crusty|scaly|flaky|waxy|white|thick)\s*,?\s+){1,4}(?:flakes|scales|patches|crusts?|skin)\s+"
     r"(?:on|over|all over)\s+(?:the\s+top\s+of\s+)?(?:her|his|the|their|my)\s+(?:head|scalp)\b", "dry-or-flaky-scalp"),
    # a back pain's spread across both sides, which the encoder reads as side (flank) pain
    (r"\bback\b[^.;]{0,60}?(?P<span>\bacross\s+(?:both|the\s+two)\s+sides\b)", NOT_FINDING),
    # a rash placed where the nappy goes ("a red sore-looking rash where his nappy goes"): nappy
    # rash, whose words the cover had split into sunburn ("red sore") and a rash
    (r"\b(?:(?:sore\s*-?\s*looking|red\s*-?\s*looking|red|sore|raw|angry)\s*,?\s+(?:and\s+)?){0,3}(?:rash|skin)\s+"
     r"(?:where|in|on|around|over)\s+(?:his|her|their|the|its)\s+(?:nappy|diaper)(?:\s+(?:goes|area|region))?\b", "diaper-rash"),
    # a baby feeding, said bare in a list of reassurance ("happy, feeding, no fever"; "feeding and wet
    # nappies normal"), which the encoder reads as a feeding problem ("not feeding" and "poor
    # feeding" contain it whole and are still read)
    (r"(?<!not )(?<!n't )(?<!no )(?<!off )(?<!poor )(?<!poorly )(?<!stopped )(?<!refusing )(?<!refuses )(?<!without )"
     r"(?<!difficulty )(?<!trouble )(?<!problems )(?<!struggling )(?<!less )"
     r"\bfeeding(?=\s*(?:,|\.|;|$|and\s+(?:wet|sleeping|weeing|drinking|napp)))", NOT_FINDING),
    # vignettes_blind24's readings:
    # guarding or rebound placed on the tummy in clinical notes ("tender RIF with guarding"):
    # peritonism (a hurt wrist is guarded too, so the tummy must be named)
    (r"\b(?:abdo\w*|tummy|stomach|belly|rif|rlq|ruq|luq|llq|lif|iliac\s+fossa|quadrant|epigastri\w*|suprapubic\w*)\b"
     r"[^.;]{0,40}?(?P<span>\b(?:with\s+)?(?:guarding|rebound(?:\s+tenderness)?|peritonism|peritonitic|rigidity|rigid))\b",
     "peritonism"),
    (r"\b(?:guarding|rebound(?:\s+tenderness)?|rigidity)\s+(?:in|over|of)\s+(?:the\s+)?"
     r"(?:abdo\w*|tummy|stomach|belly|rif|rlq|ruq|luq|llq|lif|right\s+iliac\s+fossa|left\s+iliac\s+fossa|iliac\s+fossa|"
     r"(?:right|left)\s+(?:lower|upper)\s+quadrant|lower\s+abdomen)\b", "peritonism"),
    # weeing that burns or stings, said of someone else ("burning when she passes water")
    (r"\b(?:burn(?:s|ing)?|sting(?:s|ing)?|hurts?|painful)\s+(?:when|while|as|after)\s+(?:she|he|they|i|you)\s+"
     r"(?:pass(?:es)?\s+(?:water|urine)|wees?|pees?|urinates?|goes?\s+for\s+a\s+(?:wee|pee))\b", "painful-urination"),
    # needing the toilet by the clock ("needs to go every half hour, just a little bit each time")
    (r"\b(?:needs?|needing|has|having|have)\s+to\s+go\s+(?:to\s+the\s+(?:toilet|loo)\s+)?every\s+"
     r"(?:half\s+(?:an\s+)?hour|hour|\d+\s+min\w*|few\s+min\w*|ten\s+min\w*|twenty\s+min\w*|5\s+min\w*)\b",
     "frequent-urination"),
    # urine that smells, said after it ("passes water ... and it smells strong")
    (r"\b(?:pass(?:es|ing)?\s+water|wees?|pees?|urine|weeing|peeing)\b[^.;]{0,80}?(?P<span>\b(?:it|wee|pee|urine)\s+"
     r"(?:smells|smelt|smelling|is\s+smelly|stinks)(?:\s+(?:really|very|quite|a\s+bit))?\s*(?:strong|strongly|funny|off|bad|foul|fishy)?)\b",
     "unusual-color-or-odor-to-urine"),
    # a heartbeat that skips or thuds, said with words between ("my heart seems to skip a beat then
    # give a big thud")
    (r"\bheart(?:'s|s)?\s+(?:[\w']+\s+){0,2}?(?:skip(?:s|ped|ping)?|miss(?:es|ed|ing)?|drop(?:s|ped|ping)?)\s+a\s+beat\b|"
     r"\bheart(?:'s|s)?\s+(?:[\w']+\s+){0,2}?(?:flutter(?:s|ed|ing)?|thud(?:s|ded|ding)?|flip(?:s|ped|ping)?|flip\s*-\s*flops?)\b(?:\s+all\s+over\s+the\s+place)?",
     "palpitations"),
    # a blood pressure taken (a reading is judged by its numbers, not by being checked)
    (r"\b(?:checked|check|took|taken|take|measured|did|tested|done)\s+(?:his|her|my|their|the|a)\s+(?:blood\s+pressure|bp)\b|"
     r"\b(?:blood\s+pressure|bp)\s+(?:was\s+|were\s+|got\s+)?(?:checked|taken|measured|done)\b", NOT_FINDING),
    # the middle of a cycle as when a pain comes (mittelschmerz), which the encoder reads as bleeding
    # between periods ("bleeding in the middle of my cycle" keeps its bleeding)
    (r"(?<!bleeding in the )(?<!bleeding around the )(?<!spotting in the )(?<!spotting around the )(?<!bleed in the )"
     r"\b(?:middle|half\s*way(?:\s+point)?)\s+(?:of|through)\s+(?:my|her|the|a)\s+(?:cycle|month)\b"
     r"(?![^.;]{0,30}\b(?:bleed|bleeding|spotting|blood)\b)", NOT_FINDING),
    # a trip to the toilet told as an event ("went to the loo earlier and it was normal")
    (r"\b(?:went|gone|been|go)\s+to\s+the\s+(?:loo|toilet|bathroom)\s+(?:earlier|this\s+morning|today|last\s+night|before)\b",
     NOT_FINDING),
    # rehydration, said with the water drunk ("drinking loads of water and rehydration sachets"),
    # which the encoder reads as thirst
    (r"\bdrinking\s+(?:loads\s+of|lots\s+of|plenty\s+of|plenty|a\s+lot\s+of)\s+(?:water|fluids)\s+(?:and|&|with|plus)\s+"
     r"(?:the\s+|some\s+)?(?:rehydration|dioralyte|electrolyte)\w*(?:\s+(?:sachets?|drinks?|salts?|solution))?\b", NOT_FINDING),
    # a breath that will not come ("can't get a proper breath, even sitting still")
    (r"\b(?:can't|cant|cannot|can not|couldn't|could not|unable to|struggling to|struggles to)\s+(?:get|take|draw|catch)\s+"
     r"(?:a\s+)?(?:proper|decent|full|good|deep|big|whole)\s+breath\b", "shortness-of-breath"),
    # a child holding the tummy ("walking hunched over holding the right side of his tummy")
    (r"\b(?:holding|clutching|holds|clutches|gripping|grips|clutched|held)\s+(?:onto\s+)?(?:the\s+(?:right|left|lower|bottom)\s+"
     r"(?:side|part|bit)\s+of\s+)?(?:his|her|my|their|the)\s+(?:tummy|stomach|belly|abdomen)\b", "abdominal-pain"),
    # a tummy that hurts to touch, said by the child's cry ("screams if you touch her tummy"): NHS
    # peritonitis (tummy pain worse when the tummy is touched)
    (r"\b(?:screams?|scream(?:ed|ing)|cries|cried|crying|winces?|winced|wincing|yells?|yelled|flinch(?:es|ed)?|"
     r"shrieks?|shrieked|howls?|howled)\s+(?:if|when|whenever|as\s+soon\s+as|every\s+time)\s+(?:you|i|we|anyone|someone|"
     r"the\s+doctor|the\s+nurse)\s+(?:even\s+)?(?:touch(?:es|ed)?|press(?:es|ed)?|prod(?:s|ded)?|pat(?:s|ted)?)\s+(?:on\s+)?"
     r"(?:her|his|my|the|their)\s+(?:tummy|belly|stomach|abdomen)\b", "peritonism"),
    # weakness said as a struggle to reach the toilet, which the encoder reads as a fall
    (r"\bstruggl(?:ed|es|ing|e)\s+to\s+(?:get|make\s+it|walk)\s+to\s+the\s+(?:bathroom|toilet|loo)\b", "weakness"),
    # the colour of blood ("bright red blood on the paper"), which the encoder reads as flushing
    (r"\b(?:bright|dark|fresh)\s*-?\s*red(?=\s+(?:blood|bleeding)\s+(?:on|in|when)\s+(?:the\s+|i\s+|she\s+|he\s+)?(?:toilet\s+|loo\s+)?(?:paper|tissue|roll|bowl|pan|"
     r"toilet|water|nappy|stools?|poo|wipe))", NOT_FINDING),
    # a wee that comes in dribbles and burns ("only a dribble comes out and it burns"), which the
    # encoder reads as drooling (a dribble) and a burn
    (r"\b(?:only\s+)?(?:a\s+)?(?:little\s+|tiny\s+)?dribbles?\s+(?:comes?\s+out|of\s+(?:wee|urine|pee)|each\s+time|at\s+a\s+time)\b",
     "frequent-urination"),
    (r"\b(?:wee|wees|pee|pees|urin\w*|dribble|weeing|peeing)\b[^.;]{0,60}?(?P<span>\b(?:it|that)\s+(?:burns|stings|hurts|is\s+burning))\b",
     "painful-urination"),
    # a sore placed inside the lip or cheek: a mouth ulcer (a cold sore is on the outside)
    (r"\b(?:painful\s+|little\s+|small\s+|white\s+)?sores?\s+(?:on\s+the\s+)?inside\s+(?:of\s+)?(?:my|her|his|their|the)\s+"
     r"(?:lower\s+|upper\s+|bottom\s+|top\s+)?(?:lip|lips|cheek|cheeks|mouth)\b", "mouth-ulcer"),
    # a burn or scald said to be bad ("scalded his arm badly", "badly burnt her hand"): a severe burn,
    # not a small one
    (r"\b(?:scald(?:ed|s)?|burn(?:ed|t|s)?)\s+(?:(?:his|her|my|their|the)\s+)?(?:[\w-]+\s+){0,2}?"
     r"(?:badly|really\s+badly|very\s+badly|quite\s+badly|severely)\b|"
     r"\b(?:badly|severely)\s+(?:scald(?:ed|s)?|burn(?:ed|t|s)?)(?:\s+(?:his|her|my|their|the|its)\s+(?:\w+\s+)?"
     r"(?:hands?|arms?|legs?|face|chest|foot|feet|back|body|neck|head|fingers?|thighs?|tummy))?\b", "severe-burn"),
    # vignettes_blind25's readings:
    # medicines taken every day or run out of, which the encoder reads as an overdose ("took a lot
    # of tablets" is still one)
    (r"\b(?:takes|is\s+on|he's\s+on|she's\s+on|i'm\s+on|on)\s+(?:a\s+lot\s+of|lots\s+of|loads\s+of|several|many|a\s+few|"
     r"a\s+load\s+of|quite\s+a\s+few)\s+(?:tablets|pills|medicines|medications|meds)\b"
     r"(?!\s+(?:at\s+once|in\s+one\s+go|all\s+at\s+once|together|on\s+purpose))", NOT_FINDING),
    (r"\b(?:run|ran|running|has\s+run|have\s+run|she's\s+run|he's\s+run|i've\s+run)\s+out\s+of\s+(?:her\s+|his\s+|my\s+|the\s+)?"
     r"(?:[\w-]+\s+(?:and\s+)?){0,3}?(?:tablets|pills|ibuprofen|paracetamol|painkillers|medicine|medication|calpol|inhaler)\b",
     NOT_FINDING),
    # a period's flow likened to its usual heavy day, which the encoder reads as severe bleeding
    (r"\b(?:bleeding|flow|period)(?:'s|\s+is|\s+was)?\s+(?:just\s+)?(?:like|the\s+same\s+as|no\s+(?:heavier|worse)\s+than)\s+"
     r"(?:her|my|their|a)\s+(?:usual|normal)(?:\s+heavy)?\s+(?:days?|periods?|flow)\b|\b(?:her|my)\s+(?:usual|normal)\s+heavy\s+days?\b",
     NOT_FINDING),
    # a lip bitten while eating, which the encoder reads as a swollen lip
    (r"\b(?:bit|bitten|biting|bite)\s+(?:my|her|his|their)\s+(?:lip|cheek|tongue)\s+(?:eating|while\s+eating|when\s+eating|"
     r"by\s+accident|accidentally)\b", NOT_FINDING),
    # a size said by a likeness ("about the size of his palm", "the size of a grape"), which the
    # encoder reads as what it names
    (r"(?<!clots )(?<!clot )(?<!clots, )(?<!clots of )\b(?:about\s+|around\s+|roughly\s+|nearly\s+)?the\s+size\s+of\s+(?:a|an|his|her|my|their|the)\s+(?:[\w-]+\s+)?"
     r"(?:palm|hand|fist|thumbnail|fingernail|nail|coin|pea|peas|grape|lentil|golf\s+ball|tennis\s+ball|orange|egg|plum|"
     r"walnut|marble|thumb|50p|10p|2p|1p|penny|pound|pound\s+coin|satsuma|cherry|grain\s+of\s+rice|pin\s*head)\b", NOT_FINDING),
    # tonsils said to look normal
    (r"\btonsils\s+(?:look|looked|are|were|seem|seemed)\s+(?:normal(?:ish)?|fine|ok|okay|normal\s+size|small)\b", NOT_FINDING),
    # calves or legs said to match, which the encoder reads as a swollen leg
    (r"\b(?:calves|calfs|legs|ankles)\s+(?:look|looked|are|were|seem)\s+(?:symmetrical|symmetric|the\s+same(?:\s+size)?|equal(?:\s+in\s+size)?)\b",
     NOT_FINDING),
    # the white of the eye said to be white or clear, which the encoder reads as a white discharge
    (r"\b(?:the\s+)?(?:eye|eyeball|white\s+of\s+(?:the|her|his|my)\s+eye)\s+(?:itself\s+)?(?:is\s+|looks\s+)?"
     r"(?:white|clear|not\s+red)\b", NOT_FINDING),
    # a baby who cries when the sore skin is wiped (a nappy rash's soreness), which the encoder reads
    # as blood in the stool
    (r"\b(?:cries|cried|crying|screams|winces|flinches|grizzles)\s+(?:a\s+bit\s+|abit\s+|a\s+little\s+)?when\s+"
     r"(?:i|we|you|she|he|mother|father)\s+(?:wipe|wipes|clean|cleans|change|changes)\b(?:\s+(?:him|her|them|his\s+bottom|her\s+bottom))?",
     "skin-pain"),
    # the parents' worry, which the encoder reads as the child's anxiety
    (r"\b(?:mum|mother|dad|father|parents?|carer|grandma|grandad|nan|his\s+dad|her\s+dad|his\s+mum|her\s+mum)"
     r"(?:'s|\s+is|\s+are|\s+was|\s+were)?\s+(?:very\s+|quite\s+|a\s+bit\s+|really\s+|so\s+)?"
     r"(?:anxious|worried|concerned|panicking|panicky|stressed|frantic|upset)\b", NOT_FINDING),
    # stools said not to be bloody ("4 loose non-bloody stools"): diarrhoea, not blood in it
    (r"\bnon\s*-?\s*bloody\s+(?:stools?|diarrho?ea|poos?|motions|loose\s+stools?)\b", "diarrhea"),
    # signs of a child drinking enough, said in clinical notes (moist lips, tears when crying),
    # which the encoder reads as dry lips and an irritable baby
    (r"\bmoist\s+(?:lips|mouth|mucous\s+membranes|mucosa|tongue)\b|\b(?:tears|produces\s+tears|making\s+tears)\s+when\s+crying\b|"
     r"\btears\s+present\b", NOT_FINDING),
    # the same complaint after an earlier baby ("had the same after my first baby")
    (r"\b(?:after|with|in)\s+(?:my|her|their)\s+(?:first|last|other|older|previous|eldest)\s+(?:baby|child|one|pregnancy|son|daughter)\b",
     NOT_FINDING),
    # softer poos with teething, which the encoder reads as constipation
    (r"\b(?:poos?|stools?|nappies)\s+(?:are|is|have\s+been|has\s+been)?\s*(?:a\s+bit\s+|slightly\s+|a\s+little\s+)?softer\b",
     NOT_FINDING),
    # allergy signs said loosely ("lips feel puffy", "throat feels kind of tight", "voice sounds weird")
    (r"\blips?\s+(?:feel|feels|felt|look|looks|are|is|gone|going|getting|got)\s+(?:a\s+bit\s+|kind\s+of\s+|kinda\s+|sort\s+of\s+|"
     r"really\s+|very\s+|all\s+|quite\s+)?(?:puffy|swollen|fat|big|bigger|fatter|puffed\s+up)\b", "lip-swelling"),
    (r"\bthroat\s+(?:feels|feel|felt|is|going|getting|gone)\s+(?:a\s+bit\s+|kind\s+of\s+|kinda\s+|sort\s+of\s+|really\s+|very\s+|"
     r"quite\s+|all\s+)?(?:tight|tighter|closing(?:\s+up)?|narrow|swollen|thick)\b", "throat-feels-tight"),
    (r"\bvoice\s+(?:sounds|sounded|is|has\s+gone|went|gone)\s+(?:a\s+bit\s+|kind\s+of\s+|kinda\s+|really\s+|all\s+)?"
     r"(?:weird|wierd|funny|strange|odd|different|hoarse|croaky|muffled|squeaky)\b", "hoarse-voice"),
    # redness spreading along a limb ("a red patch ... spreading up the leg"): spreading infection of
    # the skin, not weakness climbing the legs
    (r"\b(?:red|redness|reddish|patch|rash|area|cellulitis|inflamed)\b[^.;]{0,60}?(?P<span>\bspread(?:ing|s)?\s+(?:up|down|along|"
     r"round|around|across|over)\s+(?:the|my|his|her|their)\s+(?:leg|legs|arm|arms|shin|calf|foot|thigh|hand|ankle|wrist|forearm))\b",
     "skin-looks-infected"),
    # a cradle cap's greasiness said apart from its flakes ("... patches on her head, a bit greasy")
    (r"\b(?:head|scalp|hair|patches|flakes|scales|crusts?)\b[^.;]{0,60}?(?P<span>\b(?:a\s+bit\s+|slightly\s+|quite\s+)?greasy)\b",
     "dry-or-flaky-scalp"),
    # a lump or egg on the forehead or head (after a knock), which the encoder reads as a lump on the ear
    (r"\b(?:lump|bump|egg|swelling|goose\s*-?\s*egg)\s+(?:on|to)\s+(?:his|her|my|their|the)\s+(?:forehead|head|brow)\b",
     "head-injury"),
    # the combined pill or HRT taken ("I'm on the pill", "started HRT in the spring")
    (r"\b(?:on|taking|takes|take|started|starting|using|uses)\s+(?:the\s+|a\s+|my\s+|her\s+)?(?:combined\s+)?(?:contraceptive\s+)?"
     r"(?:pill|hrt|hormone\s+replacement(?:\s+therapy)?|oestrogen|estrogen|coc|cocp|ocp)\b|\bon\s+(?:the\s+)?(?:coc|cocp|ocp)\b",
     "oestrogen-medicine"),
    # drooling beside a sore throat or not being able to swallow (NHS epiglottitis): saliva that
    # cannot be swallowed, not a teething baby's dribble
    (r"\bdrool\w*\s*,?\s*(?:and\s+)?(?:can't|cannot|can\s+not|unable\s+to|won't|will\s+not|struggling\s+to)\s+swallow\b|"
     r"\b(?:can't|cannot|can\s+not|unable\s+to|won't|will\s+not|struggling\s+to)\s+swallow\s*,?\s*(?:and\s+)?(?:is\s+|he's\s+|she's\s+)?drool\w*\b",
     "unable-to-swallow-saliva"),
    # "otherwise fine" and "fine otherwise", which the context reader took as denying what came before
    # ("banged my head this morning, fine otherwise")
    (r"\b(?:fine|well|ok|okay|good)\s+otherwise\b|\botherwise\s+(?:fine|well|ok|okay|good|healthy|fit)\b", NOT_FINDING),
    # an anticoagulant said in the text ("on warfarin", "takes blood thinners")
    (r"\b(?:on|taking|takes|take|started|starting)\s+(?:a\s+|the\s+|his\s+|her\s+|my\s+)?(?:warfarin|apixaban|rivaroxaban|edoxaban|"
     r"dabigatran|heparin|enoxaparin|clexane|eliquis|xarelto|lixiana|pradaxa|blood\s*-?\s*thinners?|anticoagulants?|"
     r"anticoagulation)\b", "on-anticoagulant"),
    # no urine passed, said with the negation inside ("isn't passing urine", "not done a wee since")
    (r"\b(?:isn't|is\s+not|hasn't|has\s+not|not|hasn't\s+been|haven't\s+been|not\s+been|no\s+longer|stopped)\s+"
     r"(?:passing|passed|doing|done|making|had)\s+(?:any\s+|a\s+|much\s+)?(?:urine|water|wee|wees|pee|pees)\b", "low-urine-output"),
    # food and drink refused ("has stopped eating and drinking"): being off food, whose "stopped"
    # would otherwise deny what the sentence says next
    (r"\b(?:stopped|stopping|not|isn't|hasn't\s+been|won't\s+be|refusing|refuses|refused)\s+(?:eating\s+(?:and|or|&)\s+drinking|"
     r"eating\s+or\s+drinking|to\s+eat\s+or\s+drink|to\s+eat\s+and\s+drink)\b", "decreased-appetite"),
    # shingles named ("a shingles rash on my back", "I think it's shingles"): its band-shaped rash
    # (NHS shingles: a GP within days for antivirals); "had shingles last year" reads as history
    (r"\bshingles(?:\s+(?:rash|blisters|spots))?+\b(?!\s+(?:vaccine|vaccination|jab|injection|immunisation|immunization))|"
     r"\bherpes\s+zoster\b", "dermatomal-rash"),
    # a blood sugar of 14 mmol/L (or 250 mg/dL) or more, and one below 4 mmol/L (70 mg/dL), said with
    # its number (NHS high and low blood sugar); numbers in between are not for the encoder to read
    (rf"{_SUGAR_SAID}(?:1[4-9]|[23]\d)(?:\s*\.\s*\d+)?{_NOT_SUGAR_UNIT}|{_SUGAR_SAID}(?:2[5-9]\d|[3-9]\d\d){_NOT_SUGAR_UNIT}",
     "high-blood-sugar-reading"),
    (rf"{_SUGAR_SAID}[0-3](?:\s*\.\s*\d+)?{_NOT_SUGAR_UNIT}|{_SUGAR_SAID}[4-6]\d{_NOT_SUGAR_UNIT}", "low-blood-sugar-reading"),
    # ... and said number first ("3.2 on my meter", "it was 21 on the Libre")
    (rf"\b(?:1[4-9]|[23]\d)(?:\s*\.\s*\d+)?\s+{_ON_A_METER}", "high-blood-sugar-reading"),
    (rf"(?<![\d.])[0-3](?:\s*\.\s*\d+)?\s+{_ON_A_METER}", "low-blood-sugar-reading"),
    # iron tablets named (NHS iron deficiency anaemia: they can make the poo black)
    (r"\b(?:iron\s+(?:tablets?|supplements?|pills?|tabs)|ferrous\s+(?:sulfate|sulphate|fumarate|gluconate))\b", "taking-iron"),
    # a medicine that brings a temperature down ("Calpol brings it down"): a fever, which the encoder
    # read as an overdose
    (r"\b(?:paracetamol|calpol|ibuprofen|nurofen|tylenol|medicine|the\s+medicine|painkillers?)\s+(?:has\s+|had\s+)?"
     r"(?:brought|brings|bringing|got|gets|getting|took|takes)\s+(?:it|his\s+temp(?:erature)?|her\s+temp(?:erature)?|"
     r"the\s+temp(?:erature)?|the\s+fever|my\s+temp(?:erature)?)\s+down\b", "fever"),
    # the end of a splinter or a thread seen ("I can see the end of it"), which the encoder reads as
    # suicidal thoughts
    (r"\b(?:can|could)\s+see\s+the\s+end\s+of\s+(?:it|the\s+\w+)\b", NOT_FINDING),
    # a neck that hurts to turn the head ("hurts to turn my head"), which the encoder reads as a
    # tender scalp
    (r"\b(?:hurts|painful|sore|agony|difficult|hard)\s+(?:to|when\s+(?:i|he|she|you)|if\s+(?:i|he|she|you))\s+"
     r"(?:turn|turns|move|moves|twist|twists|look|looks)\s+(?:my|his|her|the)\s+(?:head|neck)\b", "neck-pain"),
    # a mouth sore that hurts when eating ("the ulcer is painful when I eat"), which the encoder
    # reads as tummy pain eased by eating
    (r"\b(?:ulcers?|tongue|mouth|gums?|lips?|teeth|tooth|cheek|throat)\b[^.;]{0,40}?"
     r"(?P<span>\b(?:painful|hurts|sore|stings?|stinging|agony)\s+(?:when|if|to)\s+(?:i\s+|he\s+|she\s+|you\s+|they\s+)?"
     r"(?:eat|eats|eating|chew|chews|chewing|drink|drinks|drinking|brush|brushing)\b)", NOT_FINDING),
    # a splinter is a small wound, taken out at home (NHS: splinters)
    (r"\bsplinters?\b", "minor-wound"),
    # watching television, said of a child doing normal things, which the encoder reads as the
    # television talking to someone (a delusion)
    (r"\b(?:watching|watched|watches|watch)\s+(?:the\s+|some\s+|a\s+bit\s+of\s+)?(?:tv|telly|television|cartoons|a\s+film|"
     r"a\s+movie|films|movies|youtube|his\s+ipad|her\s+ipad|his\s+tablet|her\s+tablet)\b", NOT_FINDING),
    # --- vignettes_blind28 (session 13) ---
    # a head hit on something, said in notes without "his" or "her" ("hit forehead on bedside cabinet")
    (r"\b(?:hit|hitting|banged|banging|bumped|bumping|struck|knocked|smacked|cracked|whacked)\s+"
     r"(?:(?:his|her|my|their|the)\s+)?(?:forehead|head|temple|back\s+of\s+(?:his\s+|her\s+|my\s+|the\s+)?head)\s+"
     r"(?:on|against|off|into)\b", "head-injury"),
    # the glass test named, whatever it showed ("did the glass test and it goes white"): what the
    # rash did under the glass is read by the patterns above
    (r"\b(?:the |a )?(?:glass|tumbler)\s+test\b(?=[^.;]{0,60}?\b(?:goes|go|went|turns|turned|turn)\s+(?:white|pale)\b|"
     r"[^.;]{0,60}?\b(?:fades|faded|disappears|disappeared|blanches|blanched|vanishes|vanished)\b)", NOT_FINDING),
    # ... and one that showed spots that do not fade ("did the glass test and they didn't fade")
    (r"\b(?:glass|tumbler)\s+test\b[^.;]{0,60}?\b(?:didn't|did\s+not|don't|do\s+not|doesn't|does\s+not|won't|wouldn't|"
     r"never|not)\s+(?:fade|go\s+white|go\s+pale|turn\s+white|disappear|blanch|go\s+away)\b", "non-blanching-rash"),
    # a joint that bends and straightens, said as reassurance after a knock, which the encoder
    # reads as a limb out of shape
    (r"\b(?:can|could|able\s+to|is\s+able\s+to)\s+(?:fully\s+)?(?:bend|move|straighten|flex|extend)\s+"
     r"(?:and\s+(?:fully\s+)?(?:bend|straighten|move|flex|extend)\s+)?(?:it|his\s+\w+|her\s+\w+|my\s+\w+|the\s+\w+)"
     r"(?:\s+(?:all\s+the\s+way|fully|normally|fine|ok|okay|properly|without\s+pain))?\b", NOT_FINDING),
    # a burn cooled under running water, which the encoder reads as fluid retention
    (r"\b(?:held|holding|hold|ran|run|running|put|kept|keeping|cooled|cooling)\s+(?:it\s+|them\s+|the\s+\w+\s+)?"
     r"(?:under|in)\s+(?:(?:the|a)\s+)?(?:cold\s+|cool\s+|lukewarm\s+)?(?:running\s+)?(?:water|tap)\b", NOT_FINDING),
    # an ear that hurts when it is pulled or pressed (swimmer's ear), not a baby pulling at its ears
    (r"\b(?:hurts|painful|sore|tender|pain)\s+(?:when|if)\s+(?:the\s+|her\s+|his\s+|my\s+)?(?:ear(?:lobe)?|tragus)\s+"
     r"(?:is\s+|gets\s+)?(?:pulled|touched|pressed|tugged|moved)\b|\btragus\s+(?:is\s+)?(?:pressed|tender|sore)\b", "ear-pain"),
    # a nose that cannot be breathed through: blocked, not breathless
    (r"\b(?:can't|cannot|can\s+not|unable\s+to|couldn't|struggling\s+to|hard\s+to)\s+breathe\s+through\s+"
     r"(?:it|my\s+nose|her\s+nose|his\s+nose|the\s+nose|one\s+side|either\s+side|one\s+nostril|his\s+nostrils|her\s+nostrils)\b",
     "nasal-congestion"),
    # crusts on the eyes or lashes (conjunctivitis's discharge), not crusted skin sores
    (r"\b(?:yellow\s+|green\s+|yellowy\s+)?crust(?:s|y|ed|ing)?\b(?=[^.;]{0,30}\b(?:eyes?|eyelids?|lashes)\b)|"
     r"\b(?:eyes?|eyelids?|lashes)\b[^.;]{0,40}?(?P<span>\b(?:with\s+|and\s+)?(?:yellow\s+|green\s+|yellowy\s+)?crust(?:s|y|ed|ing)?)\b",
     "eye-discharge"),
    # getting back up after a fall ("she got herself back up"), which the encoder reads as being
    # backed up (constipation)
    (r"\b(?:got|get|gets|getting|helped|help|pulled)\s+(?:herself|himself|myself|themselves|her|him|me|them)\s+(?:back\s+)?up\b",
     NOT_FINDING),
    # "the first day" of an illness, which the encoder reads as pain on the first steps of the day
    (r"\b(?:on\s+)?the\s+first\s+(?:day|night|morning)\b", NOT_FINDING),
    # an ulcer placed in the mouth ("bit the inside of his lip ... a sore white ulcer there")
    (r"\b(?:lip|lips|mouth|tongue|cheek|cheeks|gum|gums)\b[^.;]{0,60}?"
     r"(?P<span>\b(?:(?:sore|white|painful|small|little|yellow|yellowish|round)\s+)*ulcers?\b)", "mouth-ulcer"),
    # a foot stretched or flexed to ease a cramp, which the encoder reads as a stiff foot
    (r"\b(?:stretch(?:es|ing|ed)?|flex(?:es|ing|ed)?|point(?:s|ing)?)\s+(?:and\s+(?:stretch(?:es|ing|ed)?|flex(?:es|ing|ed)?)\s+)?"
     r"(?:the|her|his|my)\s+(?:foot|feet|toes|leg|legs|calf|calves)\b", NOT_FINDING),
    # a hot drink or water pulled, knocked or spilled over someone: a scald (NHS burns and scalds)
    (r"\b(?:pulled|pull|knocked|knock|tipped|tip|spilled|spilt|spill|poured|pour|dropped|splashed)\s+"
     r"(?:a\s+|the\s+|his\s+|her\s+|my\s+|their\s+)?(?:(?:cup|mug|kettle|pan|saucepan|bowl|pot|jug|teapot|flask|bottle)\s+"
     r"(?:of\s+|full\s+of\s+)?)?(?:(?:very|really|piping)\s+)?(?:hot|boiling|just\s*-?\s*boiled|scalding)\s+"
     r"(?:tea|coffee|water|soup|milk|oil|drink|chocolate|noodles|porridge)\b"
     r"(?:[^.;]{0,30}?\b(?:over|on|onto|down)\s+(?:himself|herself|myself|themselves|yourself|him|her|me|them))?", "minor-burn"),
    # a bite on the face, or a deep one (NHS animal and human bites: A&E); a lip or cheek only when an
    # animal bit it ("she bit her lip" is no bite wound)
    (r"\b(?:(?:dog|dogs|cat|cats|fox|horse|ferret|rat|monkey)\s+(?:has\s+|had\s+)?)?(?:bit|bites|biting|bitten|mauled|savaged)\s+(?:(?:him|her|me|them)\s+)?(?:(?:on|in|across)\s+)?"
     r"(?:the|his|her|my|their|our)\s+(?:[a-z]+'s\s+)?(?:face|nose|eye|ear|forehead|chin)\b|"
     r"\b(?:dog|dogs|cat|cats|fox|horse|ferret|rat|monkey)\b[^.;]{0,30}?\b(?:bit|bitten)\s+(?:(?:him|her|me|them)\s+)?(?:on\s+)?"
     r"(?:the|his|her|my|their)\s+(?:[a-z]+'s\s+)?(?:lip|lips|cheek|cheeks)\b|"
     r"\bdeep\s+(?:bite|bites|puncture|punctures|cut|cuts|gash|wound|wounds)\b[^.;]{0,40}?\b(?:bit|bite|bitten|dog|dogs|cat|cats|teeth)\b|"
     r"\b(?:bit|bitten|bite|dog|cat)\b[^.;]{0,60}?(?P<span>\bdeep\s+(?:bite|bites|puncture|punctures|cut|cuts|gash|wound|wounds)\b)",
     "deep-or-facial-bite"),
    # bowels "blocked up": constipation, not a blocked nose
    (r"\b(?:bowels?|constipat\w*|opened|poo|pooed|stools?|motion)\b[^.;]{0,80}?(?P<span>\b(?:feels?\s+|feeling\s+|all\s+)?blocked\s+up\b"
     r"(?:\s+and\s+(?:miserable|uncomfortable|bloated|sore|fed\s+up))?)", "constipation"),
    # --- own variants, the rules alone (session 13) ---
    # too much of a medicine taken by mistake ("took double my insulin", "gave her two doses")
    (r"\b(?:took|taken|had|given|gave\s+(?:him|her|them))\s+(?:double|twice|two\s+doses\s+of|an\s+extra\s+dose\s+of|"
     r"too\s+much(?:\s+of)?)\s+(?:(?:my|his|her|their|the)\s+)?(?:insulin|methotrexate|warfarin|digoxin|lithium|"
     r"paracetamol|calpol|medicine|medication|tablets|dose)\b", "overdose"),
    # extra painkillers or sleeping tablets taken with alcohol (after a row: self-poisoning, NHS
    # paracetamol overdose: A&E even if well)
    (r"\b(?:took|taken|swallowed|had)\s+(?:some\s+)?(?:extra|more)\s+(?:of\s+(?:my|his|her|the)\s+)?(?:paracetamol|tablets|pills|"
     r"painkillers|co\s*-?\s*codamol|ibuprofen|sleeping\s+(?:tablets|pills))\s+(?:with|and|washed\s+down\s+with)\s+"
     r"(?:a\s+bit\s+of\s+|some\s+|a\s+lot\s+of\s+|loads\s+of\s+)?(?:vodka|alcohol|drink|wine|beer|whisky|whiskey|gin|cider|rum)\b",
     "overdose"),
    # a child or adult found with medicines or household chemicals, or tablets gone from the pot (NHS:
    # a child who may have swallowed medicine or a chemical goes to A&E)
    (r"\b(?:found|caught)\s+(?:\w+\s+){0,5}?with\s+(?:(?:my|the|her|his|their|our|a|an|some)\s+)?(?:[a-z]+'s\s+)?(?:\w+\s+){0,2}?"
     r"(?:tablets|pills|medicines?|medication|capsules|batteries|battery|bleach|detergent|washing\s+(?:capsules|pods|tablets)|"
     r"liquitabs|weed\s*killer|antifreeze|e-?liquid|(?:bottle|tube|pot|packet)\s+of\s+[\w-]+)\b|"
     r"\b(?:some|few|several|two|three|four|five)\s+(?:tablets|pills|capsules)\s+(?:are\s+|were\s+|is\s+)?missing\b|"
     r"\b(?:pot|bottle|packet|box|blister\s+pack)\s+(?:was\s+|is\s+)?(?:open|opened)\b[^.;]{0,30}?\bmissing\b", "overdose"),
    # an opioid painkiller said in the text ("she takes morphine for her back", "on oxycodone")
    (r"\b(?:on|taking|takes|take|took|started|had|has\s+been\s+on|uses|using|wears|wearing)\s+(?:a\s+|the\s+|her\s+|his\s+|my\s+)?"
     r"(?:liquid\s+|oral\s+)?(?:morphine|oramorph|oxycodone|oxycontin|codeine|co\s*-\s*codamol|dihydrocodeine|fentanyl|tramadol|methadone|"
     r"buprenorphine|tapentadol|diamorphine|heroin|opioids?|opiates?)(?:\s+patch(?:es)?)?\b", "taking-opioid"),
    # breathing that has gone slow or shallow ("her breathing is slow"), with drowsiness an opioid's
    # danger sign
    (r"\bbreathing\s+(?:is\s+|was\s+|has\s+gone\s+|seems\s+|looks\s+|sounds\s+|gets\s+)?(?:very\s+|really\s+)?"
     r"(?:slow|shallow|slow\s+and\s+shallow|shallow\s+and\s+slow)\b|\b(?:slow|shallow)\s+breathing\b", "apnea"),
    # a cancer had or treated, said in the text: a cancer on record for the rules (NICE NG234)
    (r"\b(?:had|have|has|treated\s+for|history\s+of|survivor\s+of)\s+(?:a\s+)?(?:breast|prostate|lung|bowel|colon|kidney|"
     r"thyroid|skin|ovarian|womb|bladder)?\s*cancer\b|\b(?:had|has|have)\s+(?:myeloma|lymphoma|leukaemia|leukemia)\b",
     "cancer-history"),
    # pain between the shoulder blades: the upper back (an aortic dissection's site)
    (r"\b(?:interscapular|between\s+(?:the|my|his|her|their)\s+shoulder\s*-?\s*blades)\b", "back-pain"),
    # pain now settled in the lower right ("localised to the right lower quadrant", "moved to the RIF")
    (r"\b(?:localised|localized|moved|shifted|settled|migrated|now)\s+(?:to|into|in)\s+(?:the\s+)?"
     r"(?:right\s+lower\s+quadrant|rlq|right\s+iliac\s+fossa|rif|lower\s+right|bottom\s+right)\b",
     "pain-migrating-to-right-lower-abdomen"),
    # legs or arms that have gone weak ("my legs have gone weak", "his legs went like jelly")
    (r"\b(?:both\s+)?legs\s+(?:have\s+|has\s+|had\s+|'ve\s+)?(?:gone|went|going|become|becoming|got|getting|are|feel|feels|felt)\s+"
     r"(?:all\s+|really\s+|very\s+|a\s+bit\s+|so\s+)?(?:weak|wobbly|floppy|like\s+jelly|useless)\b", "leg-weakness"),
    (r"\b(?:both\s+)?arms\s+(?:have\s+|has\s+|had\s+|'ve\s+)?(?:gone|went|going|become|becoming|got|getting)\s+"
     r"(?:all\s+|really\s+|very\s+|a\s+bit\s+|so\s+)?(?:weak|floppy|useless)\b", "arm-weakness"),
    # a spot's yellow or white head ("like a pimple with a yellow head"), which the encoder reads as
    # jaundice
    (r"(?<=\ba\s)(?:yellow|white|yellowish|whitish|yellowy|pus\s*-\s*filled|creamy)\s+"
     r"(?:head|top|centre|center|tip|point)\b", NOT_FINDING),
    # eating stopped ("stopped eating"), which the encoder reads as eating too much
    (r"\b(?:stopped|stopping|has\s+stopped|not|isn't|hasn't\s+been|won't\s+be)\s+eating\b", "decreased-appetite"),
    # --- vignettes_blind29 (session 13) ---
    # pain that screams when the toes or fingers are moved (pain on passive stretch: NHS compartment
    # syndrome); painkillers "not touching it" is no such sign (period pain, sciatica say it too)
    (r"\b(?:screams?|screaming|agony|excruciating|yells?|cries\s+out)\s+(?:when|if)\s+(?:(?:his|her|my|the)\s+)?"
     r"(?:toes|fingers|foot|ankle)\s+(?:are\s+|is\s+|get\s+)?(?:moved|touched|stretched|bent|wiggled)\b",
     "pain-out-of-proportion"),
    # skin coming away or peeling off in sheets (NHS Stevens-Johnson syndrome: 999 or A&E)
    (r"\bskin\s+(?:is\s+|has\s+been\s+|was\s+|keeps\s+)?(?:coming|came|comes|peeling|peeled|peels|sliding|slid|slides|"
     r"lifting|lifted|lifts|falling|fell|falls|rubbing|rubs)\s+(?:away|off)\b", "skin-coming-away"),
    # the parent's tiredness ("Mum tired but coping"), which is not the baby's
    (r"(?:\b(?:mum|mom|mother|dad|father|parents?|carer|i'm)|(?<=\bi\s)am)\s+(?:is\s+|are\s+|feels?\s+|feeling\s+)?"
     r"(?:very\s+|really\s+|a\s+bit\s+|so\s+)?(?:tired|exhausted|knackered|shattered|worn\s+out)\b(?=[^.;]{0,40}\b(?:coping|baby|he|she|him|her)\b)",
     NOT_FINDING),
    # a baby's long crying spells ("crying 2-3 hrs most evenings"): colic's sign (NHS colic)
    (r"\bcr(?:ying|ies)\s+(?:for\s+)?(?:\d+\s*(?:-|to)\s*)?\d+\s*(?:hrs?|hours?)\b", "irritable-infant"),
    # which painkillers to take, asked ("what painkillers are best"), which the encoder reads as misuse
    (r"\b(?:which|what|best|strongest|right)\s+(?:painkillers?|pain\s*killers?|pain\s+relief|tablets|medicine)\b|"
     r"\bpainkillers?\s+(?:are|is)\s+(?:best|ok|okay|safe|better)\b", NOT_FINDING),
    # where a normal blood pressure was taken, said with its numbers ("BP at pharmacy today 118/72"):
    # the numbers are read by facts.py
    (r"\b(?:bp|blood\s+pressure)\s+(?:at|from|in|taken\s+at|done\s+at|checked\s+at)\s+(?:the\s+)?"
     r"(?:pharmacy|chemist's|chemists|chemist|gp|surgery|home|work|clinic)\b(?=[^.;]{0,25}\d{2,3}\s*/\s*\d{2,3})", NOT_FINDING),
    # a bad pain "low down on the right" (or left): the lower tummy, where the encoder read nothing
    (r"\b(?:pain|hurts?|hurting|ache|aching|cramps?|cramping|sore|bad|severe|agony|agonising|agonizing|terrible|awful|"
     r"excruciating)\s+low\s+down\s+(?:on|in|to)\s+(?:the\s+|her\s+|his\s+|my\s+)?"
     r"(?:right|left|rt|lt)\b(?:\s+(?:hand\s+)?side)?(?!\s+of\s+(?:the|her|his|my)\s+(?:back|spine|neck))", "lower-abdominal-pain"),
    # a question about taking medicines together ("can I take paracetamol with the ibuprofen?"), which
    # the encoder reads as an overdose
    (r"\b(?:can|could|should|may|is\s+it\s+ok(?:ay)?\s+to|is\s+it\s+safe\s+to|safe\s+to|ok(?:ay)?\s+to)\s+"
     r"(?:i\s+|he\s+|she\s+|you\s+|we\s+|they\s+)?(?:take|have|give|use|mix)\s+(?:\w+\s+){0,3}?"
     rf"{_OTC_MEDICINE}(?:\s+(?:with|and|alongside|together\s+with|as\s+well\s+as)\s+(?:the\s+|my\s+|his\s+|her\s+)?"
     rf"(?:\w+\s+){{0,2}}?{_OTC_MEDICINE})?", NOT_FINDING),
    # a period that came when expected, which the encoder reads as an irregular period
    (r"\bperiods?\s+(?:came|come|started|arrived|has\s+come|has\s+started)\s+(?:when\s+expected|on\s+time|as\s+expected|"
     r"as\s+normal|as\s+usual|regular(?:ly)?|on\s+the\s+right\s+day)\b", NOT_FINDING),
    # --- vignettes_blind23 and 27 (session 13) ---
    # phlegm brought up or a cough "productive of" sputum, which the encoder reads as a baby
    # bringing up milk and as green (bile) vomit
    (r"\bbr(?:ings?|inging|ought)\s+up\s+(?:\w+\s+){0,7}?(?:phlegm|mucus|sputum|catarrh|gunk)\b|"
     r"\bproductive\s+of\s+(?:[\w/-]+\s+){0,3}?(?:phlegm|mucus|sputum)\b", "coughing-up-sputum"),
    # where a reading was taken ("obs from the pharmacy machine"), which the encoder reads as a raised
    # blood pressure; the numbers said with it are read by facts.py
    (r"\b(?:pharmacy|chemist's|chemists|chemist|home|own|gym|supermarket)\s+(?:bp\s+|blood\s+pressure\s+)?machine\b",
     NOT_FINDING),
    # chest pain brought back by pressing on the ribs or chest (NHS chest pain: a strained muscle)
    (r"\b(?:reproduced|reproducible|brought\s+on|recreated)\s+(?:by|on|with)\s+(?:pressing|pressure|palpation)"
     r"(?:\s+(?:on|over)\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:ribs|chest\s+wall|chest|sternum|breastbone|spot|area))?|"
     r"\b(?:tender|sore|hurts|painful)\s+(?:when|if)\s+(?:i\s+|you\s+|he\s+|she\s+)?press(?:es|ing|ed)?\s+(?:on|over)\s+"
     r"(?:the\s+|my\s+|his\s+|her\s+)?(?:ribs|chest\s+wall|chest|sternum|breastbone)\b", "tender-on-pressing"),
    # a limb's skin gone red, hot and swollen (a shin, a forearm): an infected skin, not a hot joint
    (r"\b(?:shin|shins|calf|lower\s+leg|thigh|forearm|upper\s+arm|foot|top\s+of\s+(?:my|his|her)\s+foot|leg)\s+"
     r"(?:has\s+|have\s+|is\s+|'s\s+|was\s+)?(?:gone\s+|become\s+|got\s+|turned\s+|looks\s+|all\s+)?"
     r"(?:red\s*,?\s+hot\s+and\s+swollen|hot\s*,?\s+red\s+and\s+swollen|red\s+and\s+hot\s+and\s+swollen)\b",
     "skin-looks-infected"),
    # an ear "full of cotton wool": blocked, not numb
    (r"\b(?:full\s+of|stuffed\s+with|packed\s+with|plugged\s+with)\s+cotton\s*-?\s*wool\b", "plugged-feeling-in-ear"),
    # the red, swollen patch round a sting or bite hours after it (NHS insect bites and stings: a
    # large local reaction), which the encoder reads as an infected skin; spreading redness days
    # later keeps its own words
    (r"\b(?:red\s*,?\s+(?:and\s+)?swollen|swollen\s*,?\s+(?:and\s+)?red|red\s*,?\s+(?:and\s+)?raised)\s+"
     r"(?:patch|area|lump|bump|mark|welt|swelling)\b[^.;]{0,40}?\b(?:sting|stung|bite|bitten)\b", "insect-bite-or-sting"),
    # a tooth showing white where it comes through the gum (NHS baby teething)
    (r"\bwhite\s+(?:where|as)\s+(?:a|the|his|her|their)\s+(?:new\s+)?(?:tooth|teeth)\s+(?:is\s+|are\s+)?coming\b"
     r"(?:\s+through)?", "teething"),
    # reassurance the encoder reads as its opposite: talking in full sentences (not too breathless to
    # speak), a baby still taking feeds, tablets to be looked at (not an overdose)
    (r"\b(?:talking|speaking|talks|speaks|(?:able\s+to|can|could)\s+(?:still\s+)?(?:talk|speak))\s+in\s+(?:full|complete|whole)\s+sentences\b|"
     r"\bstill\s+taking\s+(?:her|his|their|the|all\s+(?:her|his))\s+(?:feeds|bottles?|milk)\b|"
     r"\b(?:look\s+at|looking\s+at|review|reviewing|check|checking|go\s+through|adjust|adjusting|change|changing)\s+"
     r"(?:her|his|my|their|the)\s+(?:tablets|medication|medications|medicines|meds|pills|doses?)\b", NOT_FINDING),
    # one side of the face said to look wrong, or a smile gone lopsided: a facial droop (NICE NG128 FAST)
    (r"\bface\s+(?:looks?|looked|is|was|went|has\s+gone|seems?|seemed)\s+(?:a\s+bit\s+|a\s+little\s+|slightly\s+|kind\s+of\s+|"
     r"sort\s+of\s+|all\s+)?(?:odd|funny|strange|weird|lopsided|wonky|droopy|different|uneven|crooked|saggy)\s+"
     r"(?:on|down)\s+(?:one|the\s+(?:left|right))\s+side\b|"
     r"\bsmile\s+(?:is|was|looks|looked|has\s+gone|went|seems?)\s+(?:a\s+bit\s+|slightly\s+|all\s+)?"
     r"(?:lopsided|wonky|crooked|uneven|droopy|odd|funny|one\s*-\s*sided)\b", "facial-droop"),
    # the forehead weak on the drooping side, said in notes or of someone else ("can't fully close R
    # eye", "can't wrinkle R forehead", "her eye won't shut properly"): a facial nerve palsy's sign
    (r"\b(?:can't|cannot|can\s+not|unable\s+to|won't|will\s+not|couldn't|could\s+not)\s+(?:fully\s+|properly\s+|completely\s+)?"
     r"(?:close|shut)\s+(?:(?:the|her|his|my|their)\s+)?(?:(?:r|l|right|left|rt|lt)\s+)?eye(?:lid)?\b|"
     r"\b(?:can't|cannot|can\s+not|unable\s+to|won't|couldn't|could\s+not)\s+(?:wrinkle|raise|lift|move|frown\s+with)\s+"
     r"(?:(?:the|her|his|my|their)\s+)?(?:(?:r|l|right|left|rt|lt)\s+)?(?:forehead|eyebrow|brow)\b|"
     r"\beye\s+(?:won't|will\s+not|doesn't|does\s+not|isn't)\s+(?:fully\s+)?(?:close|shut|closing|shutting)\b",
     "cannot-close-eye-or-raise-eyebrow"),
    # one hand, arm or leg said to be heavy, weak, clumsy or useless: one-sided weakness (NICE NG128)
    (r"\b(?:right|left|r|l|one)\s+(?:hand|arm|leg)(?:'s|\s+has|\s+had|\s+is|\s+was)?\s+(?:been\s+|felt\s+|feels\s+|"
     r"feeling\s+|went\s+|gone\s+|go\s+|goes\s+|going\s+|seems?\s+|seemed\s+)?(?:a\s+bit\s+|a\s+little\s+|slightly\s+|"
     r"really\s+|very\s+|all\s+|quite\s+)?(?:heavy|weak|clumsy|useless|dead|floppy)\b", "unilateral-weakness"),
    # blood vomited, said with words between ("vomited approx a cupful of bright red blood", "she was
    # sick, there was blood in it"), which the encoder reads as blood in the stool; a negation
    # between ("vomited twice but no blood") says the blood is absent
    (r"\b(?:vomit(?:ed|ing|s)?|threw\s+up|thrown\s+up|throwing\s+up|brought\s+up|bringing\s+up|retched\s+up|sick)\s*"
     r"(?:up\s+)?(?:(?!(?:no|not|never|none|nothing|without|isn't|wasn't|hasn't|haven't|didn't|don't|doesn't|any)\b)[\w'-]+\s+|,\s+){0,6}?(?:fresh\s+|bright\s+red\s+|dark\s+red\s+|bright\s+|red\s+|dark\s+)?blood\b"
     r"(?!\s+(?:tests?|pressure|sugars?|results?|thinners?|counts?|donation|transfusion))", "vomiting-blood"),
    # a heart going fast said by a relative ("her heart's going really fast")
    (r"\b(?:heart|pulse)(?:'s|\s+is|\s+was|\s+has\s+been|\s+keeps)?\s+(?:going|racing|pounding|beating|running)\s+"
     r"(?:really\s+|very\s+|so\s+|too\s+|super\s+)?(?:fast|quick|quickly|hard\s+and\s+fast|like\s+mad|like\s+the\s+clappers)\b",
     "increased-heart-rate"),
    # a pain that catches on breathing in (pleuritic pain)
    (r"\bcatch(?:es|ing)?\b(?:\s+[\w'-]+){0,5}?\s+when\s+(?:i|he|she|you|they)\s+(?:breathes?|breath|take\s+a\s+breath|takes\s+a\s+breath)"
     r"(?:\s+in)?\b|\bcatch(?:es|ing)?\s+(?:on|with)\s+(?:a\s+|every\s+)?(?:deep\s+)?breath\b", "hurts-to-breath"),
    # beliefs of being poisoned, watched or plotted against, said as a relative reports them
    (r"\b(?:convinced|sure|certain|believes?|thinks?)\s+(?:that\s+)?(?:the\s+|his\s+|her\s+|their\s+)?"
     r"(?:neighbours|neighbors|people|someone|somebody|they|the\s+police|the\s+government|family|wife|husband|staff|nurses)\s+"
     r"(?:are|is|were|was|have\s+been|has\s+been)\s+(?:putting\s+poison|poisoning|spying|watching|following|after\s+(?:him|her|them)|"
     r"plotting|out\s+to\s+get|trying\s+to\s+(?:kill|harm|hurt|poison)|reading\s+(?:his|her|their)\s+(?:mind|thoughts))",
     "delusions-or-hallucinations"),
    # a threat to others: a weapon carried or a stated intent to hurt someone (NHS urgent mental
    # health help: 999 if someone is in danger)
    (r"\b(?:carrying|carries|carried|hiding|hid|hidden|sleeping\s+with|sleeps\s+with|keeps|kept|bought|armed\s+with)\s+"
     r"(?:a\s+|the\s+|an\s+)?(?:kitchen\s+|big\s+|large\s+)?(?:knife|knives|blade|machete|gun|firearm|weapon|hammer|axe)\b|"
     r"\b(?:going|gonna|wants?|wanted|needs?|needed|plans?|planning|threaten(?:s|ed|ing)?)\s+to\s+"
     r"(?:(?:kill|stab|attack|harm|shoot)\s+(?:them|him|her|someone|somebody|people|the\s+neighbours|the\s+neighbors)|"
     r"hurt\s+(?:someone|somebody|people|the\s+neighbours|the\s+neighbors)|"
     r"sort\s+(?:them|him|her)\s+out\s+before)\b", "threat-to-others"),
    # time off work said as "called in sick", which the encoder reads as vomiting (vignettes_blind26)
    (r"\b(?:called|calls|calling|rang|rung|rings|phoned|phones|phoning)\s+in\s+sick\b|"
     r"\b(?:off|signed\s+off)\s+(?:work\s+)?sick\b(?!\s+(?:with|from|because))|\bsick\s+(?:leave|notes?|days?|pay)\b",
     NOT_FINDING),
    # a red, warm patch of skin (NHS cellulitis: red, hot, swollen, painful skin), which the encoder
    # reads as dry skin ("red, hot, swollen" and longer lists are read by the lexicon and the encoder)
    (r"\b(?:red(?:\s*,|\s+and)?\s+warm|warm(?:\s*,|\s+and)?\s+red)\s+(?:patch|area|patch\s+of\s+skin)\b", "skin-looks-infected"),
    # still passing urine, said as reassurance, which the encoder reads as passing it often
    (r"\bstill\s+(?:weeing|peeing|passing\s+(?:urine|water)|having\s+(?:wet|wee)\s+nappies)\b", NOT_FINDING),
    # ... and without "still" ("keeping fluids down, passing urine", "passing urine fine"), which the
    # lexicon reads as passing it often; "pain passing urine" and "passing urine more" keep theirs
    (r"\bpassing\s+(?:urine|water)\s+(?:ok|okay|fine|normally|as\s+normal|as\s+usual|well|regularly)\b", NOT_FINDING),
    (r"(?:^|[,;]\s*|\band\s+|\bis\s+|\bare\s+)(?P<span>passing\s+(?:urine|water))(?=\s*(?:[,.;]|$|and\b))", NOT_FINDING),
    # "6 or 7 runs to the toilet": diarrhoea, not passing urine often
    # (the count is claimed too, so that the phrase outlasts "runs to the loo" read as passing urine often)
    (r"\b(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|several|many|countless|endless|"
     r"constant)\s+(?:(?:or|to)\s+(?:\d+|\w+)\s+)?)?runs\s+to\s+the\s+(?:toilet|loo|bathroom|lav)\b", "diarrhea"),
    # the back just under the ribs is the loin (a kidney's pain), not the upper tummy
    (r"\b(?:pain|ache|aching|hurting|soreness|tenderness)\s+(?:[\w']+\s+){0,6}?back\s+(?:just\s+)?(?:under|below|beneath)\s+"
     r"(?:the|my|his|her|their)\s+(?:ribs?|rib\s*cage)\b|"
     r"\bback\s+(?:just\s+)?(?:under|below|beneath)\s+(?:the|my|his|her|their)\s+(?:ribs?|rib\s*cage)\s+(?:is|are|has\s+been|"
     r"have\s+been|feels?|felt|was|were)\s+(?:\w+\s+)?(?:sore|painful|aching|hurting|tender|killing)\b", "back-pain"),
    # saliva managed, said as reassurance ("managing food, fluids and own saliva"), which the
    # encoder reads as saliva that cannot be swallowed
    (r"(?<!\bnot\s)(?<!n't\s)\b(?:managing|manages|managed|coping\s+with|copes\s+with|can\s+swallow|able\s+to\s+swallow)\s+"
     r"(?:[\w,]+\s+){0,4}?(?:(?:own|her|his|my|their)\s+(?:own\s+)?)?(?:saliva|spit|secretions)\b", NOT_FINDING),
    # ... while saliva that cannot be swallowed is the red flag itself, with its owner said
    (r"\b(?:can't|cannot|can\s+not|cant|unable\s+to|not\s+able\s+to|struggling\s+to|struggles\s+to|couldn't|could\s+not)\s+"
     r"(?:even\s+)?swallow\s+(?:(?:his|her|my|their|your)\s+)?(?:own\s+)?(?:saliva|spit|spittle)\b", "unable-to-swallow-saliva"),
    # a nose pouring with blood is a nosebleed (its own rules weigh it), not bleeding from a wound
    (r"\bnose\s+(?:has\s+been\s+|had\s+been\s+|was\s+|is\s+|been\s+|started\s+|kept\s+|just\s+)?"
     r"(?:pouring|gushing|streaming|pumping|poured|gushed|pissing|dripping|pissed)\s+(?:out\s+)?(?:with\s+)?blood\b", "nosebleed"),
    # ... and one that will not stop is bleeding that will not stop (NHS nosebleed: A&E); a nose that
    # runs and will not stop is not
    (r"\b(?:nose\s*bleeds?|nosebleeds?|nose\s+(?:[\w']+\s+){0,4}?(?:bleed\w*|blood))\b[^.;]{0,60}?\b(?P<span>(?:it|that|which|and|bleeding|blood|bleed)\s+(?:still\s+)?(?:won't|will\s+not|wont|"
     r"doesn't|does\s+not|isn't|is\s+not|hasn't|has\s+not|can't|cannot)\s+(?:stop|stopped|stopping))\b", "severe-bleeding"),
    # ... as is one said to have gone on for more than 15 minutes ("nosebleed for forty minutes"),
    # unless the sentence says it stopped (NHS nosebleed: A&E if longer than 10 to 15 minutes)
    (r"\b(?:nose\s*bleed|nosebleed|nose\s+(?:has\s+been\s+|is\s+|keeps\s+|kept\s+|started\s+|been\s+)?(?:bleeding|pouring|gushing|"
     r"streaming)(?:\s+(?:with\s+)?blood)?)\s+(?:(?:that|which|and\s+it)\s+(?:has\s+|had\s+|'s\s+)?(?:been\s+)?"
     r"(?:going(?:\s+on)?|lasting|lasted|gone\s+on|bleeding|pouring|running)\s+)?(?:non\s*-?\s*stop\s+)?for\s+(?P<span>(?:over\s+|more\s+than\s+|about\s+|around\s+|nearly\s+|"
     r"almost\s+|at\s+least\s+|a\s+good\s+)?(?:(?:1[6-9]|[2-9]\d)\s*(?:minutes|mins)|(?:twenty|thirty|forty|fifty|sixty)\s+(?:minutes|mins)|"
     r"half\s+an\s+hour|an\s+hour|(?:1|2|3|one|two|three)\s+hours?|ages))\b(?![^.;]*\b(?:stopped|stops|settled|eased|dried\s+up))",
     "severe-bleeding"),
    # the white of an eye gone red, like a blob of blood (a burst blood vessel): a red eye
    (r"\bwhite\s+of\s+(?:my|his|her|the|their|your)\s+(?:(?:left|right|l|r)\s+)?eye\s+(?:is|was|has\s+gone|had\s+gone|went|"
     r"looks?|looked|turned|has\s+turned)\s+(?:all\s+|really\s+|very\s+)?(?:bright\s+|blood\s*-?\s*)?red\b"
     r"(?:\s*,?\s+like\s+(?:a|an)\s+(?:\w+\s+)?(?:blob|splodge|patch|spot|pool|puddle|smear)\s+of\s+blood)?", "eye-redness"),
    # blisters or spots on the hands and the soles of the feet: a rash (hand, foot and mouth), not
    # poor circulation
    (r"\b(?:blisters?|spots?|sores?|rash|ulcers?)\s+on\s+(?:his|her|their|my|the)\s+(?:hands?|palms?)\s+and\s+(?:on\s+)?"
     r"(?:the\s+)?(?:soles\s+of\s+)?(?:(?:his|her|their|my)\s+)?(?:feet|soles|foot)\b", "skin-rash"),
    # cramp that "happens in either leg": where, not numbness; toes pointing in a cramp: its spasm
    (r"\bhappens?\s+in\s+(?:either|both|each|one|the\s+other)\s+(?:leg|legs|arm|arms|foot|feet|calf|calves)\b"
     r"(?:\s+(?:on|at)\s+(?:different|other|some|most|alternate|separate)\s+(?:nights|days|times|occasions))?", NOT_FINDING),
    (r"\btoes?\s+(?:pointing|pointed|curling|curled|clawing|clawed)\b", "leg-cramps-or-spasms"),
    # could not catch one's breath: short of breath
    (r"\b(?:couldn't|could\s+not|can't|cannot|can\s+not|unable\s+to|struggling\s+to|struggled\s+to|trying\s+to)\s+"
     r"catch\s+(?:her|his|my|their|your)\s+breath\b", "shortness-of-breath"),
    # dry air from the heating or the weather, not hot, dry skin
    (r"\bdry\s+(?:with|from|because\s+of|cos\s+of|due\s+to)\s+(?:the\s+)?(?:central\s+)?(?:heating|radiators?|air\s*-?\s*con|"
     r"air\s+conditioning|weather|cold\s+weather|wind|sun|aircon)\b", NOT_FINDING),
    # someone else's fright ("my wife's panicking"), not the patient's anxiety
    (r"\b(?:my|his|her|their|the)\s+(?:wife|husband|partner|mum|mom|mother|dad|father|nan|nana|gran|granny|grandma|"
     r"granddad|grandad|grandpa|family|neighbour|neighbor|friend|boyfriend|girlfriend|sister|brother|daughter|son)"
     r"(?:'s|\s+is|\s+was|\s+has\s+been|\s+got|\s+gets|\s+getting|\s+went|\s+keeps)?\s+(?:really\s+|a\s+bit\s+|so\s+|very\s+|"
     r"quite\s+|totally\s+|completely\s+)?(?:panicking|panicked|panicky|frantic|in\s+a\s+panic|in\s+a\s+state|"
     r"beside\s+(?:herself|himself)|freaking\s+out|freaked\s+out|worried\s+sick)\b", NOT_FINDING),
    # a mood said as mild ("he's a bit grumpy"), not a temper problem
    (r"\b(?:a\s+bit|a\s+little|a\s+little\s+bit|bit|slightly|abit|just)\s+(?:grumpy|grouchy|cranky|crabby|ratty|moody|out\s+of\s+sorts)\b",
     NOT_FINDING),
    # a baby content between feeds, said as reassurance, not a feeding problem
    (r"\b(?:happy|content|settled|contented|fine|smiley|smiling)\s+(?:in\s+)?(?:between|after|before)\s+(?:her\s+|his\s+|the\s+)?"
     r"(?:feeds|feeding|bottles|meals)\b", NOT_FINDING),
    # "sick of" something is being fed up with it ("she is sick of blood tests"), not vomiting
    (r"\b(?:is|am|i'm|im|she's|he's|they're|we're|getting|got|was|are|were|so|really|just)\s+(?:so\s+|really\s+)?sick\s+"
     r"(?:and\s+tired\s+)?of\b(?:\s+(?:all\s+)?(?:the\s+)?(?:blood\s+)?(?:tests?|needles|hospitals?|appointments?|it|this|that|them))?",
     NOT_FINDING),
    # "in the mornings": when it happens (on waking), not a heat exposure
    # ("fine in the morning" is left whole: its "fine" says the complaint has gone by then)
    (r"\b(?:in|during)\s+the\s+mornings\b|\bevery\s+morning\b", "symptoms-on-waking"),
    # a missing button battery or magnet, with words between ("the little round battery from the
    # kitchen scales is missing"): possibly swallowed (NHS: A&E)
    (r"\b(?:batter(?:y|ies)|magnets?)\b[^.;]{0,50}?\b(?:is|are|has\s+gone|have\s+gone|went|'s|was|were)\s+missing\b|"
     r"\b(?:can't|cannot|can\s+not|couldn't)\s+find\s+(?:the|a|one\s+of\s+the)\s+(?:\w+\s+){0,3}?(?:batter(?:y|ies)|magnets?)\b",
     "swallowed-battery-or-magnet"),
    # a blood pressure tablet named is a medicine, not a high reading
    (r"\b(?:blood\s+pressure|bp)\s+(?:tablets?|pills?|medication|medicines?|meds)\b", NOT_FINDING),
    # the lump a bump raises ("lump coming up"), not a mass
    (r"\b(?:lump|bump|egg|swelling)\s+(?:is\s+|has\s+)?(?:coming|come|came|going|gone)\s+up\b", NOT_FINDING),
    # a painkiller that does not help is not an overdose
    (r"\b(?:paracetamol|ibuprofen|co\s*-\s*codamol|cocodamol|codeine|painkillers?|pain\s+killers?|analgesia|naproxen|tramadol|calpol|"
     r"nurofen|pain\s+relief)\s+(?:is\s+|was\s+|are\s+|were\s+|has\s+been\s+|have\s+been\s+)?(?:ineffective|not\s+(?:helping|"
     r"working|touching\s+it|controlling(?:\s+it)?|effective|doing\s+much)|no\s+help|no\s+good|useless|doing\s+nothing|"
     r"hasn't\s+helped|haven't\s+helped|didn't\s+help|not\s+really\s+helping)\b", NOT_FINDING),
    # when in the cycle ("two weeks after my last period"), not a long period
    (r"\b(?:\d+|a|one|two|three|a\s+couple\s+of|a\s+few)\s+(?:days?|weeks?)\s+(?:after|since|before)\s+(?:my|her|the)\s+"
     r"(?:last\s+)?period\b", NOT_FINDING),
    # over the costal cartilage: the front of the chest wall
    (r"\b(?:over|on|at)\s+(?:the\s+)?costal\s+cartilages?\b", NOT_FINDING),
    # a migraine on record ("known migraine with aura for years") is history, not a headache lasting years
    (r"\b(?:known|diagnosed|longstanding|long\s*-\s*standing|history\s+of|hx\s+of|hx)\s+(?:with\s+)?(?:migraines?|migraineur)"
     r"(?:\s+with(?:out)?\s+aura)?(?:\s+(?:for|since)\s+(?:years|many\s+years|\d+\s+years|ages|decades|childhood))?\b", NOT_FINDING),
    # a painkiller given or taken as such ("taking paracetamol and using a hot water bottle", "nurse
    # said to give paracetamol"), which the encoder reads as an overdose; an amount ("took 20
    # paracetamol") is read by the overdose pattern
    (r"\b(?:taking|took|taken|take|give|gave|given|giving|had|using|use|used|tried|trying|on)\s+(?:him\s+|her\s+|them\s+|my\s+|"
     r"his\s+|their\s+|some\s+|regular\s+|the\s+|a\s+dose\s+of\s+|a\s+spoon\s+of\s+)?(?:(?:one|two|1|2|a\s+couple\s+of)\s+)?"
     r"(?:calpol|paracetamol|ibuprofen|nurofen|"
     r"co\s*-\s*codamol|cocodamol|painkillers?|pain\s+killers?)\b(?!\s+(?:overdose|too\s+many))", NOT_FINDING),
    # a fall in a named everyday place ("fell in the playground"), not major trauma
    (r"\b(?:fell|fallen|tripped|slipped)\s+(?:over\s+)?(?:in|at|on)\s+(?:the\s+)?(?:playground|park|garden|pavement|school|"
     r"street|nursery|playgroup|kitchen|bathroom|football|netball|pitch|trampoline\s+park)\b", "fall"),
    # the glass test done to be sure, with no rash said ("did the glass test anyway"): only what the
    # spots did under the glass is read
    (r"\b(?:did|done|tried|do|doing)\s+the\s+glass\s+test\s+(?:anyway|just\s+in\s+case|to\s+be\s+(?:safe|sure)|as\s+well|too)\b",
     NOT_FINDING),
    # an illness going round a nursery or a family, not a spinning head
    (r"\b(?:bug|virus|something|sickness|illness|lurgy|flu|cold|norovirus|d\s*&\s*v|tummy\s+bug|stomach\s+bug)\s+"
     r"(?:has\s+been\s+|had\s+been\s+|is\s+|was\s+|that's\s+|that\s+is\s+|that\s+was\s+)?(?:going\s+(?:a)?round|doing\s+the\s+rounds)\b",
     NOT_FINDING),
    # diarrhoea described ("runny and smelly"), not a runny nose
    (r"\b(?:runny|watery|loose)\s+and\s+(?:smelly|frothy|green|yellow|explosive|stinky|foul)\b", "diarrhea"),
    # something cold put on an injury, or cold weather, not a cold
    (r"\b(?:a\s+)?cold\s+(?:flannel|compress|cloth|pack|towel|water|tap|bath|shower|weather|snap|spell|drink|drinks)\b", NOT_FINDING),
    # swallowing said to be possible, as reassurance
    (r"\b(?:can|could|able\s+to)\s+(?:still\s+)?swallow\s+(?:food|drinks?|fluids|liquids|water|everything|ok|okay|fine|normally|"
     r"food\s+and\s+(?:drink|drinks|fluids))\b", NOT_FINDING),
    # legs said to match ("both calves the same size") and a day on one's feet, as reassurance and context
    (r"\b(?:both\s+)?(?:calves|legs|ankles|arms)\s+(?:are\s+|look\s+|looked\s+|were\s+)?(?:the\s+)?same\s+size\b|"
     r"\bon\s+(?:her|his|my|their)\s+feet\s+(?:a\s+lot|all\s+day|all\s+the\s+time|for\s+hours)\b", NOT_FINDING),
    # feeds kept down, as reassurance
    (r"\b(?:keeping|kept|keeps)\s+(?:her|his|their|the|my|all\s+her|all\s+his)?\s*(?:milk|feeds?|food|fluids|drinks?|bottles?|"
     r"water|juice)\s+down\b", NOT_FINDING),
    # urine said to be a normal colour ("weeing normally, pale yellow"), not paleness or jaundice
    (r"\b(?:wee|pee|urine|weeing|peeing|water)\b[^.;]{0,30}?\b(?:pale|light|clear|straw)(?:\s*-?\s*(?:yellow|coloured|colored))?\b",
     NOT_FINDING),
    # washed out or wiped out: tired, not pale
    (r"\b(?:washed|wiped|knocked)\s+out\b", "fatigue"),
    # a hearing aid that whistles, not ringing in the ear
    (r"\bhearing\s+aids?\s+(?:is\s+|are\s+|keeps\s+|keep\s+)?(?:whistling|whistles|squealing|squeals|buzzing|feeding\s+back)\b", NOT_FINDING),
    # a pain worse getting out of a chair is when it hurts, not weak legs ("can't get out of a chair" still is)
    (r"\b(?:worse|hurts|painful|sore|aches?|pain|stiff)\s+(?:\w+\s+){0,5}?(?:and\s+)?(?:when\s+)?(?P<span>getting\s+(?:up\s+)?"
     r"(?:out\s+of|up\s+from|off)\s+(?:a|the|my|his|her)\s+(?:chair|bed|car|sofa|settee))\b", NOT_FINDING),
    # a baby's nappy rash said with its colour ("red sore rash in nappy area")
    (r"\b(?:red|sore|angry|raw)(?:\s*,?\s+(?:and\s+)?(?:red|sore|angry|raw|spotty))?\s+rash\s+(?:in|on|around)\s+(?:the\s+|her\s+|his\s+)?"
     r"(?:nappy|diaper)\s+(?:area|region)\b", "diaper-rash"),
    # blisters at the corner of the mouth or on the lip: a cold sore
    (r"\b(?:(?:small\s+)?cluster\s+of\s+(?:small\s+|tiny\s+|little\s+)?|small\s+|tiny\s+|little\s+)?blisters?\s+(?:on|at|around|by|in)\s+"
     r"(?:the\s+|my\s+|her\s+|his\s+)?(?:(?:l|r|left|right)\s+)?(?:corner\s+of\s+(?:the\s+|my\s+|her\s+|his\s+)?mouth|"
     r"(?:upper\s+|lower\s+|top\s+|bottom\s+)?lips?)\b", "lip-sore"),
    # a bruise said with its size ("a big bruise"), whose "a big" the encoder read as a fit
    (r"\b(?:a\s+)?(?:big|huge|massive|large|nasty|great\s+big|whopping)\s+(?:(?:blue|purple|black|yellow|dark)\s+)?bruises?\b", "bruise"),
    # a fit said with its size ("had a big fit"), which nothing read
    (r"\b(?:had|having|has|have|took|taking)\s+(?:a|another|one|his|her)\s+(?:big|bad|massive|major|huge|long|full|proper|nasty)\s+"
     r"(?:fit|seizure|convulsion)s?\b", "seizures"),
    # a letter home from the nursery or school is news, not a suicide note
    (r"\b(?:a\s+)?(?:letter|note|message|text|email)\s+(?:home\s+)?(?:from|about)\s+(?:the\s+)?(?:nursery|school|playgroup|daycare|"
     r"childminder|preschool)\b", NOT_FINDING),
    # a rash that feels like sandpaper (scarlet fever's), said with "feels rough" first
    (r"\b(?:feels?|felt|feeling)\s+(?:rough\s+)?like\s+sandpaper\b|\brough\s+like\s+sandpaper\b", "sandpaper-rash"),
    # energy or fizzy drinks, not alcohol
    (r"\b(?:drink|drinks|drinking|drank|having|have|had)\s+(?:like\s+|about\s+|around\s+|up\s+to\s+)?(?:\d+|a\s+few|several|lots\s+of|"
     r"loads\s+of|two|three|four|five|six)?\s*(?:cans\s+of\s+)?(?:energy|fizzy|sugary|soft)\s+drinks?\b|\b(?:energy|fizzy)\s+drinks?\b",
     NOT_FINDING),
    # a one-sided headache, whose "sided" the encoder read as pain in the side
    (r"\b(?:one|1|left|right)\s*-?\s*sided\s+(?:throbbing\s+|pounding\s+|thumping\s+|pulsing\s+)?(?:headache|head\s*ache|migraine)\b",
     "headache"),
    # the pubic bone's pain (the pelvis at the front: pelvic girdle pain in pregnancy)
    (r"\b(?:pain|ache|aching|sore|hurts?|hurting)\s+(?:\w+\s+){0,4}?(?:over|in|at|on|around)\s+(?:my|her|the)\s+pubic\s+bone\b|"
     r"\bpubic\s+bone\s+(?:pain|ache|is\s+(?:sore|painful|killing))\b", "pelvic-pain"),
    # drooling because swallowing hurts: saliva that cannot be swallowed (NHS: a quinsy, epiglottitis)
    (r"\b(?:dribbling|drooling)\s+because\s+(?:swallowing|it\s+hurts\s+to\s+swallow|(?:i|he|she)\s+(?:can't|cannot)\s+swallow)\b",
     "unable-to-swallow-saliva"),
    # a thunderclap headache said as a blow ("a sudden bang at the back of my head like someone
    # clubbed me"): NICE NG228, the worst headache of one's life
    (r"\b(?:sudden|suddenly|out\s+of\s+nowhere)\s+(?:a\s+)?(?:bang|thud|explosion|thunderclap|blow|whack|crack)\s+(?:at|in|to|on)\s+"
     r"the\s+back\s+of\s+(?:my|his|her|the)\s+head\b|"
     r"\blike\s+(?:someone|somebody)\s+(?:had\s+)?(?:clubbed|hit|smacked|whacked|struck|kicked)\s+(?:me|him|her)\s+"
     r"(?:on|in|over)\s+the\s+(?:back\s+of\s+the\s+)?head\b|\blike\s+(?:someone|somebody)\s+(?:had\s+)?clubbed\s+(?:me|him|her)\b",
     "worst-headache-of-life"),
    # vaccinations just had ("had her jabs this morning", "since his 16 week jabs"); the injection
    # site's usual redness or hardness is part of it, not a rash or a leg pain
    (r"\b(?:had|has\s+had|got|after|since)\s+(?:(?:his|her|their|my|the|its|our)\s+)?(?:[\w-]+\s+){0,3}?(?:jabs|jab|vaccinations?|"
     r"vaccines?|immunisations?|immunizations?)\b", "recent-vaccination"),
    (r"\b(?:the\s+)?(?:injection|jab|vaccination|needle)\s+(?:site|spot|area|mark)\b(?:\s+(?:on|in)\s+(?:her|his|their|the|my)\s+"
     r"(?:thigh|leg|arm))?(?:\s+(?:is|looks|was|feels))?\s+(?:a\s+bit\s+|slightly\s+)?(?:red|hard|sore|lumpy|swollen|pink)"
     r"(?:\s+and\s+(?:a\s+bit\s+)?(?:red|hard|sore|lumpy|swollen|pink|warm))?\b", NOT_FINDING),
    # a chest sore "from" the coughing, with words between ("chest aches a bit from coughing"): the
    # chest wall's strain, not the adult chest-pain red flag ("hurts when I cough" is not read here:
    # a pain on coughing or breathing keeps its own reading)
    (r"\bchest\s+(?:is\s+|has\s+been\s+|feels\s+|felt\s+|muscles\s+(?:are\s+)?)?(?:aches?|aching|hurts?|hurting|sore|tender|painful)\s+"
     r"(?:a\s+bit\s+|a\s+little\s+|slightly\s+|quite\s+|really\s+)?(?:from|with|after)\s+(?:all\s+)?(?:the\s+|my\s+)?(?:coughing|cough)\b",
     "chest-soreness-from-coughing"),
    # crust on the lashes or lids: an eye's discharge dried (a sticky eye), not crusted sores
    (r"\b(?:sticky\s+)?(?:(?:yellow|yellowish|green|greenish|white|creamy)\s+)?(?:crust|crusts|crusting|crusty\s+bits|gunk|goo)\s+"
     r"(?:on|in|around|along|stuck\s+to)\s+(?:(?:the|his|her|their|my|both)\s+)?(?:(?:r|l|right|left)\s+)?"
     r"(?:(?:eye)?lashes|eyelids?|lids?|eyes?|lash\s+line)\b", "eye-discharge"),
    # one side of the face that will not move ("the right side of my face wont move", "his face isn't
    # moving on the left"): a facial weakness, the FAST sign (or a Bell's palsy with its forehead
    # weak too), not one-sided limb weakness or a facial pain
    (r"\b(?:(?:the\s+)?(?:r|l|right|left|rt|lt|one)\s+side\s+of\s+(?:my|his|her|their|the)\s+face|(?:my|his|her|their|the)\s+face)\s+"
     r"(?:(?:on|down)\s+(?:the\s+)?(?:r|l|right|left|rt|lt|one)\s+side\s+)?"
     r"(?:won't|will\s+not|doesn't|does\s+not|can't|isn't|is\s+not|wasn't|not|stopped|has\s+stopped)\s+"
     r"(?:\w+\s+)?(?:move|moving|work|working)\b", "facial-droop"),
    # both arms that cannot be lifted for a task ("cant lift his arms to comb his hair", "can't raise
    # my arms above my head"): stiff or painful shoulders (polymyalgia, a frozen shoulder), not the
    # one-sided weakness of a stroke, and combing the hair here is no scalp tenderness
    (r"\b(?:can't|unable\s+to|struggl\w+\s+to|hard\s+to|difficult\s+to)\s+(?:lift|raise|get)\s+(?:his|her|my|their|both)\s+"
     r"arms\s+(?:up\s+)?(?:to\s+(?:comb|brush|wash|do|dry)\s+(?:his|her|my|their)\s+hair|to\s+get\s+dressed|"
     r"(?:above|over)\s+(?:his|her|my|their|the)\s+head|up\s+high|high\s+enough)\b", "shoulder-stiffness-or-tightness"),
    # a burning "and going loads" is cystitis's sting and frequency, which the encoder read as a burn
    (r"\bburning\s+(?:and|when|on|with|while)\s+(?:i\s+|she\s+|he\s+)?(?:go|going|goes|pee\w*|wee\w*|passing\s+(?:water|urine)|"
     r"urinat\w*)(?:\s+(?:loads|a\s+lot|all\s+the\s+time|constantly|often))?\b", "painful-urination"),
    # where a watch, strap or ring sits is a place on the skin, not a pain in the side
    (r"\b(?:exactly\s+|just\s+|right\s+)?where\s+(?:the\s+back\s+of\s+)?(?:it|the\s+watch|my\s+watch|the\s+strap|the\s+ring|"
     r"my\s+ring|the\s+band|the\s+buckle|the\s+clasp)\s+(?:sits|sat|goes|touches|rubs)\b", NOT_FINDING),
    # a question whether one is allergic is no allergic reaction ("could I be allergic to it?")
    (r"\b(?:could|can|might|may|am|would)\s+(?:i|it|he|she|they|this|that)\s+(?:be\s+)?(?:allergic|an\s+allergy|"
     r"an\s+allergic\s+reaction)\b(?:\s+to\s+(?:it|that|this|the\s+\w+))?", NOT_FINDING),
    # getting about the house is what someone can still do, not a room going round ("I can still get
    # round the house", read as dizziness)
    (r"\b(?:get|getting|got|walk|walking|move|moving|potter\w*|manage|managing|shuffle|shuffling)\s+(?:about\s+|around\s+)?"
     r"(?:a)?round\s+(?:the|my|his|her|our)\s+(?:house|home|flat|bungalow)\b", NOT_FINDING),
    # skin red or sore where the nappy touches is the nappy rash itself (read as sunburn before)
    (r"\b(?:red|sore|raw|angry|inflamed)(?:\s*,?\s+(?:and\s+)?(?:red|sore|raw|angry|inflamed|spotty))?(?:\s+looking)?\s+"
     r"(?:where|around|under|in)\s+(?:the|his|her|their)\s+nappy(?:\s+(?:touches|sits|goes|area|rubs))?\b", "diaper-rash"),
    # nipples gone sore or pink (a feeding mother's, often thrush passed back and forth): the
    # breast's soreness, which the encoder read as sunburn
    (r"\b(?:my\s+|her\s+|the\s+)?nipples?\s+(?:have\s+|has\s+)?(?:gone|are|is|feel|felt|look|looked|got|getting|been)\s+"
     r"(?:really\s+|very\s+|a\s+bit\s+|quite\s+|so\s+)?(?:sore|pink|red|cracked|tender|painful|burning|itchy|shiny)"
     r"(?:\s*,?\s+(?:and\s+)?(?:sore|pink|red|cracked|tender|painful|burning|itchy|shiny|bleeding|weeping))?\b",
     "pain-or-soreness-of-breast"),
    # skin gone pink or red "in the sun", or the sun caught: sunburn, which nothing read
    (r"\b(?:went|gone|go|goes|turned|got|getting|is|was|were|are|looks?|looked)\s+(?:a\s+bit\s+|really\s+|very\s+|bright\s+|quite\s+|all\s+)?"
     r"(?:pink|red|burnt|burned|lobster\s+red)\s+(?:in|from)\s+the\s+sun\b|\bcaught\s+the\s+sun\b|"
     r"\b(?:burnt|burned)\s+in\s+the\s+sun\b", "sunburn"),
    # a painkiller or remedy "not helping my back": the back's pain, present, which the encoder read
    # as a back said to be fine (and the complaint then as nothing but an ache)
    (r"\b(?:isn't|is\s+not|aren't|are\s+not|not|doesn't|does\s+not|don't|didn't|hasn't|haven't|nothing(?:'s|\s+is)?)\s+"
     r"(?:really\s+|much\s+|at\s+all\s+|been\s+)?(?:helping|helped|help|touching|touched|shifting|easing|eased)\s+"
     r"(?:with\s+)?(?:my|his|her|their|the)\s+(?:lower\s+)?back(?:\s+pain|\s+ache)?\b", "back-pain"),
    # vignettes_blind34's readings:
    # an aorta said to be wide or enlarged, or an aortic aneurysm named: a known aneurysm (NHS
    # abdominal aortic aneurysm: tummy, back or loin pain in someone with one is 999)
    (r"\baorta\b(?:\s+\S+){0,12}?\s+(?:a\s+bit\s+|slightly\s+|too\s+|quite\s+|a\s+little\s+)?(?:wide|widened|wider|enlarged|"
     r"bigger\s+than\s+it\s+should\s+be|swollen|stretched|bulging|dilated)\b|\b(?:abdominal\s+)?aortic\s+aneurysm\b|\btriple\s+a\b|"
     r"(?<!normal\s)(?<!clear\s)(?<!negative\s)\baaa\b(?!\s+(?:screening\s+)?(?:scan|check|ultrasound|screen|screening)\s+"
     r"(?:at\s+\d+\s+)?(?:was\s+|came\s+back\s+|is\s+)?(?:normal|clear|fine|negative))|\b(?:big|main|large|major)\s+(?:blood\s+)?(?:artery|vessel|blood\s+vessel)\s+(?:in|of)\s+(?:my|his|her|the|their)\s+"
     r"(?:tummy|stomach|belly|abdomen)\b(?:\s+\S+){0,6}?\s+(?:a\s+bit\s+|slightly\s+|too\s+|quite\s+|a\s+little\s+)?"
     r"(?:wide|widened|wider|enlarged|swollen|stretched|bulging|dilated)\b", "known-aortic-aneurysm"),
    # tummy pain worse with walking, moving, coughing or rolling over, or walked with bent over: the
    # inflamed peritoneum's pain on movement (NHS appendicitis, peritonitis); read only with tummy pain.
    # Not when a body part or a place follows ("worse when I move my neck" is the neck's pain)
    (r"\b(?:(?:it's|it\s+is|its|pain\s+is|it\s+gets|gets|getting|much|even)\s+)?worse\s+(?:when|if|as)\s+(?:i|she|he|they|you)\s+"
     r"(?:walk|walks|walking|move|moves|moving|cough|coughs|coughing|jump|jumps|roll\s+over|rolls\s+over|turn\s+over|turns\s+over)"
     r"(?:\s+(?:and|or)\s+(?:when\s+)?(?:i|she|he|they|you)?\s*(?:walk|walks|move|moves|cough|coughs|roll\s+over|rolls\s+over|"
     r"turn\s+over|turns\s+over))?(?:\s+in\s+bed)?\b(?!\s+(?:my|his|her|their|the|it|on|up|down|around|about)\b)|"
     r"\bwalk(?:ing|s|ed)?\s+(?:around\s+|about\s+)?(?:all\s+)?bent\s+(?:over|double)\b", "pain-worse-on-jolting"),
    # a child pointing to the lower right of the tummy: pain there
    (r"\bpoint(?:s|ing|ed)?\s+(?:to\s+|at\s+)?(?:it\s+)?(?:being\s+)?(?:low\s+down\s+|lower\s+down\s+|down\s+)?(?:on\s+|to\s+|at\s+)?"
     r"(?:the\s+|her\s+|his\s+)?(?:lower\s+|bottom\s+)?right(?:\s+side|\s+hand\s+side|\s+of\s+(?:her|his|the)\s+tummy)?\b",
     "lower-abdominal-pain"),
    # a pain on the right that "was more in the middle at first": the pain moved (NHS appendicitis)
    (r"\bright\b[^.;]{0,80}?\b(?P<span>(?:it\s+|the\s+pain\s+)?(?:was|started|began|started\s+off)\s+(?:more\s+|off\s+|right\s+|all\s+)?"
     r"(?:in|around|round|near|by)\s+(?:the\s+|my\s+|her\s+|his\s+)?(?:middle|centre|center|belly\s+button|tummy\s+button|navel)\s+"
     r"(?:at\s+first|first|to\s+start\s+with|to\s+begin\s+with|initially|before))", "pain-migrating-to-right-lower-abdomen"),
    # a guess at what it was ("I thought it was ligament pain"), a worry about what it might be ("worried
    # it's a stress fracture", "should I worry it's a clot?"): no finding
    (r"\b(?:thought|think|assumed|guessed|probably|maybe|just)\s+(?:it\s+was\s+|it's\s+|it\s+is\s+|it\s+was\s+just\s+)?(?:round\s+)?"
     r"ligament\s+(?:pain|pains|stretching)\b", NOT_FINDING),
    (r"\b(?:worried|worry|scared|afraid|concerned|wondering\s+if|paranoid|frightened)\s+(?:that\s+)?(?:it's|it\s+is|it\s+might\s+be|"
     r"it\s+could\s+be|this\s+is|i've\s+got|i\s+have|there's|she's\s+got|he's\s+got)\s+(?:a\s+|an\s+)?(?:stress\s+fracture|fracture|"
     r"broken\s+bone|break|blood\s+clot|clot|dvt)\b", NOT_FINDING),
    # a tender spot to press is tenderness, not a spot on the skin
    (r"\b(?:a\s+|one\s+)?(?:tender|sore|painful)\s+spot\b", "tender-on-pressing"),
    # a bowel's gurgling cramps are tummy pain, not muscle cramps
    (r"\b(?:gurgl\w+|tummy|stomach|belly|abdominal)\s+cramps?\b", "abdominal-pain"),
    # a period on time is no irregular period
    (r"\b(?:period|periods|cycle|cycles)\s+(?:was|were|came|is|are|has\s+been|have\s+been|arrived)\s+(?:bang\s+|right\s+|exactly\s+)?"
     r"(?:on\s+time|regular|as\s+usual|when\s+expected)\b", NOT_FINDING),
    # "I'm 23, fit": fit and well, not a seizure
    (r"\b(?:i'm|im|i\s+am|he's|she's|he\s+is|she\s+is)\s+\d+\s*,?\s+(?:and\s+)?fit\b", NOT_FINDING),
    # a tummy ache "all over" is the tummy's, not an ache all over the body; a soft tummy is reassurance
    (r"\b(?:tummy|stomach|belly)\s*(?:ache|pain|pains)\s+all\s+over\b", "abdominal-pain"),
    (r"\b(?:tummy|belly|stomach|abdomen)\s+(?:is|feels|was|felt)\s+(?:nice\s+and\s+|all\s+)?soft\b", NOT_FINDING),
    # bleeding or a loss in an earlier pregnancy is history, and a scan's heartbeat is good news
    (r"\b(?:bleeding|bled|spotting|a\s+bleed|miscarriage|miscarried|an\s+ectopic)\s+(?:in\s+|during\s+|with\s+)?(?:(?:my|her|the)\s+)?"
     r"(?:last|previous|first|other|earlier)\s+pregnanc(?:y|ies)\b", NOT_FINDING),
    (r"\bin\s+the\s+right\s+place\s+(?:with|and\s+(?:had|has|there\s+was|we\s+saw|saw))\s+(?:a\s+)?(?:good\s+|strong\s+|normal\s+)?"
     r"heart\s*beat\b", NOT_FINDING),
    # shins, calves or thighs that ache: leg pain (after sport, self-care)
    (r"\b(?:shins?|calves|calf|thighs?)(?:\s+and\s+(?:shins?|calves|calf|thighs?|knees?))?\s+(?:ache|aches|aching|achy|hurt|hurts|"
     r"hurting|are\s+(?:sore|aching|achy)|feel\s+(?:sore|achy))\b", "leg-pain"),
    # an ache or tenderness along a bone (shin splints' sign) is the bone's pain, not a limb out of shape
    (r"\b(?:ache|aches|aching|achy|sore|tender|tenderness|pain|painful|hurts?|hurting)\s+(?:to\s+(?:press|touch)\s+)?"
     r"(?:all\s+)?along\s+(?:the|my|his|her|their|both)\s+(?:inside\s+(?:edge\s+)?(?:of\s+(?:the|my|his|her)\s+)?)?"
     r"(?:shin\s*)?bones?\b", "bones-are-painful"),
    # a shin, arm or wrist bone said to be bent or at an odd angle after an injury: a limb out of shape
    (r"\b(?:shin|leg|arm|forearm|wrist|ankle|finger|collar)\s*(?:bone)?\s+(?:is|looks|looked|was|has\s+gone|went|seems)\s+"
     r"(?:all\s+|a\s+bit\s+|really\s+)?(?:bent|crooked|out\s+of\s+shape|at\s+a\s+(?:funny|weird|strange|odd)\s+angle|"
     r"a\s+(?:funny|weird|strange|odd)\s+shape|deformed|wonky)\b", "limb-deformity"),
    # a pain that hurts going down the stairs: the jolt of each step (NHS appendicitis), read only with
    # tummy pain; only the clause is claimed, so "my knee hurts" keeps its reading
    (r"\b(?:hurts|hurting|painful|pain|agony|kills|killing|worse)\s+(?:\w+\s+){0,2}?(?:when|if|as)\s+(?P<span>(?:i|he|she|they)\s+"
     r"(?:(?:cough|coughs|sneeze|sneezes|move|moves)\s+or\s+)?(?:go|goes|going|walk|walks|walking|come|comes|coming)\s+down\s+"
     r"(?:the\s+)?(?:stairs|steps))\b", "pain-worse-on-jolting"),
    # an ache round the belly button is tummy pain (periumbilical), not an odd-looking navel
    (r"\b(?:ache|aches|aching|achy|pain|pains|hurts|hurting|sore|soreness|cramps?|cramping)\s+(?:round|around|near|by|at|in|behind)\s+"
     r"(?:my|his|her|their|the)\s+(?:belly|tummy)\s*-?\s*button\b", "abdominal-pain"),
    # a place beside the breastbone is the chest's ("sharp pain at the front, just left of the
    # breastbone"), which the encoder reads as upper tummy pain
    (r"\b(?:just\s+)?(?:to\s+the\s+)?(?:left|right)\s+(?:side\s+)?of\s+(?:the|my|his|her)\s+(?:breastbone|breast\s*bone|sternum)\b",
     "chest-pain"),
    # a headache's place ("a headache behind my eyes"), which the encoder reads as a rash in the
    # skin creases
    (r"\b(?:headaches?|head\s*-?\s*aches?|migraines?)\s+(?P<span>(?:right\s+)?behind\s+(?:my|his|her|the|their)\s+eyes?)\b",
     NOT_FINDING),
    # a tummy ache that later settled or moved to the right, with words between ("a general gut ache
    # ... then it sort of settled in one place down by my right hip bone"): the appendix's migration
    (r"\b(?:gut|tummy|stomach|belly|abdominal|abdo)\s*-?\s*(?:ache|aches|pain|pains)\b[^.;]{0,100}?"
     r"(?P<span>\b(?:settled|moved|shifted|localised|localized|drifted|travelled|traveled|migrated)\b(?:\s+(?:down|over))?"
     r"[^.;]{0,40}?\b(?:right|rhs)\b(?:\s+(?:hip\s*(?:bone)?|side|groin|lower\s+(?:tummy|side|belly)))?)",
     "pain-migrating-to-right-lower-abdomen"),
    # a pain that hurts to cough, laugh or sneeze (the jolt of a cough: Dunphy's sign); read only with
    # tummy pain, and the pain's own words keep their reading ("my chest hurts to cough")
    (r"\b(?:hurts|hurting|painful|agony|kills)\s+(?:me\s+)?(?P<span>(?:to|when\s+i|if\s+i)\s+(?:cough|laugh|sneeze)"
     r"(?:\s+or\s+(?:cough|laugh|sneeze|move))?)\b", "pain-worse-on-jolting"),
    # trips to the toilet said with what came ("went to the loo a few times, loose but not watery")
    (r"\b(?:went|been|going|gone|go|run|ran|running)\s+to\s+the\s+(?:loo|toilet|bathroom)\s+(?:(?:a\s+few|a\s+lot|lots|loads|several|"
     r"lots\s+of|loads\s+of|\d+|two|three|four|five|six|a\s+couple\s+of)\s+)?(?:times\s*)?,?\s*(?:[a-z]+\s+){0,2}?"
     r"(?:loose|runny|watery|the\s+runs)\b", "diarrhea"),
    # lying with the knees drawn up to ease a pain, which the encoder reads as a weak knee
    (r"\b(?:lying|lie|lay|lain|curled\s+up|laying)\s+(?:\w+\s+){0,3}?(?:with\s+)?(?:one|my|his|her|both|their)\s+(?:\w+\s+)?knees?\s+"
     r"(?:bent|drawn|pulled|tucked|up)(?:\s+up)?\b", NOT_FINDING),
    # a pain on trying to go, with no wee named, is straining to open the bowels
    (r"\b(?:hurts|hurting|painful|sore|stings)\s+(?:\w+\s+){0,2}?(?:when|if|as)\s+(?:i|he|she|they)\s+(?:tries|try|trying|tried)\s+"
     r"to\s+go\b(?!\s+(?:for\s+a\s+)?(?:wee|pee|weeing|peeing))", "constipation"),
    # a back said to be stiff or achy after a verb ("my lower back has been stiff and achy since")
    (r"\b(?:my|his|her|their|the)\s+(?:lower\s+|low\s+)?back\s+(?:has\s+been|had\s+been|'s\s+been|is|was|feels|felt|been|is\s+still|"
     r"has\s+been\s+really|is\s+really|is\s+so)\s+(?:really\s+|very\s+|quite\s+|a\s+bit\s+|so\s+)?(?:stiff|achy|aching|sore|painful|killing\s+me)"
     r"(?:\s+and\s+(?:stiff|achy|aching|sore|painful))?\b|"
     r"\b(?:my|his|her|their|the)\s+(?:lower\s+|low\s+)?back\s+(?:has|had|'s)\s+(?:really\s+)?(?:ached|hurt)\b", "back-pain"),
    # British idioms the encoder reads as findings: "crack on" (as crack cocaine)
    (r"\bcrack(?:ing)?\s+on\b", NOT_FINDING),
    # the colour of spotting ("some light pink spotting"), which the encoder reads as a pink eye, and
    # spotting seen on the tissue (read as bleeding from the bottom)
    (r"\b(?:light|pale|faint)\s+(?:pink|brown|pinkish|brownish)(?=\s+(?:spotting|discharge)\b)|"
     r"\b(?:spotting|discharge)\s+(?:\w+\s+){0,2}?(?P<span>on\s+(?:the\s+)?(?:toilet\s+)?(?:tissue|paper|loo\s+roll))\b", NOT_FINDING),
    # a period's bleeding said to be its usual amount, which the encoder reads as severe bleeding
    (r"\b(?:a\s+|the\s+|my\s+)?(?:normal|usual|average|regular|ordinary)\s+amount\s+of\s+(?:bleeding|blood|flow)\b", NOT_FINDING),
    # loose stools with more words about them ("loose, bubbly, smelly stools"), which the encoder
    # reads as black tarry ones
    (r"\b(?:loose|runny|watery|sloppy|mushy)\s*,?\s+(?:(?:and\s+)?[a-z]+\s*,?\s+){1,3}?(?:stools?|poos?|motions|bowel\s+movements)\b",
     "diarrhea"),
    # a tummy pain that was in the middle at first and is now on the right ("it was in the middle at
    # first and now she says it's on one side, the right"): the appendix's migration
    (r"\b(?:was|were|started|began|it's\s+been|had\s+been)\s+(?:\w+\s+){0,2}?(?:in|round|around|at)\s+the\s+(?:middle|centre|center)\s+"
     r"(?:at\s+first|first|initially|to\s+start(?:\s+with)?|to\s+begin\s+with)\b[^.;]{0,60}?\bright\b", "pain-migrating-to-right-lower-abdomen"),
    # "lower down" said of a tummy pain a few words before ("her stomach is agony, lower down")
    (r"\b(?:stomach|tummy|belly|abdomen|abdominal)\b[^.;]{0,30}?,\s*(?P<span>(?:lower|low)\s+down)\b", "lower-abdominal-pain"),
    # "can't bear to move" with a tummy pain said before it: the pain of moving (peritonism)
    (r"\b(?:stomach|tummy|belly|abdomen|abdominal)\b[^.;]{0,80}?(?P<span>\b(?:can't|cannot|can\s+not)\s+(?:bear|stand)\s+to\s+move)\b",
     "pain-worse-on-jolting"),
    # "faint" said of how a thing looks ("a faint blotchy rash", "a faint line"), which the encoder
    # reads as fainting; the rash or mark keeps its own reading
    (r"\b(?:a\s+(?:very\s+)?)?faint(?=\s+(?:blotchy|blotches|blotch|red|reddish|pink|pinkish|purple|brown|rash|line|lines|mark|marks|"
     r"spots?|patch|patches|bruis\w*|tinge|smell|taste|outline|streaks?)\b)", NOT_FINDING),
    # a stool or a wee said to be darker, with its subject in the sentence before ("It's darker than
    # usual"), which the encoder reads as darkened vision
    (r"\b(?:it's|its|it\s+is|it\s+was|it's\s+been|they're|they\s+are|they've\s+been)\s+(?:a\s+bit\s+|a\s+little\s+|much\s+|"
     r"slightly\s+|quite\s+|a\s+lot\s+)?darker(?:\s+than\s+(?:usual|normal|before))?\b", NOT_FINDING),
    # a person "bunged up" is constipated (UK); a nose, an ear or a cold keeps it congestion
    (r"\b(?:i've|i\s+have|i'm|i\s+am|he's|she's|they're|been|feel|feels|feeling|getting|got|gets|always|still)\s+"
     r"(?:been\s+)?(?:really\s+|a\s+bit\s+|so\s+|very\s+|badly\s+|terribly\s+|totally\s+|completely\s+)?(?P<span>bunged\s*-?\s*up)\b"
     r"(?!\s+(?:nose|ears?|sinuses|head|with\s+(?:a\s+|this\s+)?(?:cold|flu|catarrh|snot|mucus|phlegm)))", "constipation"),
    # iron as a medicine ("I know the iron does that"), which the encoder reads as a burn from an iron
    (r"\b(?:the|that|this|my|her|his)\s+iron\s+(?:does|did|do|can|could|makes?|made|causes?|caused|turns?|turned|tablets?|"
     r"pills?|supplements?|is\s+(?:doing|causing|making))\b", NOT_FINDING),
    # eyesight gone misty or cloudy, or like looking through a dirty window: vision worse (a cataract's
    # way of saying it, NHS cataracts), which the encoder left unread (vignettes_blind35)
    (r"\b(?:eyesight|vision|sight)\s+(?:has\s+|had\s+|is\s+|was\s+|'s\s+)?(?:\w+\s+){0,2}?(?:gone|going|got|getting|become|"
     r"becoming|turned|looks?|looking|seems?)\s+(?:a\s+bit\s+|really\s+|very\s+|quite\s+|all\s+)?(?:misty|cloudy|foggy|hazy|milky)\b",
     "diminished-vision"),
    (r"\b(?:misty|cloudy|foggy|hazy|milky)\s+(?:vision|eyesight|sight)\b", "diminished-vision"),
    (r"\blike\s+(?:looking|seeing)\s+through\s+(?:a\s+|the\s+)?(?:dirty|misty|steamed\s*-?\s*up|frosted|smeared|greasy)\s+"
     r"(?:window|glass|windscreen|lens|net\s+curtain)\b", "diminished-vision"),
    # colours said to look washed out are how things look, not a person worn out (fatigue)
    (r"\bcolou?rs\s+(?:look|looks|seem|seems|are|have\s+gone|gone)\s+(?:a\s+bit\s+|quite\s+|more\s+|all\s+)?"
     r"(?:washed\s*-?\s*out|faded|dull|duller)\b", NOT_FINDING),
    # the heating switched on, said as the season or a cause ("since we put the heating on"), which
    # the encoder reads as heat exposure
    (r"\b(?:(?:put|putting|puts|turned|turning|turn|switched|switching|switch|had|have|has)\s+(?:the\s+|our\s+|my\s+)?"
     r"(?:central\s+)?heating\s+(?:on|up)|(?:the\s+)?central\s+heating|heated\s+rooms?)\b", NOT_FINDING),
    # the other eye "going pink" too: a red eye (conjunctivitis), which the encoder reads as blood in the urine
    (r"\b(?:(?:right|left|other)\s+one|(?:right|left|other)\s+eye|eyes?)(?:'s|\s+is|\s+are|\s+has|\s+have)?\s+"
     r"(?:going|gone|turning|turned|started\s+going|starting\s+to\s+go)\s+(?:a\s+bit\s+|all\s+)?(?:pink|red|bloodshot)\b",
     "eye-redness"),
    # the knobbly bone at the side of an ankle, named to say it is or is not sore (the Ottawa rules),
    # which the encoder reads as a limb out of shape
    (r"\b(?:knobbly|knobby|bony)\s+(?:bone|bit|bits|lump)(?:\s+on\s+the\s+(?:outside|inside|side))?\b", NOT_FINDING),
    # a red swollen lump where a bee or wasp stung (NHS insect bites and stings), which the encoder
    # reads as a lump in the groin: named as skin swelling, because the broad "swelling" that the
    # pattern for a lump described by its looks gives (above) yields to the encoder's reading of
    # the whole run (engine.GENERIC_CONCEPTS)
    (r"\b(?:a\s+)?(?:red(?:\s*,|\s+and)?\s+(?:swollen|raised|puffy|hot)|(?:swollen|raised|puffy)(?:\s*,|\s+and)?\s+red)\s+"
     r"(?:lump|bump|welt)\b", "skin-swelling"),
    # hay fever had by the family or as a history ("me and my husband both have hay fever"), not an
    # allergic reaction now
    (r"\b(?:both|all|also|family|parents?|mother|father|sister|brother)\s+(?:\w+\s+){0,2}?(?:have|has|had|get|gets|suffers?\s+(?:from|with))\s+"
     r"(?:bad\s+)?hay\s*-?\s*fever\b", NOT_FINDING),
    (r"\b(?:history\s+of|hx\s+of|family\s+history\s+of)\s+(?:\w+\s+(?:and|,)\s+)?hay\s*-?\s*fever\b", NOT_FINDING),
    # the skin between the toes gone white (soggy, as in athlete's foot, NHS), which the encoder
    # reads as a foot gone cold and pale (a blocked artery)
    (r"\bbetween\s+(?:my|his|her|their|the|your)\s+toes\b[^.;]{0,40}?(?P<span>\b(?:feet|foot|toes|skin)\s+(?:is|are|has\s+gone|have\s+gone|"
     r"looks?|goes|gone|going|turned|turns)\s+(?:all\s+|a\s+bit\s+|really\s+|very\s+)?(?:white|whitish|pale|soggy))\b", NOT_FINDING),
    # reading or looking at a screen ("after reading on my tablet"), which the encoder reads as
    # suicidal thoughts (a tablet as an overdose)
    (r"\b(?:reading|read|looking|scrolling|staring|working|playing|gaming|watching\s+\w+)\s+(?:on|at)\s+(?:my|the|a|his|her|their)\s+"
     r"(?:tablet|phone|ipad|screen|screens|laptop|computer|kindle|e\s*-?\s*reader)\b", NOT_FINDING),
    # an older person found on the floor ("found Mrs K on her bedroom floor"), gone down again and
    # again, sinking to the floor, or gone off their legs, told by a carer (vignettes_blind41)
    (r"\bfound\s+(?:\w+\s+){0,2}?(?:on|lying\s+on|collapsed\s+on)\s+(?:the|her|his|their)\s+(?:\w+\s+)?floor\b", "fall"),
    (r"\bgone\s+down\s+(?:twice|three\s+times|again|a\s+few\s+times|several\s+times|\d+\s+times)\b|"
     r"\b(?:sinks|sank|sinking|slid|slides|sliding|slumped|slumps)\s+(?:down\s+)?to\s+the\s+floor\b", "fall"),
    (r"\b(?:gone|went|going|is|was)\s+off\s+(?:his|her|their)\s+legs\b", "difficulty-walking"),
    # dozing all day, or "keeps nodding off": sleepiness (a carer's word for drowsiness)
    (r"\b(?:dozing|dozes|dozed|sleeping|asleep)\s+(?:off\s+)?(?:all\s+day|all\s+the\s+time|constantly|most\s+of\s+the\s+day)\b|"
     r"\bkeeps\s+(?:dozing|nodding|drifting)\s+off\b", "sleepiness"),
    # a man who "hasn't managed a wee" since yesterday, standing at the toilet and nothing coming:
    # urine retained (NHS urinary retention), which the encoder reads as diarrhoea and teething
    (r"\b(?:hasn't|has\s+not|hadn't|haven't|have\s+not|not|can't|cannot|couldn't)\s+(?:managed|been\s+able|manage)\s+(?:to\s+)?"
     r"(?:have\s+|do\s+|pass\s+)?(?:a\s+|any\s+)?(?:wee|pee|urine|water)\b", "retention-of-urine"),
    (r"\bstanding\s+there\b(?:\s*,?\s*nothing)?|\bthe\s+odd\s+dribble\b", NOT_FINDING),
    # wind not passed, with a word between ("hasn't even passed wind since yesterday")
    (r"\b(?:hasn't|has\s+not|haven't|have\s+not|hadn't|not)\s+(?:even\s+|yet\s+|really\s+|once\s+)(?:passed|passing)\s+(?:any\s+)?wind\b",
     "not-passing-wind"),
    # a tummy "all swollen and tight like a drum": distended
    (r"\b(?:tummy|belly|stomach|abdomen)\s+(?:is|was|'s|has\s+gone|looks|went)\s+(?:all\s+|really\s+|very\s+|so\s+)?"
     r"(?:swollen|bloated|distended)(?:\s+and\s+(?:tight|hard|swollen))?(?:\s+like\s+a\s+drum)?|\btight\s+like\s+a\s+drum\b",
     "abdominal-distention"),
    # barely weed at all today, and "what there is is dark": little urine, and dark (dehydration)
    (r"\b(?:barely|hardly|not|hasn't|has\s+not|haven't)\s+(?:weed|peed|wee'd|pee'd|been\s+for\s+a\s+wee)\b(?:\s+at\s+all)?",
     "low-urine-output"),
    (r"\bwhat\s+(?:little\s+)?(?:there\s+is|she\s+does\s+pass|he\s+does\s+pass|she\s+passes|he\s+passes)\s+is\s+"
     r"(?:really\s+|very\s+|quite\s+)?dark\b", "unusual-color-or-odor-to-urine"),
    # a person said to be cold ("she's cold and really thirsty"), which the encoder reads as a cold
    (r"\b(?:she's|he's|she\s+is|he\s+is|she\s+was|he\s+was|feels|felt)\s+(?:really\s+|very\s+|so\s+|freezing\s+|icy\s+|stone\s+)?"
     r"cold\b(?!\s+(?:sore|sores|symptoms|virus|and\s+flu|or\s+flu))(?=\s+(?:to\s+touch|to\s+the\s+touch|and|,)|\s*[.,;]|$)", "feeling-cold"),
    # weight lost, with a measure between ("he's lost a bit of weight", "lost some weight")
    (r"\b(?:lost|losing|loses|dropped|dropping)\s+(?:a\s+bit\s+of|a\s+little|a\s+fair\s+bit\s+of|some|quite\s+a\s+bit\s+of|a\s+lot\s+of|"
     r"loads\s+of|a\s+few\s+pounds\s+in|more)\s+weight\b", "weight-loss"),
    # bowels opened once in three days, when "she usually goes every morning": constipation
    (r"\b(?:only|just)\s+been\s+(?:to\s+the\s+(?:toilet|loo)\s+)?once\s+in\s+(?:\d+|two|three|four|five|six|seven)\s+days\b", "constipation"),
    # words of a carer's telling that name no finding, which the encoder reads as one
    # (vignettes_blind41): a cheek bitten when dentures slipped (as genital pain), a relative come
    # to stay (as a recent pregnancy), a healing bruise gone yellow at the edges (as jaundice), skin
    # like tissue paper (as a sandpaper rash), "she keeps rubbing it" (as a baby pulling at its ears)
    (r"\b(?:bit|bitten|bites|biting)\s+(?:it|his\s+cheek|her\s+cheek|my\s+cheek|the\s+inside\s+of\s+(?:his|her|my)\s+cheek)\b|"
     r"\b(?:his|her|my|the)\s+dentures\s+(?:slipped|slip|slipping|rub|rubbing|rubbed|are\s+loose|don't\s+fit)\b", NOT_FINDING),
    (r"\b(?:come|came|coming|comes)\s+to\s+stay\b|\bstaying\s+with\s+(?:us|me|them)\b", NOT_FINDING),
    (r"\b(?:going|turning|gone|turned|goes|went)\s+(?:a\s+bit\s+)?(?:yellow|green|yellowy|greenish|yellowish)(?:\s+and\s+(?:yellow|green))?"
     r"\s+(?:at|round|around)\s+the\s+edges?\b|\byellow(?:ish|y)?\s+(?:at|round|around)\s+the\s+edges?\b", NOT_FINDING),
    (r"\b(?:skin|skin's|skin\s+is)\s+(?:\w+\s+)?like\s+tissue\s+paper\b|\bpaper\s*-?\s*thin\s+skin\b", NOT_FINDING),
    (r"\b(?:keeps|kept|keep)\s+rubbing\s+(?:it|them)\b", NOT_FINDING),
    # how much a nosebleed bled ("a nosebleed, quite a lot of blood"), which the encoder reads as
    # vomiting blood; whether it stopped, how long it lasted and swallowed blood keep their readings
    (r"\bnose\s*-?\s*bleeds?\b[^.;]{0,40}?(?P<span>\b(?:quite\s+|such\s+|so\s+|really\s+)?(?:a\s+lot|lots|loads)\s+of\s+blood)\b",
     NOT_FINDING),
    # vignettes_blind43 (minimisers) and blind44 (plain or second-language English): FAST signs told
    # by what happened ("his tea dribbled out the side of his mouth", "couldn't lift his right arm")
    (r"\b(?:tea|drink|drinks|water|coffee|food|juice|soup|milk|it)\s+(?:dribbled|dribbles|dribbling|ran|runs|running|"
     r"spilled|spilt|spilling|came|comes|leaked|leaks|leaking|fell|falls|falling)\s+out\s+(?:of\s+)?(?:the|one)\s+"
     r"(?:side|corner)\s+of\s+(?:his|her|my|their)\s+mouth\b", "facial-droop"),
    (r"\b(?:couldn't|could\s+not|can't|cannot|can\s+not|unable\s+to|wasn't\s+able\s+to|isn't\s+able\s+to|not\s+able\s+to)\s+"
     r"(?:lift|raise|hold\s+up|move)\s+(?:his|her|my|their)\s+(?:right|left)\s+arm\b", "arm-weakness"),
    # a pain, and then where it is ("a pain down below ..., in one of my, you know, testicles")
    (r"\b(?:pain|ache|aching|hurts|hurting|agony)\b[^.;]{0,60}?(?P<span>\bin\s+(?:one\s+of\s+)?(?:my|his|the)\b"
     r"(?:\s*,\s*you\s+know\s*,)?\s+(?:left\s+|right\s+)?(?:testicles?|testes|testis|balls?|nuts?)\b)", "pain-in-testicles"),
    # blood in the motions said after them ("bowels looser ..., and there's sometimes dark red blood
    # mixed in"), which the encoder reads as vomiting blood
    (r"\b(?:bowels?|poos?|poo|stools?|motions|diarrho?ea|pooing)\b[^.;]{0,120}?(?P<span>\b(?:dark\s+|bright\s+|fresh\s+)?"
     r"(?:red\s+)?blood\s+(?:mixed\s+in|mixed\s+through|in\s+it|through\s+it|on\s+it))\b", "blood-in-stool"),
    # a blocked ear "like cotton wool in it", which the encoder reads as lost feeling; hearing the
    # television badly, which it reads as hearing denied
    (r"\blike\s+(?:there's\s+|there\s+is\s+|i've\s+got\s+|i\s+have\s+)?(?:a\s+bit\s+of\s+|some\s+)?cotton\s*-?\s*wool\s+"
     r"(?:is\s+|was\s+)?(?:in|stuffed\s+in)\s+(?:it|there|my\s+ear|his\s+ear|her\s+ear|the\s+ear)\b", "plugged-feeling-in-ear"),
    (r"\b(?:can't|cannot|can\s+not|couldn't|could\s+not|struggl\w+\s+to|hard\s+to)\s+hear\s+(?:the\s+)?"
     r"(?:telly|tv|television|radio|phone|people|anyone|my\s+\w+|his\s+\w+|her\s+\w+)\s+(?:\w+\s+)?(?:well|properly|very\s+well|"
     r"clearly)\b", "diminished-hearing"),
    # a jaw that clicks or crackles (a jaw joint, not a pain spreading to the jaw)
    (r"\b(?:crackles?|crackling|clicks?|clicking|pops?|popping|cracks?|cracking)\s+when\s+(?:i|he|she)\s+"
     r"(?:move|moves|open|opens|chew|chews|yawn|yawns)\s+(?:my|his|her)\s+(?:jaw|mouth)\b", NOT_FINDING),
    # an ankle pressed where it is not bony (the Ottawa rules' reassurance: "pressing the bone isn't
    # bad, more the soft bit"), read as a deformity; no crack heard, read as crack cocaine
    (r"\bpress(?:ing|ed)?\s+(?:on\s+)?the\s+bones?\s+(?:isn't|is\s+not|doesn't|does\s+not|didn't|not)\s+(?:too\s+|that\s+|so\s+)?"
     r"(?:bad|hurt|sore|painful)\b|\b(?:more|just)\s+the\s+soft\s+(?:bit|part|tissue)\b|"
     r"\b(?:didn't|did\s+not|never)\s+hear\s+(?:no|a|any)\s+(?:crack|snap|pop)\b", NOT_FINDING),
    # a tooth's white tip on a baby's gum (NHS baby teething), read as oral thrush
    (r"\b(?:little\s+|tiny\s+|small\s+|hard\s+)?white\s+(?:bump|bit|tip|edge|dot|spot|point|ridge|line)s?\s+(?:on|in|coming\s+through|through)\s+"
     r"(?:her|his|their|the|its)\s+(?:bottom\s+|top\s+|upper\s+|lower\s+|front\s+)?gums?\b|"
     r"\bwhite\s+(?:bit|tip|edge)\s+coming\s+through\b", "teething"),
    # drooling beside chewing or gums (NHS baby teething: dribbling more than usual), which the
    # lexicon reads as trouble swallowing
    (r"\b(?:chew\w*|gnaw\w*|fists?|gums?|tooth|teeth|teething)\b[^.;]{0,60}?(?P<span>\b(?:drool|dribbl)\w*\s+(?:buckets|everywhere|"
     r"loads|like\s+mad|non\s*-?\s*stop|constantly|all\s+the\s+time|all\s+over))\b|"
     r"\b(?:drool|dribbl)\w*\s+(?:buckets|everywhere|loads|like\s+mad|non\s*-?\s*stop|constantly|all\s+the\s+time|all\s+over)\b"
     r"(?=[^.;]{0,60}?\b(?:chew\w*|gnaw\w*|fists?|gums?|tooth|teeth|teething)\b)", "teething"),
    # a cut named by where on the finger it is, in a note's shorthand ("cut pad of L index finger on
    # kitchen knife"), read as nothing
    (r"\bcut\s+(?:the\s+)?(?:pad|tip|side|end|back|top)\s+of\s+(?:my\s+|her\s+|his\s+|their\s+)?(?:l|r|lt|rt|left|right)?\s*"
     r"(?:index|middle|ring|little|fore|first|second|third|fourth)?\s*(?:finger|thumb)\b", "minor-wound"),
    # an eye's sticky discharge by its colour ("eyes stuck together with yellow sticky stuff"), which
    # the encoder reads as coughed-up phlegm
    (r"\beyes?\b[^.;]{0,60}?(?P<span>\b(?:yellow|green|yellowy|greeny|white|creamy)\s+(?:sticky\s+|crusty\s+|gooey\s+)?"
     r"(?:stuff|gunk|goo|crust|crusts|muck|gloop|pus|discharge))\b", "eye-discharge"),
    # a burning that comes up into the chest or throat after food: heartburn (NHS heartburn and acid
    # reflux), lost in a long sentence to the encoder's reading of the whole run
    (r"\b(?:a\s+)?burning\s+(?:feeling\s+|sensation\s+)?(?:coming|comes|came|rising|rises|going|goes|creeping|creeps)\s+up\s+"
     r"(?:in|into|to|through)\s+(?:my|the|her|his)\s+(?:chest|throat)\b", "heartburn"),
    # the eye's signs said of its parts ("the white of the eye looks pinkish and the lid's a little
    # puffy"), read as nothing and as a swollen face
    (r"\b(?:the\s+)?whites?\s+of\s+(?:the|her|his|my|their|its)\s+eyes?\s+(?:looks?|is|are|has\s+gone|have\s+gone|gone|went|"
     r"turned|looking)\s+(?:a\s+bit\s+|a\s+little\s+|slightly\s+|really\s+|very\s+)?(?:pink|pinkish|red|reddish|bloodshot)\b", "eye-redness"),
    (r"\b(?:the\s+|her\s+|his\s+|my\s+)?(?:eye\s*)?lid(?:'s|\s+is|\s+looks|\s+has\s+gone|s\s+are|s\s+look|s\s+have\s+gone)\s+"
     r"(?:a\s+little\s+|a\s+bit\s+|slightly\s+|really\s+|very\s+|all\s+)?(?:puffy|swollen|puffed\s+up)\b", "eyelid-swelling"),
    # a lump with redness round it ("now there's a lump, red round it"), which the encoder reads as a
    # lump on the back: a swelling of the skin
    (r"\b(?:a\s+)?(?:lump|bump)\s*,?\s+(?:with\s+|and\s+)?(?:some\s+)?red(?:ness)?\s+(?:all\s+)?(?:round|around)\s+it\b", "skin-swelling"),
    # vignettes_blind46 (parents): a chest that pulls in with each breath (recession: NICE NG143 and
    # CKS croup), said of the chest itself ("pulling in at his chest", "his chest is sucking in
    # when he breathes"), read as nothing or as a painful breath
    (r"\b(?:pulling|sucking|pulls|sucks|sinking|sinks|caving|caves)\s+in\s+(?:at|under|between|around)\s+(?:his|her|their|the|its)\s+"
     r"(?:chest|ribs|neck|throat|collar\s*bones?|breast\s*bone)\b|"
     r"\b(?:his|her|their|the|its)\s+(?:chest|ribs|tummy|neck)\s+(?:is\s+|are\s+|keeps\s+|keep\s+)?(?:pulling|sucking|sinking|caving)\s+in\b",
     "difficulty-breathing"),
    # vignettes_blind46 (parents): projectile vomiting said as where it went ("it really shoots out, across the room"), and a
    # child who has "shot up" (grown), read as major trauma
    (r"\b(?:shoots|shot|shooting|flies|flew|comes|came|goes|went)\s+(?:right\s+)?out\s*,?\s+(?:right\s+)?across\s+the\s+"
     r"(?:room|floor|kitchen|bed)\b|\b(?:really\s+)?shoots\s+out\b", "vomiting"),
    (r"\b(?:he's|she's|he\s+has|she\s+has|they've|has|have|really)\s+(?:really\s+)?shot\s+up\b", NOT_FINDING),
    # a rash's places listed ("red spots on the palms of her hands, the soles of her feet"), read as
    # a pain spreading to the arm
    (r"\b(?:spots|rash|blisters|sores|bumps|dots)\b[^.;]{0,40}?(?P<span>\bon\s+(?:the\s+)?palms\s+of\s+(?:her|his|their|my|the)\s+"
     r"hands(?:\s*,?\s*(?:and\s+)?(?:on\s+)?(?:the\s+)?soles\s+of\s+(?:her|his|their|my|the)\s+feet)?)", "skin-rash"),
    # drinking well said as reassurance ("eating soup and drinking plenty"), read as thirst
    (r"\bdrinking\s+(?:plenty|well|fine|normally|ok|okay)\b", NOT_FINDING),
    # head lice described ("tiny greyish crawling things", "white bits stuck near the roots")
    (r"\b(?:tiny|little|small)\s+(?:grey|greyish|gray|grayish|brown|brownish|white|black)?\s*(?:crawling|moving|running)\s+"
     r"(?:things|bugs|insects|creatures|beasties)\b|\b(?:white|grey|greyish|brown)\s+(?:bits|specks|eggs|dots)\s+"
     r"stuck\s+(?:to|near|on|at|in)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:roots|hair|hairs|scalp)\b", "head-lice"),
    # skin red from scratching (the itch, not a sore scalp); breast milk put in a baby's eye (a
    # remedy, not a nipple discharge); a cold as the time something is worse ("worse when he's got a
    # cold"); a night "a nightmare" (a bad night, not nightmares)
    (r"\b(?:a\s+bit\s+|quite\s+|very\s+|all\s+)?(?:red|sore|raw)\s+from\s+(?:all\s+the\s+|the\s+)?scratching\b", NOT_FINDING),
    (r"\b(?:put|putting|puts|try|trying|tried)\s+(?:some\s+|a\s+bit\s+of\s+|a\s+few\s+drops\s+of\s+)?(?:breast\s*milk|my\s+milk)\s+"
     r"(?:in|on|into)\b", NOT_FINDING),
    (r"\b(?:worse|better|comes\s+back|flares?\s+up)\s+(?:when|if|whenever)\s+(?:he|she|i|they|we)(?:'s|\s+has|'ve|\s+have|\s+gets?|\s+is)\s+"
     r"(?:got\s+)?(?:a\s+)?(?:cold|colds|cough)\b", NOT_FINDING),
    (r"\b(?:has\s+been|been|was|is|it's\s+been|he's\s+been|she's\s+been)\s+(?:a\s+)?(?:total\s+|complete\s+|absolute\s+|real\s+)?"
     r"nightmare\b", NOT_FINDING),
    # a verruca told by its look and feel ("a hard rough patch ... with tiny black dots in it", "like
    # a stone in her shoe"), read as a petechial rash and a kidney stone
    (r"\b(?:hard|rough|thick)\s+(?:rough\s+|hard\s+)?(?:patch|lump|bit|skin|spot)\b[^.;]{0,60}?(?P<span>\b(?:tiny\s+|little\s+|small\s+)?"
     r"black\s+(?:dots|spots|specks|bits))\b", "warts"),
    (r"\blike\s+(?:a|having\s+a)\s+(?:little\s+|small\s+)?(?:stone|pebble)\s+in\s+(?:her|his|my|their|your|the)\s+shoe\b", "foot-or-toe-pain"),
    # when a pain comes ("it hurts a bit when she walks"), which the encoder reads as painful
    # urination; the pain itself keeps its reading
    (r"\b(?:hurts|hurting|sore|painful|aches)\s+(?:a\s+bit\s+|a\s+lot\s+|more\s+|most\s+)?(?P<span>when\s+(?:i|he|she|they|you)\s+"
     r"(?:walk|walks|stand|stands|run|runs|kneel|kneels))\b", NOT_FINDING),
    # nits found behind or near the ears, read as a rash in the skin creases or a baby pulling at its ears
    (r"\b(?:roots|hair|hairs|nits|eggs|lice|head\s+lice)\b[^.;]{0,40}?(?P<span>\b(?:behind|near|around|round|by)\s+(?:her|his|their|the|my)\s+"
     r"ears)\b", NOT_FINDING),
    # a bump on the head after a knock ("a massive egg-shaped lump on his forehead"), read as a lump
    # on the back
    (r"\b(?:lump|bump|egg|swelling)\s+(?:come\s+up\s+)?on\s+(?:his|her|my|their|the)\s+(?:forehead|head|brow|temple)\b", "skin-swelling"),
    # ... and what it looks like said again ("the lump looks awful though"), read as a lump on the back
    (r"\b(?:the|that|this)\s+(?:lump|bump|egg|swelling)\s+(?:still\s+)?looks\s+(?:really\s+|so\s+|quite\s+)?(?:awful|horrible|terrible|"
     r"huge|massive|bad|nasty|scary|enormous|big)\b", NOT_FINDING),
    # vignettes_blind45 (typed in a hurry): a child "running round playing" (well, not breathing
    # fast), a burger "after bbq at mates" (food, not fumes), "others bit rough too", hours "on
    # laptop" (not a car crash), "3rd time in a month" (not a period)
    (r"\b(?:running|runs|run|racing|charging|tearing)\s+(?:a\s*)?(?:round|about)(?:\s+(?:and\s+)?(?:playing|laughing|as\s+usual|like\s+normal))?\b",
     NOT_FINDING),
    (r"\b(?:after|at)\s+(?:a\s+|the\s+)?(?:bbq|barbecue|barbeque)\s+(?:at|with|round|in\s+the\s+garden)\b", NOT_FINDING),
    (r"\b(?:others|everyone|everybody|the\s+others|my\s+mates|my\s+friends?|the\s+rest\s+of\s+(?:us|them))\s+(?:are\s+|is\s+|were\s+|was\s+|"
     r"been\s+|feel\s+|feels\s+|felt\s+)?(?:a\s+)?(?:bit\s+)?(?:rough|ill|poorly|sick|bad)\s+too\b", NOT_FINDING),
    (r"\bon\s+(?:my\s+|the\s+|a\s+)?(?:laptop|computer|screen|phone|pc)\s+(?:for\s+)?(?:about\s+|like\s+)?\d+\s*(?:hrs|hours|h)\b", NOT_FINDING),
    (r"\b(?:\d+\s*(?:st|nd|rd|th)|first|second|third|fourth|fifth)\s+time\s+(?:in|this)\s+(?:a\s+)?(?:month|week|year|fortnight)\b",
     NOT_FINDING),
    # a sting's red, swollen lump said after the sting ("stung by wasp ... red swollen lump size of
    # 50p"): a local reaction, not an infected skin
    (r"\b(?:stung|sting|bitten|bite)\b[^.;]{0,80}?(?P<span>\b(?:red\s*,?\s+(?:and\s+)?swollen|swollen\s*,?\s+(?:and\s+)?red)\s+"
     r"(?:patch|area|lump|bump|mark|welt|swelling))\b", "insect-bite-or-sting"),
    # redness spreading up a limb after a scratch or a cut ("red patch spreading up leg"), read as
    # weakness climbing the legs: a spreading skin infection (NHS cellulitis)
    (r"\b(?:red|redness|hot|inflamed)\s+(?:patch|area|skin|mark|bit|streak|line)?\s*(?:is\s+|has\s+been\s+|keeps\s+)?(?:spreading|creeping|"
     r"moving|tracking|going)\s+(?:up|along|down)\s+(?:my\s+|his\s+|her\s+|the\s+)?(?:leg|arm|shin|calf|foot|hand)\b", "skin-looks-infected"),
    # a cold sore's cluster of blisters on the lip, read as a band of shingles
    (r"\b(?:cluster|crop|group|bunch)\s+of\s+(?:tiny\s+|little\s+|small\s+)?blisters\b(?=[^.;]{0,40}?\blips?\b)|"
     r"\blips?\b[^.;]{0,90}?(?P<span>\b(?:cluster|crop|group|bunch)\s+of\s+(?:tiny\s+|little\s+|small\s+)?blisters)\b", "lip-sore"),
    # few wet nappies said with "hardly any" or "barely any" (NICE NG143: reduced urine output)
    (r"\b(?:hardly|barely|scarcely)\s+(?:any|a)\s+wet\s+(?:nappies|nappy|diapers?)\b", "low-urine-output"),
    # vignettes_blind48 (pregnancy and after birth): tightenings across the bump (contractions),
    # a warm gush down the legs and a trickle with every move (waters breaking), a pink watery
    # discharge (a woman's, not a man's), a baby "normally really wriggly" gone quieter and "hardly
    # felt anything" (reduced movements), voices and a baby "swapped" (delusions), "born eight
    # days ago" (just given birth)
    (r"\btightenings?\s+(?:across|in|over|round|around)\s+(?:my|her|the)\s+(?:bump|tummy|belly|stomach|womb)\b|"
     r"\btightenings\b(?!\s+(?:in|of|across)\s+(?:my|her|his|the)\s+(?:calf|calves|legs?|chest|throat|neck|muscles?|feet|foot|hands?))",
     "uterine-contractions"),
    (r"\b(?:warm|sudden|big|huge)\s+gush\b(?:\s+of\s+(?:clear\s+)?(?:water|fluid|liquid))?\s+(?:down|between)\s+(?:my|her)\s+legs\b|"
     r"\b(?:keeps?|kept)\s+(?:on\s+)?trickling\s+(?:out\s+)?(?:every\s+time|whenever|when)\s+(?:i|she)\s+(?:move|moves|stand|stands|"
     r"get\s+up|gets\s+up|walk|walks)\b", "waters-breaking"),
    (r"\b(?:more\s+)?(?:watery|pinkish|pink|brownish|bloody|blood\s*-?\s*stained|blood\s*-?\s*tinged)\s+discharge\b", "vaginal-discharge"),
    (r"\b(?:she's|he's|she\s+is|he\s+is|baby's|baby\s+is|the\s+baby\s+is|it's)\s+(?:normally|usually|always)\s+(?:really\s+|very\s+|quite\s+|so\s+)?"
     r"(?:wriggly|kicky|active|lively)\b[^.;]{0,80}?\b(?:quieter|less\s+active|moving\s+less|hardly\s+moving|not\s+moving|still|quiet)\b|"
     r"\b(?:wriggly|kicky|movements?|nudges?|kicks?|kicking|wriggling)\b[^.;]{0,80}?\b(?:hardly|barely)\s+felt\s+(?:anything|much|her|him|it)\b|"
     r"\b(?:hardly|barely)\s+felt\s+(?:anything|much|her|him|it)\b[^.;]{0,60}?\b(?:nudges?|kicks?|wriggles?|movements?)\b",
     "reduced-fetal-movements"),
    (r"\bvoices\s+(?:were|are|keep|kept|have\s+been|had\s+been)\s+(?:telling|saying|talking\s+to)\b|"
     r"\b(?:baby|he|she|they)\s+(?:was|were|has\s+been|had\s+been)\s+swapped\b|\b(?:the\s+)?baby\s+(?:isn't|is\s+not|wasn't)\s+"
     r"(?:ours|hers|mine|his|theirs|really\s+(?:ours|hers|mine))\b", "delusions-or-hallucinations"),
    (r"\b(?:our|my|her|the)\s+(?:son|daughter|baby|little\s+boy|little\s+girl|twins)\s+(?:was|were)\s+born\s+(?:\w+\s+){0,2}?"
     r"(?:days?|weeks?)\s+ago\b|\b(?:gave|given)\s+birth\s+(?:\w+\s+){0,2}?(?:days?|weeks?)\s+ago\b|"
     # vignettes_blind51: "had my son two weeks ago", "having my baby on Friday", "had my little girl
     # by c-section six days ago", "took the tablets to end a pregnancy ... last week"
     r"\b(?:had|having|delivered)\s+(?:my|our|her)\s+(?:first\s+|second\s+|third\s+|new\s+)?(?:baby|son|daughter|little\s+boy|little\s+girl|"
     r"boy|girl|twins)\b(?:\s+by\s+(?:c\s*-?\s*section|caesarean|cesarean|section))?\s+(?:on\s+(?:monday|tuesday|wednesday|thursday|"
     r"friday|saturday|sunday)|(?:\w+\s+){0,2}?(?:days?|weeks?)\s+ago|last\s+week|yesterday)\b|"
     r"\b(?:took|taken|had)\s+(?:the\s+)?(?:tablets|pills|medication)\s+to\s+end\s+(?:a|my|the|her)\s+pregnancy\b|"
     r"\b(?:termination|abortion|miscarriage)\s+(?:last\s+week|(?:\w+\s+){0,2}?(?:days?|weeks?)\s+ago)\b", "recent-pregnancy"),
    # a tummy "blown up" (distended), and a wee said to have been "only once since this morning"
    (r"\b(?:tummy|belly|stomach|abdomen)\s+(?:has\s+|'s\s+|is\s+|had\s+)?(?:blown\s+up|ballooned|swollen\s+up|puffed\s+up)\b",
     "abdominal-distention"),
    (r"\b(?:wee|pee|urine|weed|peed)\b[^.;]{0,60}?(?P<span>\b(?:only|just)\s+(?:been|gone)\s+once\s+(?:since|today|all\s+day))\b",
     "low-urine-output"),
    # vignettes_blind48 (women's health), words that name no finding or the wrong one: the
    # contraceptive pill started or changed (not an overdose), a lump said not to be felt, spots
    # along the jaw (acne, not a pain spreading to the jaw), clots or chickenpox someone "told me
    # about", swelling "gone down again" (not a fall), food and drink kept down, what was googled,
    # "can't remember either" (not a memory problem), regular periods
    (r"\b(?:started|starting|changed|changing|switched|switching|came\s+off|coming\s+off|on)\s+(?:a\s+|the\s+|my\s+|her\s+)?"
     r"(?:new\s+|different\s+)?(?:combined\s+|mini\s+|contraceptive\s+|progesterone\s*-?\s*only\s+)?pill\b|"
     r"\b(?:haven't|hasn't|didn't|not|never)\s+missed\s+(?:any\s+|a\s+)?(?:pills?|doses?)\b", NOT_FINDING),
    (r"\b(?:can't|cannot|can\s+not|couldn't|don't|didn't|doesn't)\s+feel\s+(?:any|a)\s+(?:lumps?|bumps?|swellings?)\b", NOT_FINDING),
    (r"\b(?:spots|pimples|acne|breakouts?|zits)\s+(?:along|on|around|round|across)\s+(?:my|her|his|the)\s+(?:jaw|jawline|chin)\b",
     "acne-or-pimples"),
    (r"\b(?:told|heard|read|reading|warned|worried)\s+(?:\w+\s+)?about\s+(?:blood\s+)?clots\b", NOT_FINDING),
    (r"\b(?:they've|they\s+have|it's|it\s+has|swelling\s+has|swelling's|they)\s+(?:gone|go|went)\s+down\s+(?:again|overnight|by\s+the\s+morning)\b|"
     r"\b(?:especially\s+)?when\s+it's\s+(?:warm|hot)\b", NOT_FINDING),
    (r"\bkeep(?:ing|s)?\s+(?:(?:water|fluids|drinks|food|dry|crackers|toast|biscuits|it|them|everything|some|sips|and|small|bits|meals)\s+){1,5}"
     r"down\b", NOT_FINDING),
    (r"\b(?:googled|looked\s+up|searched\s+for|searched)\s+(?P<span>[^.;,]{0,50}?)(?=\s+and\b|\s*[.;,?]|$)", NOT_FINDING),
    (r"\b(?:can't|cannot|doesn't|don't|didn't|couldn't)\s+remember\s+(?:either|if|whether|which)\b", NOT_FINDING),
    (r"\b(?:her|my|the)\s+periods\s+(?:are|have\s+been|were)\s+(?:always\s+)?(?:regular|normal)\b", NOT_FINDING),
    (r"\b(?:middle|end|start|beginning|half\s*way)\s+(?:of|through)\s+(?:the|my|a|her)\s+(?:packet|pack|strip)\b|"
     r"\bnot\s+just\s+(?:in\s+the\s+)?mornings?\b", NOT_FINDING),
    # ... and what names one: a period's pain in its first days (period pain), heavy periods said
    # by the pads and the leaks, the feelings of postnatal depression, a bump gone "rock hard"
    (r"\b(?:pain|cramps?|crampy\s+pain|ache)\b[^.;]{0,60}?\b(?:on|during|with|before)\s+(?:the\s+)?(?:first\s+(?:day|days|day\s+or\s+two|"
     r"couple\s+of\s+days)\s+of\s+)?(?:her|my|the)\s+periods?\b", "painful-menstruation"),
    (r"\b(?:changing|change|changed|soak|soaking|soaked)\s+(?:a\s+|my\s+|her\s+)?(?:\w+\s+)?(?:pads?|tampons?)\s+every\s+(?:hour|half\s+an\s+hour|"
     r"(?:one|two|1|2)\s+hours?)\b|\b(?:leaked|leaking|bled|bleeding|flooded|flooding)\s+through\s+(?:my\s+|her\s+)?"
     r"(?:clothes|trousers|jeans|pads?|sheets|at\s+work)\b", "heavy-menstrual-flow"),
    (r"\bcry(?:ing)?\s+(?:most\s+days|every\s+day|all\s+the\s+time|a\s+lot)\b|\b(?:don't|do\s+not|can't)\s+feel\s+anything\s+"
     r"(?:when\s+i\s+look\s+at|for)\s+(?:her|him|the\s+baby|my\s+baby)\b|\bbaby\s+blues\b[^.;]{0,40}?\b(?:worse|not\s+passed|won't\s+pass)\b",
     "depression"),
    (r"\b(?:bump|tummy|belly)\s+(?:went|goes|going|gets|got|keeps\s+going)\s+(?:rock\s+|really\s+|very\s+)?hard\b", "uterine-contractions"),
    # vignettes_blind47 (at the pharmacy counter): the skin between the toes gone white and soggy
    # (athlete's foot, not pallor), a finger that "moves and feels normal" (not a stiff finger), a
    # "non-drowsy" tablet and the product asked for (not drowsiness nor an allergic reaction), a lip
    # that "has been tingling" (a cold sore starting)
    (r"\bbetween\s+(?:my|his|her|their|the)\s+(?:little\s+|small\s+|fourth\s+and\s+fifth\s+)?toes\b[^.;]{0,40}?"
     r"(?P<span>\b(?:white|soggy|cracked|peeling|itchy|split)\b(?:\s*,?\s*(?:and\s+)?(?:white|soggy|cracked|peeling|itchy|flaky|split))*)",
     "athletes-foot"),
    (r"\b(?:finger|fingers|thumb|hand|toe|toes|arm|leg|wrist|ankle)\s+(?:moves?|bends?|works?)\s+(?:and\s+(?:feels?|looks?)\s+)?"
     r"(?:normal|normally|fine|ok|okay|as\s+usual)\b", NOT_FINDING),
    (r"\bnon\s*-?\s*drowsy\b|\b(?:hay\s*fever|antihistamine|allergy)\s+(?:tablets?|pills?|medicine|spray|drops|remedy|remedies)\b",
     NOT_FINDING),
    (r"\blips?\s+(?:has|have|'s)\s+been\s+(?:tingling|tingly|burning|itchy|itching)\b", "lip-sore"),
    # vignettes_blind49 (maternity notes): "PV loss" or "PV bleed" (vaginal bleeding), "day 8 post
    # SVD" (just given birth), the TV "sending her messages" and a baby "'not ours'" (delusions), a
    # baby "normally ... really lively" and "barely felt anything ... one small flutter" (reduced
    # movements)
    (r"\bpv\s+(?:loss|bleed|bleeding|blood|bld)\b", "vaginal-bleeding"),
    (r"\b(?:day\s+\d+\s+)?post\s*-?\s*(?:svd|nvd|natal|partum|delivery|c\s*-?\s*section|cs|lscs|birth)\b|\bpn\s+day\s+\d+\b", "recent-pregnancy"),
    (r"\b(?:tv|television|radio|phone|telly)\s+(?:is|was|has\s+been|keeps)\s+(?:sending|talking\s+to|giving)\s+(?:her|him|me|them)\s+"
     r"(?:messages|signs|signals)\b|\bbaby\s+(?:is|was)\s+['\"]?\s*not\s+(?:ours|hers|mine|his|theirs)\b", "delusions-or-hallucinations"),
    (r"\b(?:normally|usually|always)\s+(?:the\s+|my\s+|her\s+)?baby\s+(?:is|'s)\s+(?:really\s+|very\s+|quite\s+|so\s+)?(?:lively|active|wriggly|kicky)\b|"
     r"\b(?:hardly|barely)\s+felt\s+(?:anything|much|her|him|it)(?:\s+at\s+all)?\b[^.;]{0,60}?\b(?:flutters?|flickers?)\b",
     "reduced-fetal-movements"),
    # bleeding told by what it soaked ("woke up lying in a patch of bright red blood, the sheet is
    # soaked through"): heavy bleeding
    (r"\b(?:lying|sitting|woke\s+up)\s+in\s+a\s+(?:patch|pool|puddle)\s+of\s+(?:bright\s+red\s+|fresh\s+|dark\s+)?blood\b|"
     r"\b(?:blood\b[^.;]{0,60}?\b)(?:sheets?|bed|mattress|towels?|trousers|jeans)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+"
     r"(?:soaked|drenched)\b", "severe-bleeding"),
    # after a birth, the usual bleeding getting lighter and small clots (reassurance, read as
    # severe bleeding and the large clots of a haemorrhage); a pill forgotten and "taken it now" (a
    # late contraceptive pill, read as an overdose)
    (r"\b(?:the\s+)?(?:normal\s+|usual\s+)?(?:bleeding|loss|lochia|blood)\s+(?:is\s+|has\s+been\s+)?(?:getting|gets|got|becoming|going)\s+"
     r"(?:lighter|less|browner|better)\b", NOT_FINDING),
    (r"\blike\s+a\s+(?:heavy\s+)?period\s+(?:and|but)\s+(?:it's\s+|is\s+)?(?:getting|now|going)\s+lighter\b", NOT_FINDING),
    (r"\b(?:only\s+)?(?:small|tiny|a\s+few\s+small)\s+clots(?:\s+only)?\b", NOT_FINDING),
    (r"\b(?:forgot|forgotten|missed|was\s+late\s+taking)\s+(?:to\s+take\s+)?(?:my|her|the|a|one)\s+(?:\w+\s+)?pill\b", NOT_FINDING),
    (r"\b(?:i've|i\s+have|she's|she\s+has)\s+taken\s+it\s+now\b", NOT_FINDING),
    (r"\b(?:haven't|hasn't|didn't|not)\s+missed\s+any\s+others\b", NOT_FINDING),
    # a wee that stings where it touches sore skin (NHS thrush; vulvitis), not a burning inside
    (r"\b(?:it\s+)?(?:stings?|burns?|stinging|burning)\s+when\s+(?:the\s+)?(?:wee|pee|urine)\s+(?:touches|gets\s+on|hits|runs\s+over)\s+"
     r"(?:the\s+|my\s+|her\s+)?(?:skin|sore\s+bits?|sore\s+skin|area)\b", "vulvar-irritation"),
    # a bad smell "from down there" (an unusual discharge) and "my insides ache low down" (a low
    # tummy pain), in a woman's vague words (vignettes_blind51)
    (r"\b(?:nasty|bad|horrible|awful|strong|funny|fishy|foul|off)\s+smell\s+(?:from|coming\s+from|down)\s+(?:down\s+there|down\s+below|"
     r"my\s+bits|below|there)\b", "vaginal-discharge"),
    (r"\b(?:my|her)\s+insides?\s+(?:ache|aches|hurt|hurts|are\s+aching|is\s+aching|feel\s+sore)\b(?:\s+low\s+down)?", "lower-abdominal-pain"),
    # bleeding measured against a period ("bright red blood, quite a lot, more than a period"): from the
    # womb, heavier than a period, not from the bottom
    (r"\b(?:more|heavier|worse)\s+than\s+(?:a|my)\s+(?:normal\s+|usual\s+|heavy\s+)?period\b", "vaginal-bleeding"),
    # what someone read or heard in general ("I've read chest pain in pregnancy can be serious", "I've
    # read one bad burn doubles your risk"): a worry, not a finding
    (r"\b(?:i've|i\s+have|i|we've|we)\s+(?:read|heard|seen)\s+(?:online\s+|on\s+google\s+|somewhere\s+|on\s+the\s+internet\s+)?"
     r"(?:that\s+)?(?P<span>[^.;,]{0,60}?\b(?:(?:can|could|may|might)\s+(?:be|mean|cause|lead\s+to)|doubles|increases|raises|"
     r"causes|means)\b[^.;,]{0,40}?)(?=\s*[.;,?]|\s+and\s+(?:i|i'm|i've|now)\b|$)", NOT_FINDING),
    # --- vignettes_blind53 (session 19): eyes, ears, mouth, skin and men's health ---
    # the ear pushed out, or the skin behind it red and swollen, after an ear infection (NICE CKS
    # otitis media: suspected mastoiditis is admitted); a lump behind the ear alone is a gland
    (r"\bears?\s+(?:is\s+|are\s+|has\s+been\s+|seems\s+to\s+be\s+|looks\s+(?:like\s+it's\s+|to\s+be\s+)?)?"
     r"(?:sticking|sticks|stuck|poking|pokes|pushed|pushing|standing|stands)\s+(?:out|forward|forwards)\b", "swelling-behind-ear"),
    (r"\b(?:area|skin|bit|bone|place|spot)\s+(?:just\s+)?behind\s+(?:his|her|my|the|their|your)\s+(?:left\s+|right\s+)?ear\s+"
     r"(?:is|looks|has\s+gone|went|has\s+become|feels|got)\s+(?:\w+\s+){0,2}?(?:red|puffy|swollen|hot|bulging|boggy)\b", "swelling-behind-ear"),
    (r"\b(?:red|puffy|hot)\s+(?:(?:and\s+)?(?:red|puffy|swollen|hot|tender|sore)\s+)?(?:swelling|bulge|lump)\s+behind\s+"
     r"(?:his|her|my|the|their|your)\s+(?:left\s+|right\s+)?ear\b", "swelling-behind-ear"),
    # urine described by its colour ("his urine has been bright red, like rosé wine")
    (r"\b(?:urine|pee|wee|wees)\s+(?:has\s+been|is|was|looks|looked|went|has\s+gone|turned|came\s+out|comes\s+out)\s+"
     r"(?:\w+\s+){0,2}?(?:red|pink|rosé|rose|bloody|blood\s*-\s*stained|like\s+(?:rosé|rose|red\s+wine|wine|blood))\b", "blood-in-urine"),
    # what comes out of an ear, seen on a pillow or a cotton bud
    (r"\b(?:stuff|gunk|goo|gunge|liquid|fluid|discharge|pus|muck|crust)\b[^.;]{0,40}?\b(?:from|out\s+of)\s+"
     r"(?:that|her|his|my|the|their|your)\s+(?:left\s+|right\s+)?ear\b", "pus-draining-from-ear"),
    # a bite's or an ulcer's centre ("each with a tiny dot in the middle", "white-yellow in the middle
    # with a red rim"): no pinprick rash, no yellow skin
    (r"\b(?:tiny\s+|small\s+|little\s+|dark\s+|red\s+|black\s+)?(?:dot|dots|spot|point|hole|puncture|mark)\s+in\s+the\s+"
     r"(?:middle|centre|center)\b", NOT_FINDING),
    (r"\b(?:white|yellow|whitish|yellowish|yellowy|grey|gray|cream)(?:\s*-\s*(?:white|yellow|grey|gray))?\s+"
     r"(?:in\s+the\s+(?:middle|centre|center)|centre|center|middle)\b", NOT_FINDING),
    # cracks in dry skin ("fine cracks", "some cracks sting"), not air under the skin
    (r"\b(?:fine|deep|little|small|tiny|painful|sore|some|the|bleeding)\s+cracks\b", "skin-dryness-peeling-scaliness-or-roughness"),
    # a baby feeding as usual, said of two things at once ("feeding and having wet nappies as
    # normal"): no feeding problem ("feeding well" alone is a phrase in NOT_FINDINGS)
    (r"(?<!\bnot\s)(?<!n't\s)\bfeeding\b(?=\s+(?:and|&)\s+[^.;,]{0,40}?\s+(?:as\s+normal|normally|as\s+usual|fine|well|ok|okay)\b)",
     NOT_FINDING),
    # sore skin that "looks shiny" (a nappy rash, a burn, a swollen joint): how it looks, not oily
    # skin (the phrase index's nearest neighbour once the index grew, vignettes_blind44)
    (r"\b(?:skin|bum|bottom|area|it)\s+(?:looks|is|has\s+gone|went|is\s+looking|seems)\s+(?:a\s+bit\s+|quite\s+|very\s+|all\s+)?"
     r"shiny\b", "abnormal-appearing-skin"),
    # what shaving brings ("happens every time I shave close"): no other symptom
    (r"\b(?:happens|comes|starts|flares)\s+(?:up\s+)?(?:every\s+time|whenever|each\s+time|after)\s+(?:i|he|you)\s+shaves?\b", NOT_FINDING),
    # --- vignettes_blind55 (session 20): a general mix ---
    # straight things that look bent or wavy (NHS macular degeneration: distorted vision): the eye,
    # not a limb out of shape
    (r"\b(?:straight\s+)?(?:lines?|door\s*frames?|frames?|tiles?|edges?|words|letters|print|text|lamp\s*posts?|poles?|"
     r"windows?|blinds|bars|grid)\b[^.;]{0,40}?\b(?:look|looks|looking|appear|appears|seem|seems|are|go|goes|went|have\s+gone)\s+"
     r"(?:a\s+bit\s+|all\s+|slightly\s+|really\s+|kind\s+of\s+)?(?:wavy|bent|crooked|distorted|wonky|warped|curved|bendy|kinked)\b",
     "visual-disturbance"),
    # "a burning, tingling pain": how a pain feels, not a burn
    (r"\bburning(?=\s*,\s*(?:tingling|stabbing|shooting|prickling|throbbing|sharp|aching|gnawing|searing)\b|"
     r"\s+and\s+(?:tingling|prickling|shooting|stabbing)\b)", NOT_FINDING),
    # the heart or pulse "going all over the place": an irregular beat, not a muddled mind
    (r"\b(?:heart|heartbeat|heart\s+beat|pulse)\b[^.;]{0,40}?\b(?:going|goes|went|is|was|been|gone)\s+all\s+over\s+the\s+place\b",
     "irregular-heartbeat"),
    # nothing coming out of an ear or a wound: no discharge, and no one "out of it"
    (r"\bnothing\s+(?:is\s+|has\s+been\s+)?(?:coming|came|comes|leaking|oozing|draining)\s+out\s+of\s+(?:it|them|there)\b",
     NOT_FINDING),
    # --- vignettes_blind56 (session 20): women's health ---
    # "they're all over the place, sometimes 3 weeks apart": an irregular cycle, not a muddled mind
    (r"\b(?:they're|they\s+are|they've\s+been|they\s+have\s+been|cycle\s+is|cycles\s+are)\s+(?:\w+\s+)?all\s+over\s+the\s+place\b"
     r"(?=[^.;]{0,40}?\b(?:weeks?|days?|months?)\s+(?:apart|between)\b)", "irregular-menstrual-flow"),
    # "no change in discharge": the usual discharge, not a new one
    (r"\bno\s+(?:change|changes|difference)\s+(?:in|to|with)\s+(?:my\s+|her\s+|the\s+)?discharge\b", NOT_FINDING),
    # who else has it ("half my office has had the same thing"): not half a face
    (r"\bhalf\s+(?:of\s+)?(?:my|the|his|her|our|their)\s+(?:office|class|team|school|family|house|household|street|"
     r"ward|work|colleagues|friends|year|nursery|department|floor|mates|unit)\b", NOT_FINDING),
    # --- vignettes_blind58 (session 21): pharmacy ailments and their look-alikes ---
    # "my mouth and lips are covered in painful sores": sores in the mouth (a blistering rash with
    # them and sore eyes is rules.yaml's Stevens-Johnson combination)
    (r"\b(?:mouth|lips|gums|tongue)(?:\s+and\s+(?:my\s+|his\s+|her\s+)?(?:mouth|lips|gums|tongue))?\s+"
     r"(?:is|are|has\s+been|have\s+been|got|getting)\s+(?:all\s+)?(?:covered\s+in|covered\s+with|full\s+of)\s+"
     r"(?:\w+\s+){0,2}?(?:sores|ulcers|blisters)\b", "mouth-ulcer"),
    # --- vignettes_blind59 (session 21): sexual and reproductive health ---
    # "heard a crack during sex and lost the erection": a penile fracture (the red flag in rules.yaml)
    (r"\b(?:heard|felt|there\s+was)\s+(?:a\s+|this\s+)?(?:loud\s+|horrible\s+|sudden\s+)?(?:crack|snap|pop|cracking|snapping|popping)"
     r"(?:\s+(?:sound|noise))?\b[^.;?]{0,40}?\b(?:during|while\s+having|whilst\s+having|having|in\s+the\s+middle\s+of)\s+sex\b",
     "penis-snapped-during-sex"),
    (r"\b(?:penis|willy|dick|erection|cock)\b[^.;?]{0,20}?\b(?:cracked|snapped|popped|bent\s+and\s+(?:cracked|snapped))\b",
     "penis-snapped-during-sex"),
    # a lump somewhere on a testicle ("a hard lump on the front of my left testicle"): a GP's
    (r"\b(?:lump|lumps|bump|swelling|mass|nodule|pea|growth)\b[^.;?]{0,30}?\b(?:on|in)\s+(?:the\s+\w+\s+(?:of|on)\s+)?"
     r"(?:my|his|your|the|one)\s+(?:left\s+|right\s+)?(?:testicle|testicles|testis|ball|balls|nut|nuts|scrotum|bollock|bollocks)\b",
     "mass-in-scrotum"),
    # bumps or spots somewhere on the penis ("fleshy bumps on the shaft of my penis")
    (r"\b(?:bumps?|lumps?|spots?|warts?|growths?|pimples?|blisters?|papules)\b[^.;?]{0,30}?\b(?:on|around|round|along)\s+"
     r"(?:the\s+\w+\s+(?:of|on)\s+)?(?:my|his|the)\s+(?:penis|willy|dick|foreskin|bellend)\b", "bumps-on-penis"),
    # "still bleeding a bit" (after a birth, a cut, a tooth out): some bleeding, not a haemorrhage
    (r"\bstill\s+(?:bleeding|spotting)\s+(?:a\s+(?:bit|little|tiny\s+bit|small\s+amount)|slightly|lightly|a\s+touch)\b",
     "bleeding-unspecified"),
    # a rash "spreading over my chest and face": where the rash is, not chest pain
    (r"\b(?:rash|spots|blisters|bumps|redness|hives|welts)\b[^.;?]{0,30}?(?P<span>\b(?:spreading|spread|spreads|all|coming\s+up)\s+"
     r"(?:over|across|on|onto)\s+(?:my|his|her|their|the)\s+(?:chest|tummy|stomach|belly|back|face|neck|body|trunk)"
     r"(?:\s+and\s+(?:my\s+|his\s+|her\s+)?(?:chest|tummy|stomach|belly|back|face|neck|arms|legs))?)\b", NOT_FINDING),
    # a cough that "comes in fits", "fits of coughing", "in fits and starts": bouts, not seizures
    (r"\b(?:comes?|came|coming|cough\w*|sneez\w*|laugh\w*|giggl\w*|cry\w*)\s+(?:\w+\s+){0,2}?(?P<span>in\s+fits)\b|"
     r"\bfits\s+and\s+starts\b", NOT_FINDING),
    (r"\b(?P<span>fits\s+of)\s+(?:coughing|sneezing|laughter|laughing|giggles|giggling|crying|temper|rage)\b", NOT_FINDING),
    # a headache that "goes with paracetamol": eased by a usual dose, not an overdose
    (r"\b(?:goes|went|go|going|settles|settled|eases|eased|easing|shifts|shifted|clears|cleared)\s+(?:off\s+|away\s+|down\s+)?"
     r"with\s+(?:a\s+|some\s+|two\s+|2\s+)?(?:paracetamol|ibuprofen|painkillers?|calpol|nurofen|aspirin|co\s*-\s*codamol|"
     r"tablets|pills)\b", NOT_FINDING),
    # a back done in, "low down on the right": where in the back, not pain moving to the lower right
    # of the tummy
    (r"\bback\b[^.;?]{0,60}?(?P<span>\blow\s+down\s+on\s+the\s+(?:right|left)(?:\s+(?:hand\s+)?side)?)\b", NOT_FINDING),
    # "the side of my head is sore when I brush my hair": where the tenderness is, not a head injury
    (r"\b(?P<span>(?:the\s+)?sides?\s+of\s+(?:my|his|her|the)\s+head)\s+(?:is|are|feels?|gets|has\s+been|have\s+been)\s+"
     r"(?:\w+\s+)?(?:sore|tender|painful|achy|aching|sensitive)\b", NOT_FINDING),
    # --- vignettes_blind61 / blind62 (session 22): long-term conditions; mental health ---
    # "apyrexial", "afebrile": a clinician's "no fever", which the encoder read as a fever
    (r"\b(?:apyrexial|apyrexic|apyrexia|afebrile)\b", NOT_FINDING),
    # drinks ("prosecco and then shots", "tequila shots") and jabs ("flu shots"): not gunshots
    (r"\b(?:then|some|few|of|doing|did|had|having|more|tequila|vodka|sambuca|jager\w*|whisky|whiskey|rum|gin)\s+shots\b|"
     r"\b(?:flu|booster|covid|tetanus|b12|allergy)\s+shots?\b", NOT_FINDING),
    # "blackout blinds" and "blackout curtains": a dark bedroom, not a faint or blindness
    (r"\bblack\s*-?\s*out\s+(?:blinds?|curtains?|shades?)\b", NOT_FINDING),
    # "a thumping headache", "a pounding head": one headache, not a thumping heart beside it
    (r"\b(?:thumping|pounding|banging|throbbing)\s+(?:headache|head\s*ache|head)\b", "headache"),
    # "can't concentrate", "can't focus" (no eyes named): a mind that wanders, not a change in vision
    (r"\b(?:can't|cannot|can\s+not|couldn't|could\s+not|unable\s+to|struggling\s+to|struggle\s+to|hard\s+to|"
     r"trouble|difficulty|problems)\s+(?:concentrat\w*|focus\w*)\b(?!\s+(?:on\s+)?(?:my|his|her|the|your)?\s*(?:eyes?|vision|sight))",
     "poor-concentration"),
    # "I'm all over the place" said of oneself: upset, not a muddled mind
    (r"\b(?:i'm|i\s+am|i\s+feel|i've\s+been|i\s+have\s+been|feeling|emotionally)\s+(?:a\s+bit\s+|so\s+|just\s+|really\s+|totally\s+)?"
     r"all\s+over\s+the\s+place\b(?!\s+mentally)", NOT_FINDING),
    # "within the max paracetamol dose": a dose kept to, not an overdose
    (r"\b(?:within|under|below|not\s+over|not\s+above|never\s+over|never\s+above)\s+(?:the\s+)?(?:max|maximum|recommended|daily)\s+"
     r"(?:daily\s+)?(?:paracetamol\s+|ibuprofen\s+|co\s*-\s*codamol\s+)?(?:dose|amount|limit)\b", NOT_FINDING),
    # "my asthma is behaving itself", "asthma's under control": the condition quiet, not breathlessness
    (r"\b(?:asthma|copd|chest)(?:\s+is|'s|\s+has\s+been)\s+(?:really\s+|pretty\s+|quite\s+|totally\s+|nicely\s+)?"
     r"(?:behaving(?:\s+itself)?|under\s+control|"
     r"well\s+controlled|settled|fine|ok|okay|good|stable)\b", NOT_FINDING),
    # a weight "hasn't changed", "is stable": reassurance, not a weight problem
    (r"\bweight\s+(?:hasn't|has\s+not|has\s+n't|hasnt)\s+(?:changed|gone\s+up|moved|shifted)\b|"
     r"\bweight\s+(?:is|has\s+been|'s)\s+(?:stable|steady|the\s+same|unchanged)\b", NOT_FINDING),
    # "making herself sick after meals": purging (an eating disorder's sign), not a stomach bug
    (r"\b(?:making|makes|made|make)\s+(?:myself|herself|himself|themselves|themself)\s+(?:be\s+)?(?:sick|vomit|throw\s+up)\b"
     r"(?!\s+(?:with\s+)?worry)(?:\s+after\s+(?:meals|eating|food|every\s+meal|(?:she|he|i|they)\s+eats?))?",
     "self-induced-vomiting"),
    # "my thighs and shoulders ache": aching muscles in more than one place, not one joint's pain
    (r"\b(?:thighs|legs|shoulders|arms|calves|muscles)\s+and\s+(?:my\s+|his\s+|her\s+)?(?:thighs|legs|shoulders|arms|calves|"
     r"back|neck)\s+(?:ache|are\s+aching|have\s+been\s+aching|are\s+achy|hurt|are\s+sore)\b", "muscle-pain"),
    # "the left side of his mouth went droopy": one side of the face dropping (a stroke sign)
    (r"\b(?:(?:left|right|one)\s+side\s+of\s+)?(?:his|her|my|their|the)\s+(?:mouth|face|lip|lips|smile)\s+"
     r"(?:went|has\s+gone|had\s+gone|have\s+gone|is|was|looks|looked|seems|seemed|started)\s+(?:all\s+|a\s+bit\s+|really\s+)?"
     r"(?:droopy|drooping|dropped|lopsided|crooked|slack|wonky)\b", "facial-droop"),
    # a stoma that has stopped working ("nothing has come out of the stoma since last night"): no bowel
    # output, which with vomiting and a swollen tummy is rules.yaml's bowel obstruction
    (r"\bnothing\s+(?:has\s+|had\s+)?(?:come|came|coming|been\s+coming|passed)\s+(?:out\s+)?(?:of|from|into)\s+"
     r"(?:the|my|his|her)\s+(?:stoma|bag|ileostomy|colostomy)\b|"
     r"\b(?:stoma|ileostomy|colostomy|bag)\s+(?:hasn't|has\s+not|hasnt|isn't|is\s+not|not|has\s+stopped|stopped)\s+"
     r"(?:been\s+)?(?:working|worked|filled|filling|producing|output\w*|emptied\s+since|had\s+anything)\b|"
     r"\bno\s+(?:output|nothing)\s+(?:from|in|into)\s+(?:the|my|his|her)\s+(?:stoma|bag|ileostomy|colostomy)\b",
     "constipation"),
    # tablets kept until there are "enough" ("keeping my dad's old morphine and my sleeping tablets in
    # a drawer, there's enough now"): a plan and the means (suicidal intent said without the words)
    (r"\b(?:keeping|kept|collecting|collected|hoarding|hoarded|stashing|stashed|stockpiling|stockpiled|gathering|putting\s+by)\b"
     r"[^.;?]{0,60}?\b(?:tablets|pills|morphine|meds|medication|medicines|paracetamol|painkillers)\b[^.?]{0,40}?"
     r"\b(?:there's|there\s+is|there\s+are|i've\s+got|i\s+have|got)\s+enough\b", "suicidal-thoughts"),
    # the empty packets of someone's tablets and a count ("empty blister packs of his amitriptyline in the
    # bin, I think about 30 tablets"): an overdose found, not a finished course
    (r"\bempty\s+(?:blister\s+)?(?:packs?|packets?|boxes|box|bottles?|strips?|tubs?)\b[^.]{0,80}?"
     r"\b(?:about|around|maybe|roughly|over|at\s+least|nearly|almost|like)?\s*(?:\d{2,}|twenty|thirty|forty|fifty)\s+"
     r"(?:tablets|pills|capsules)\b", "overdose"),
    # "a sour taste after meals": stomach acid coming up (NHS heartburn and acid reflux)
    (r"\b(?:sour|acid|acidic|bitter)\s+taste\b(?:\s+in\s+(?:my|the|his|her)\s+(?:mouth|throat))?"
     r"(?=[^.;?]{0,30}?\b(?:after\s+(?:meals|eating|food|i\s+eat|dinner|tea|lunch)|when\s+(?:i|she|he)\s+lie|lying\s+down|at\s+night)\b)",
     "heartburn"),
    # "fell asleep in the garden and my shoulders are red, hot and sore": a sunburn
    (r"\b(?:fell\s+asleep|dozed\s+off|nodded\s+off|sat\s+out|sitting\s+out|lay|lying|been\s+out|was\s+out)\s+in\s+the\s+"
     r"(?:sun|garden|sunshine|heat)\b[^.?]{0,80}?\b(?:red|pink|burnt|burned|burning|raw)\b(?:,?\s+(?:and\s+)?(?:hot|sore|tender|stinging|painful))*",
     "sunburn"),
    # "my breathing is the same as it always is", "no worse than usual": a long-standing condition as
    # usual, not breathlessness now
    (r"\b(?:breathing|breath|chest)\s+(?:is|has\s+been|'s|feels)\s+(?:just\s+)?(?:the\s+same\s+as\s+(?:it\s+)?(?:always|usual|ever|normal)"
     r"(?:\s+(?:is|has\s+been))?|no\s+worse(?:\s+than\s+(?:usual|normal|normal\s+for\s+me))?|as\s+(?:usual|normal|always))\b",
     NOT_FINDING),
    # "phlegm is my usual white": a long-standing cough's usual sputum, said as reassurance
    (r"\b(?:phlegm|sputum|mucus|spit)\s+(?:is|'s|has\s+been|looks)\s+(?:just\s+)?(?:my|the|his|her)\s+(?:usual|normal)\b"
     r"(?:\s+(?:white|clear|colour|color|amount|grey|gray))?", NOT_FINDING),
    # --- vignettes_blind60 (session 22): injuries, accidents and the environment ---
    # "blood is pumping out in spurts", "squirting out": bleeding from an artery
    (r"\bblood\s+(?:is\s+|was\s+|keeps\s+)?(?:pumping|spurting|squirting|pulsing|jetting)(?:\s+out)?\b|"
     r"\b(?:pumping|spurting|squirting)\s+(?:out\s+)?blood\b", "severe-bleeding"),
    # "a zigzag-patterned snake": the snake's markings, not a migraine's zigzag lines
    (r"\bzig\s*-?\s*zag\s*-?\s*(?:patterned|pattern|patterns|markings|marked|stripes?|lines\s+on\s+(?:its|the)\s+back)\b",
     NOT_FINDING),
    # a snake bite ("felt a sharp bite and a snake slid off", "bitten by an adder"): NHS snake bites, A&E
    (r"\b(?:snake|adder|viper|rattlesnake|cobra)\s*-?\s*bite\b|"
     r"\bbitten\s+by\s+(?:a|an|the)\s+(?:\w+\s+)?(?:snake|adder|viper|rattlesnake|cobra)\b|"
     r"\bbite\b[^.?]{0,60}?\b(?:snake|adder|viper)\b[^.?]{0,20}?\b(?:slid|slithered|shot|went|disappeared|moved)\b",
     "snake-bite"),
    # hot drink pulled onto a child ("pulled a mug of fresh tea off the table onto herself"): a scald
    (r"\b(?:pulled|knocked|spilt|spilled|tipped|poured|dropped)\s+(?:a|the|his|her|my)\s+(?:mug|cup|pot|kettle|pan|bowl|jug)\s+of\s+"
     r"(?:\w+\s+)?(?:tea|coffee|water|soup|milk|gravy|noodles)\b[^.?]{0,40}?\b(?:on|onto|over|down)\s+(?:himself|herself|themselves|"
     r"myself|him|her|me|his|her|my)\b", "minor-burn"),
    # a chemical splashed into an eye ("the oven spray bounced back into my right eye"): NHS, rinse and A&E
    (r"\b(?:spray|bleach|cleaner|cleaning\s+\w+|chemical\w*|acid|alkali|caustic|lime|cement|plaster|detergent|"
     r"capsule|pod)\b[^.?]{0,40}?\b(?:went|got|splashed|sprayed|bounced(?:\s+back)?|squirted|flicked|splashed\s+back)\s+"
     r"(?:\w+\s+)?(?:in|into)\s+(?:my|his|her|their|the|both)\s+(?:left\s+|right\s+)?eyes?\b", "chemical-in-eye"),
    # a child who drank a household product ("drank some of the drain unblocker"): a poisoning
    (r"\b(?:drank|drunk|swallowed|sipped|ate|has\s+drunk|has\s+swallowed|got\s+a\s+mouthful\s+of)\s+(?:some\s+(?:of\s+)?)?"
     r"(?:the\s+|a\s+|my\s+|our\s+)?(?:\w+\s+)?(?:bleach|drain\s+(?:unblocker|cleaner)|oven\s+cleaner|dishwasher\s+(?:tablet|liquid)|"
     r"washing\s+(?:up\s+)?(?:liquid|tablet|capsule|pod)|laundry\s+(?:capsule|pod|liquid)|antifreeze|white\s+spirit|"
     r"weed\s*killer|turps|turpentine|paraffin|lamp\s+oil|descaler|toilet\s+cleaner|disinfectant|caustic\s+soda)\b", "overdose"),
    # "fell off the climbing frame", "off his bike": a fall (its injuries read on their own), not major trauma
    (r"\b(?:fell|fallen|falling|came|come|tumbled|slipped)\s+off\s+(?:the\s+|a\s+|his\s+|her\s+|my\s+|their\s+)?"
     r"(?:climbing\s+frame|trampoline|swing|slide|bike|bicycle|scooter|skateboard|sofa|settee|couch|bed|chair|step|steps|kerb|curb|"
     r"monkey\s+bars|bunk\s+bed|changing\s+table|bouncy\s+castle|stool)\b", "fall"),
    # fingers or toes "warm, pink and moving": circulation said to be fine after an injury
    (r"\b(?:fingers|toes|hand|foot|feet|hands)\s+(?:are\s+|is\s+|look\s+|looks\s+|feel\s+)?(?:warm|pink)\s*(?:,|and)\s*(?:and\s+)?"
     r"(?:warm|pink)(?:\s*(?:,|and)\s*(?:and\s+)?(?:moving|wiggling|moving\s+normally|moving\s+fine))?\b", NOT_FINDING),
    # "just a tiny red dot where it was" (a tick or a splinter out): the mark it left, not a rash
    (r"\b(?:tiny|small|little|wee)\s+(?:red\s+|pink\s+)?(?:dot|mark|spot|pinprick)\s+where\s+(?:it|the\s+\w+)\s+(?:was|went\s+in|bit)\b",
     NOT_FINDING),
    # "a dry tickly cough": one cough ("dry" not a skin's)
    (r"\bdry\s+(?:tickly|tickling|irritating|hacking|annoying|persistent|nagging)\s+cough\b", "cough"),
)
PATTERN_CONFIDENCE = 0.85


def _parsed(pattern: str) -> list | None:
    """The pattern's top-level items as Python's regex parser reads them (None if it cannot)."""
    try:
        from re import _parser as parser
    except ImportError:  # Python < 3.11
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        return list(parser.parse(pattern))
    except Exception:  # an analysis we cannot do is no reason to fail: run the pattern always
        return None


def _starts(items: list, start: int) -> frozenset[str] | None:
    """The strings one of which every match of items[start:] starts with (after zero-width
    assertions), or None when that cannot be told."""
    zero_width = (op_codes.AT, op_codes.ASSERT, op_codes.ASSERT_NOT)

    def first(items: list, i: int = 0) -> set[str] | None:
        found: set[str] = set()
        while i < len(items):
            op, arg = items[i]
            if op in zero_width:
                i += 1
            elif op is op_codes.LITERAL:
                text = ""
                while i < len(items) and items[i][0] is op_codes.LITERAL:
                    text += chr(items[i][1])
                    i += 1
                # the parser factors a shared first letter out of an alternation ("can|could" is
                # "c" then "an|ould"): the letters go on with whatever the rest starts with
                rest = first(items, i)
                return found | ({text + r for r in rest} if rest else {text})
            elif op is op_codes.SUBPATTERN:
                inner = first(list(arg[-1]))
                if inner is None:
                    return None
                if arg[-1].getwidth()[0] > 0:
                    return found | inner
                found |= inner
                i += 1
            elif op is op_codes.BRANCH:
                for branch in arg[1]:
                    inner = first(list(branch))
                    if inner is None:
                        return None
                    found |= inner
                return found
            elif op in (op_codes.MAX_REPEAT, op_codes.MIN_REPEAT):
                low, _, sub = arg
                inner = first(list(sub))
                if inner is None:
                    return None
                found |= inner
                if low >= 1:
                    return found
                i += 1
            else:
                return None
        return None  # the pattern may match an empty string

    try:
        found = first(items, start)
    except Exception:
        return None
    if not found or any(len(text) < 2 for text in found):
        return None  # a single character filters nothing
    return frozenset(found)


def leading_literals(pattern: str) -> frozenset[str] | None:
    """The strings one of which every match of `pattern` starts with (after zero-width assertions),
    or None when that cannot be told (a class, a digit, a pattern that may match nothing).

    A sentence holding none of them cannot match, so the pattern is not run on it: Python's regex
    engine tries a leading alternation at every word, and with some eighty patterns that scan was
    most of a short complaint's reading time."""
    items = _parsed(pattern)
    return None if items is None else _starts(items, 0)


def required_literals(pattern: str) -> frozenset[str] | None:
    """The most telling set of strings one of which every match of `pattern` holds: what the match
    starts with, or what a later part of its top-level sequence starts with (a pattern that starts
    "(?:the |my |her )?baby" is better looked for by "baby" than by "the"). None as in
    leading_literals."""
    items = _parsed(pattern)
    if items is None:
        return None
    options = [_most_telling(items)]
    # "\b(?:a|my)\s+needle|\bsight\s+of\s+blood": each alternative has its own telling words
    branches = _top_level_branches(items)
    if branches is not None:
        by_branch = [_most_telling(branch) for branch in branches]
        if all(found is not None for found in by_branch):
            options.append(frozenset().union(*by_branch))
    return max((found for found in options if found is not None), key=_telling, default=None)


def _most_telling(items: list) -> frozenset[str] | None:
    options = [found for start in range(len(items)) if (found := _starts(items, start)) is not None]
    return max(options, key=_telling, default=None)


def _telling(found: frozenset[str]) -> tuple[int, int]:
    """The shortest string decides how often a set is found in a sentence; fewer strings break ties."""
    return min(map(len, found)), -len(found)


def _top_level_branches(items: list) -> list[list] | None:
    """A pattern that is one alternation (after assertions such as \\b, which the parser moves out of
    the alternatives when all of them start with it): each alternative with those assertions."""
    lead = 0
    while lead < len(items) and items[lead][0] in (op_codes.AT, op_codes.ASSERT, op_codes.ASSERT_NOT):
        lead += 1
    if lead != len(items) - 1 or items[lead][0] is not op_codes.BRANCH:
        return None
    return [items[:lead] + list(branch) for branch in items[lead][1][1]]


class PatternMatcher:
    """Regular-expression matcher for the findings in PATTERNS."""

    def __init__(self, known_ids: "set[str] | frozenset[str]", patterns: Sequence[tuple[str, str]] = PATTERNS,
                 prefilter: bool = True):
        self._patterns = [(compile_word_regex(p), cid, required_literals(p) if prefilter else None)
                          for p, cid in patterns if cid in known_ids or cid == NOT_FINDING]
        # the patterns to run on every sentence (no literal to look for), and for each literal the
        # patterns a sentence holding it may match, by position in PATTERNS (earlier ones first)
        self._always = tuple(i for i, (_, _, starts) in enumerate(self._patterns) if starts is None)
        self._by_literal: dict[str, list[int]] = {}
        for i, (_, _, starts) in enumerate(self._patterns):
            for literal in starts or ():
                self._by_literal.setdefault(literal, []).append(i)
        # literals by their first three characters: only those whose three appear in a sentence are
        # looked for in it (hundreds of substring searches per sentence otherwise)
        self._by_trigram: dict[str, tuple[str, ...]] = {}
        for literal in sorted(self._by_literal):
            if len(literal) >= 3:
                self._by_trigram[literal[:3]] = self._by_trigram.get(literal[:3], ()) + (literal,)
        self._short = tuple(literal for literal in sorted(self._by_literal) if len(literal) < 3)

    def _candidates(self, text: str) -> list[int]:
        """Positions of the patterns that may match `text`, in PATTERNS order."""
        present = [literal for literal in self._short if literal in text]
        for gram in {text[i:i + 3] for i in range(len(text) - 2)}.intersection(self._by_trigram):
            present += [literal for literal in self._by_trigram[gram] if literal in text]
        chosen = set(self._always)
        for literal in present:
            chosen.update(self._by_literal[literal])
        return sorted(chosen)

    def match(self, tokens: Sequence[Token], usable: Sequence[bool]) -> list[ConceptMatch]:
        if not tokens or not self._patterns:
            return []
        # rebuild the sentence's normalised text with one space between tokens
        parts: list[str] = []
        starts: list[int] = []
        pos = 0
        for t in tokens:
            starts.append(pos)
            parts.append(t.text)
            pos += len(t.text) + 1
        text = " ".join(parts)
        import bisect

        out: list[ConceptMatch] = []
        for position in self._candidates(text):
            regex, cid, _ = self._patterns[position]
            for m in regex.finditer(text):
                # a `span` group claims only its words; an alternative without it claims the match
                lo, hi = m.span("span") if "span" in regex.groupindex and m.start("span") >= 0 else m.span()
                a = bisect.bisect_right(starts, lo) - 1
                b = bisect.bisect_left(starts, hi)
                if a < 0 or b <= a or not all(usable[a:b]):
                    continue
                out.append(ConceptMatch(a, b, cid, PATTERN_CONFIDENCE, "pattern"))
        return out
