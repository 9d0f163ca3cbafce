"""Presentation families read from vignettes_blind31 (self-care-heavy) and vignettes_blind32
(emergency-heavy), development data written blind in session 14 (eval/README.md, issue #5). Each
family is tested with phrasings written here (none copied from the eval files), beside a
look-alike that must keep its own reading or level:

- a painkiller named as what was taken or given ("taking paracetamol and a hot water bottle",
  "took two paracetamol", "paracetamol ineffective") is not an overdose; an amount still is;
- a missing button battery with words between ("the little battery from the scales is missing":
  NHS, A&E);
- reassurance and context the encoder read as findings: a fall "in the playground" (major trauma),
  the glass test done "anyway" with no rash (a non-blanching rash), a bug "going round" (a spinning
  head), diarrhoea "runny and smelly" (a runny nose), a "cold flannel" (a cold), swallowing "food
  and drink" said possible, calves "the same size" (a swollen leg), milk "kept down" (a feeding
  problem), urine "pale yellow" (paleness and jaundice), "washed out" (paleness), a hearing aid
  whistling (ringing in the ears), pain worse "getting out of a chair" (weak legs), a blood
  pressure tablet (a high reading), a bump's "lump coming up" (a mass), a day "after my last
  period" (a long period), the costal cartilage (an ankle), a known migraine "for years" (a
  headache lasting years), "no chance I'm pregnant" (pregnant);
- the pictures they belong to: a migraine "exactly like my usual ones", a reliever inhaler needed
  "4-hourly" (NHS asthma: a GP today), a cold sore's blisters at the corner of the mouth, a
  bruise's swelling, an insect bite's lump, a stiff lower back after lifting;
- words that the readings above had left to the encoder: a letter from school (a suicide note), a
  rash "rough like sandpaper" (feeling rough), energy drinks (alcohol), a "one-sided" headache
  (pain in the side), the pubic bone's pain, drooling because swallowing hurts (the red flag), a
  thunderclap said as a blow to the back of the head (NICE NG228);
- a temperature, grizzling or a sore injection site in the day or two after a baby's vaccinations
  (NHS vaccination side effects; not under 3 months, and the temperature rules still apply);
- a chest aching "a bit from coughing" (the chest wall's strain, a GP's to see; read as the adult
  chest-pain red flag);
- a size said before a bruise ("a big bruise": its "a big" read as a fit) and before a fit ("had a
  big fit": read as nothing).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency, Vitals
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

TODDLER = Patient(age_years=2, sex=Sex.MALE)
CHILD = Patient(age_years=8, sex=Sex.FEMALE)
WOMAN = Patient(age_years=30, sex=Sex.FEMALE)
MAN = Patient(age_years=45, sex=Sex.MALE)
OLDER_MAN = Patient(age_years=74, sex=Sex.MALE)
OLDER_WOMAN = Patient(age_years=76, sex=Sex.FEMALE)
MIGRAINE = Patient(age_years=30, sex=Sex.FEMALE, history=("migraine",))
BABY_4_MONTHS = Patient(age_years=0.33, sex=Sex.FEMALE)
BABY_8_WEEKS = Patient(age_years=0.15, sex=Sex.MALE)

READINGS = [
    ("taking paracetamol and a hot water bottle for it", None, {"overdose"}),
    ("the nurse told us to give him calpol", None, {"overdose"}),
    ("took two paracetamol for the headache", "headache", {"overdose"}),
    ("ibuprofen is not helping at all", None, {"overdose"}),
    ("took 24 paracetamol last night", "overdose", set()),
    ("the little battery from the kitchen scales is missing", "swallowed-battery-or-magnet", set()),
    ("we can't find the battery from the remote", "swallowed-battery-or-magnet", set()),
    ("fell over in the playground and grazed her hand", "fall", {"major-trauma"}),
    ("no rash, I did the glass test anyway", None, {"non-blanching-rash"}),
    ("there's a tummy bug going round at school", None, {"dizziness"}),
    ("the room is going round and round", "dizziness", set()),
    ("diarrhoea, runny and smelly", "diarrhea", {"coryza"}),
    ("we put a cold flannel on the bump", None, {"coryza"}),
    ("sore throat but I can swallow food and drink", "sore-throat", {"difficulty-in-swallowing"}),
    ("both calves are the same size and not red", None, {"leg-swelling"}),
    ("she's keeping her milk down", None, {"infant-feeding-problem"}),
    ("weeing normally and it is pale yellow", None, {"pallor", "jaundice"}),
    ("the whites of his eyes have gone yellow", "jaundice", set()),
    ("I feel completely washed out", "fatigue", {"pallor"}),
    ("his hearing aid keeps whistling", None, {"ringing-in-ear"}),
    ("back is sore, worse bending and getting out of a chair", None, {"muscle-weakness"}),
    ("just her blood pressure tablets", None, {"raised-blood-pressure-reading"}),
    ("there's a lump coming up where she hit it", None, {"back-mass-or-lump"}),
    ("about two weeks after my last period", None, {"long-menstrual-periods"}),
    ("tender over the costal cartilage", None, {"ankle-pain"}),
    ("known migraine with aura for years", None, {"headache"}),
    ("exactly like my usual ones", "usual-migraine", set()),
    ("needing his salbutamol 4-hourly", "reliever-inhaler-often", set()),
    ("a big bruise on her shin", "bruise", {"seizures"}),
    ("he had a big fit this morning", "seizures", set()),
    ("we had a letter from school about a bug going round", None, {"suicidal-thoughts", "dizziness"}),
    ("a rash on his tummy that feels rough like sandpaper", "sandpaper-rash", {"feeling-ill"}),
    ("I drink like five energy drinks a day", None, {"abusing-alcohol"}),
    ("her typical one-sided throbbing headache", "headache", {"side-pain"}),
    ("pain at the front over my pubic bone", "pelvic-pain", set()),
    ("I'm dribbling because swallowing hurts too much", "unable-to-swallow-saliva", set()),
    ("a sudden bang at the back of my head like someone clubbed me", "worst-headache-of-life", set()),
    ("she had her 16 week jabs this morning", "recent-vaccination", set()),
    ("my chest aches a bit from all the coughing", "chest-soreness-from-coughing", {"chest-pain"}),
    ("my chest hurts when I breathe in", None, {"chest-soreness-from-coughing"}),
    ("the injection site on his thigh is red and hard", None, {"skin-rash", "leg-pain"}),
    ("little blisters at the corner of her mouth", "lip-sore", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_no_chance_of_pregnancy_is_not_pregnant(served):
    assert served.classify("cramping low down on one side, no chance I'm pregnant").pregnant is not True
    assert served.classify("cramping low down, I think I might be pregnant").pregnant is not False


@pytest.mark.parametrize("text,patient", [
    ("banged my shin on the bed, a big bruise and a bit swollen, walking fine, no blood thinners", OLDER_WOMAN),
    ("bitten by a horsefly, a lump on my calf, red and itchy, not spreading, breathing fine", WOMAN),
    ("lower back is stiff after moving furniture, worse getting out of a chair, no numbness, bladder normal",
     OLDER_MAN),
    ("fell in the playground and grazed his knee, bled a little and stopped, running about", CHILD),
    ("cold and runny nose, temp 37.8 last night, calpol helped, no rash, did the glass test anyway", CHILD),
    ("throbbing headache with zigzag lines first, exactly like my usual ones, took my triptan, no weakness",
     MIGRAINE),
    # NHS vaccination side effects: a temperature and grizzling in the day or two after
    ("had her jabs this morning, temp 38.1, a bit grizzly, feeding well, plenty of wet nappies", BABY_4_MONTHS),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # a button battery possibly swallowed (NHS: A&E at once)
    ("the round battery from the scales is missing and he was playing with them, he's dribbling", TODDLER,
     Urgency.EMERGENCY),
    # a reliever needed every four hours (NHS asthma: an urgent GP appointment)
    ("wheezy with a cold, needing her salbutamol 4-hourly, talking in full sentences", CHILD,
     Urgency.CONSULTATION_24H),
    # after vaccinations, a fever under 3 months is still a red feature, 39 C at 3-6 months amber,
    # and a floppy baby a red flag (NICE NG143)
    ("had his 8 week jabs this morning, now temp 38.2 and grizzly", BABY_8_WEEKS, Urgency.EMERGENCY),
    ("had her jabs yesterday, temp 38.3, she is floppy and not feeding", BABY_4_MONTHS, Urgency.EMERGENCY),
    # an amount of tablets is still an overdose
    ("took 24 paracetamol last night, feel fine now", WOMAN, Urgency.EMERGENCY),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)


def test_high_temperature_after_vaccinations_keeps_its_rule(served, detector):
    """39 C or more at 3-6 months is amber (NICE NG143) whatever the vaccinations explain."""
    got = level_of(served, detector, "had her jabs yesterday, grizzly", BABY_4_MONTHS, Vitals(temperature_c=39.3))
    assert got == Urgency.CONSULTATION_24H
