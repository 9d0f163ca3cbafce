"""Presentation families read from vignettes_blind26, a mixed set read in session 14 once
vignettes_blind30 stood unread in its place (eval/README.md, issue #5). Its self-care cases were
the weak class (35%). Each family is tested with phrasings written here (none copied from the eval
file), beside a look-alike that must keep its own reading or level:

- words the encoder read as their opposite or as something else: time off work "called in sick"
  (vomiting), "still weeing" (passing urine often), "runs to the toilet" (the same), saliva
  "managed" (saliva that cannot be swallowed), a nose "pouring with blood" (a wound's severe
  bleeding), the white of an eye gone red "like a blob of blood" (vaginal bleeding), blisters on the
  hands and the soles of the feet (poor circulation), a cramp that "happens in either leg on
  different nights" (numbness, a hangover), toes pointing in a cramp, "couldn't catch her breath"
  (a baby pulling at its ears), air "dry with the heating" (hot, dry skin), a relative's panic, a
  child "a bit grumpy" (a temper problem), crust on the lashes (crusted skin sores), a baby "happy
  between feeds" (a feeding problem: read so on this machine's CPU, whose int8 encoder differs),
  being "sick of" something (vomiting), blood said absent after vomiting ("vomited twice but no
  blood": the blood pattern skipped the negation), and blood said after a comma ("she was sick,
  there was blood in it");
- a bump's size ("a massive egg on his forehead") is a size, not a severe head injury;
- a nosebleed that will not stop, or has lasted more than 15 minutes, needs A&E (NHS nosebleed);
  nosebleeds coming and going for a week do not;
- BPPV on record, come back as before with no other warning sign: the exercises at home (NICE CKS
  vertigo; an explanation may now require a history item, `with_history`);
- pain in the back under the ribs is the loin, not the upper tummy; with a temperature and pee
  symptoms it is a possible kidney infection (NHS: an urgent GP appointment).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

BABY = Patient(age_years=0.1, sex=Sex.FEMALE)
TODDLER = Patient(age_years=2, sex=Sex.MALE)
CHILD = Patient(age_years=5, sex=Sex.MALE)
WOMAN = Patient(age_years=34, sex=Sex.FEMALE)
MAN = Patient(age_years=30, sex=Sex.MALE)
OLDER_MAN = Patient(age_years=74, sex=Sex.MALE)
OLDER_WOMAN = Patient(age_years=64, sex=Sex.FEMALE)
KNOWN_BPPV = Patient(age_years=66, sex=Sex.FEMALE, history=("benign paroxysmal positional vertigo",))

READINGS = [
    ("she has rung in sick twice this week and barely eats", None, {"vomiting"}),
    ("he's been off work sick for a fortnight", None, {"vomiting"}),
    ("he was sick twice this morning", "vomiting", set()),
    ("she's still peeing, just less than usual", None, {"frequent-urination"}),
    ("peeing every half an hour day and night", "frequent-urination", set()),
    ("eight runs to the loo since midnight", "diarrhea", {"frequent-urination"}),
    ("an ache in my back just below the ribs on the left and it burns to pee", "back-pain", {"upper-abdominal-pain"}),
    ("throat is sore but he's managing his own saliva and drinks", None, {"unable-to-swallow-saliva"}),
    ("his nose was gushing with blood for ten minutes", "nosebleed", {"severe-bleeding"}),
    ("my nose is running and it won't stop", "coryza", {"severe-bleeding"}),
    ("his eye is gunky in the mornings", None, {"heat-exposure"}),
    ("the white of her right eye has gone bright red, no pain", "eye-redness", {"vaginal-bleeding"}),
    ("small blisters on her palms and on the soles of her feet", "skin-rash", {"poor-circulation"}),
    ("the cramp happens in either leg on different nights", None, {"paresthesia", "hangover"}),
    ("a cramp in my calf with the toes pointing", "leg-cramps-or-spasms", {"feet-turned-in", "paresthesia"}),
    ("I suddenly couldn't catch my breath", "shortness-of-breath", {"pulling-at-ears"}),
    ("the air has been so dry with the central heating", None, {"hot-dry-skin"}),
    ("my mum is panicking because the bruise looks awful", None, {"anxiety-and-nervousness"}),
    ("he's a little grumpy today", None, {"temper-problems"}),
    ("crusty bits on her lashes every morning", "eye-discharge", {"crusted-sores"}),
    ("a yellow crust on the sore on his chin", "crusted-sores", set()),
    ("she is content between feeds and gaining weight", None, {"infant-feeding-problem"}),
    ("she has been feeding poorly since yesterday", "infant-feeding-problem", set()),
    ("vomited twice but no blood", "vomiting", {"vomiting-blood"}),
    ("he was sick, and there was blood in it", "vomiting-blood", set()),
    ("I'm so sick of these appointments", None, {"vomiting"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient", [
    ("banged his forehead on the table, there's a huge egg on it, he hasn't been sick and is playing", CHILD),
    ("his nose was pouring with blood but it stopped after ten minutes of pinching, not dizzy, feels fine",
     OLDER_MAN),
    ("the white of my eye is bright red like a blob of blood, no pain, vision fine, no discharge", OLDER_WOMAN),
    ("sticky yellow crust on her lashes each morning, the eye is not red, feeding well", BABY),
    ("spots on his hands and the soles of his feet and ulcers in his mouth, a little grumpy, drinking fine",
     TODDLER),
    ("diarrhoea since last night after a takeaway, five runs to the toilet, keeping fluids down, still peeing",
     MAN),
    ("sore throat and hoarse for three days, managing food, drinks and own saliva, no drooling", OLDER_MAN),
    # nosebleeds on and off for a week are not one long bleed, and one that stopped is over
    ("my nose keeps bleeding on and off for a week", MAN),
    ("had a nosebleed for 20 minutes, it has stopped now and I feel fine", MAN),
    # BPPV on record, back again (NICE CKS: it recurs; exercises at home)
    ("the room spins for a few seconds when I roll over in bed, no headache, hearing is fine", KNOWN_BPPV),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # a possible kidney infection (NHS: an urgent GP appointment)
    ("burning when I pee and now pain in my back under the ribs, shivery, temp 38.4", WOMAN,
     Urgency.CONSULTATION_24H),
    # a nosebleed that will not stop, or has gone on for more than 15 minutes, or comes with
    # dizziness (NHS nosebleed: A&E)
    ("nose pouring with blood for forty minutes and it won't stop, I feel dizzy", OLDER_MAN, Urgency.EMERGENCY),
    ("her nose started bleeding an hour ago and it still won't stop", WOMAN, Urgency.EMERGENCY),
    ("nosebleed for forty minutes now", MAN, Urgency.EMERGENCY),
    ("a nosebleed for 25 mins, pinching it", CHILD, Urgency.EMERGENCY),
    ("a nosebleed that has been going for 45 minutes and won't stop even with pinching", MAN, Urgency.EMERGENCY),
    # a head bump that made the child vomit keeps the head injury's own rules (NICE NG232)
    ("banged his forehead on the table, a huge egg on it, and he has been sick twice since", CHILD,
     Urgency.EMERGENCY),
    # the same spinning with no BPPV on record is a GP's to see; with slurred speech it is a stroke's
    ("the room spins for a few seconds when I roll over in bed, no headache, hearing is fine", OLDER_WOMAN,
     Urgency.CONSULTATION),
    ("the room spins when I roll over in bed and my speech is slurred, no headache", KNOWN_BPPV, Urgency.EMERGENCY),
    # drooling and unable to swallow saliva with a sore throat (NHS epiglottitis: 999)
    ("sore throat, he can't swallow his own saliva and is drooling", MAN, Urgency.EMERGENCY),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)
