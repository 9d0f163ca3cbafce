"""Presentation families read from vignettes_blind61 and vignettes_blind62, development data written
blind in session 22 (eval/README.md, issue #5).

blind61: people with long-term conditions or on treatments (chemotherapy, anticoagulants, insulin,
statins, inhalers, catheters). Measured unread: 73.3%, 0 of 20 emergencies under-triaged, self-care
55% (the rules alone 68.3%, 3 of 20). blind62: mental health, sleep, alcohol, drugs and overdoses.
Measured unread: 70.0%, 0 of 20, self-care 45% (the rules alone 63.3%, 4 of 20).

No emergency was missed with the complaint screen; the rules alone missed 3 and 4 of 20, each a
reading: a tight chest "walking up from the bus stop" read as a pain that had stopped, "the left
side of his mouth went droopy", a stoma with no output, tablets kept until "there's enough", the
empty packets of an antidepressant and a count; and two pictures with no rule (diarrhoea during
immunotherapy, NHS: the cancer treatment helpline; jerking muscles, sweating and agitation on an
antidepressant and tramadol, NHS sertraline: serotonin syndrome). The self-care misses were readings too. A nurse's "apyrexial" was read as a fever,
"prosecco and then shots" as a gunshot (999), "blackout blinds" as a faint and blindness, "a
thumping headache" as a thumping heart, "can't focus" as a change in vision, "I'm all over the
place" (grief) and "foggy-headed" (jet lag) as new confusion (an emergency), "within max
paracetamol dose" as an overdose, "my asthma is behaving itself" as breathlessness. Three pictures
had no words at all: making oneself sick after meals (NHS eating disorders: a GP), signs of mania
(NHS bipolar disorder: within 24 hours) and muscle aches on a statin (NHS statins: a GP).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency, Vitals
from tests.support.reading import assert_reads
from tests.support.triage import level_of

READINGS = [
    ("DN visit. Pt well in himself, apyrexial, eating and drinking normally.", None, {"fever"}),
    ("afebrile, chest clear", None, {"fever"}),
    ("birthday drinks last night, lots of prosecco and then shots", None, {"major-trauma"}),
    ("he was shot in the chest", "major-trauma", set()),
    ("can't sleep past midday even with blackout blinds", None, {"fainting", "blindness"}),
    ("I blacked out in the kitchen", "fainting", set()),
    ("gave up coffee, now I've got a thumping headache", "headache", {"palpitations"}),
    ("my heart is thumping", "palpitations", set()),
    ("so tired and irritable and can't focus", "poor-concentration", {"visual-disturbance"}),
    ("he can't focus his eyes", "visual-disturbance", set()),
    ("bit foggy-headed but otherwise well", "poor-concentration", {"confusion"}),
    ("my mum died three weeks ago and I'm all over the place", None, {"confusion"}),
    ("takes it daily, within max paracetamol dose", None, {"overdose"}),
    ("took 30 paracetamol", "overdose", set()),
    ("my asthma is behaving itself, no wheeze", None, {"shortness-of-breath"}),
    ("my daily weight hasn't changed", None, {"lack-of-growth", "weight-gain", "weight-loss"}),
    ("I'm left with a dry tickly cough, mostly at night", "cough", {"skin-dryness-peeling-scaliness-or-roughness"}),
    ("my daughter has been making herself sick after meals", "self-induced-vomiting", set()),
    ("I'm making myself sick with worry about it", None, {"self-induced-vomiting"}),
    ("sleeping 2-3 hours a night, talking non-stop, on a spending spree", "signs-of-mania", set()),
    ("my thighs and shoulders ache all the time now", "muscle-pain", set()),
    ("walking up the hill from the bus stop - a tight heavy feeling in my chest", "chest-tightness", set()),
    ("at dinner the left side of his mouth went droopy", "facial-droop", set()),
    ("nothing has come out of the stoma since last night", "constipation", set()),
    ("keeping my old morphine and sleeping tablets in a drawer, there's enough now", "suicidal-thoughts", set()),
    ("found the empty blister packs of his amitriptyline in the bin, about 30 tablets", "overdose", set()),
    ("a burning feeling in my chest and a sour taste after meals", "heartburn", set()),
    ("fell asleep in the garden and my shoulders are red, hot and sore", "sunburn", set()),
    ("I've got COPD but my breathing is the same as it always is", None, {"shortness-of-breath"}),
    ("phlegm is my usual white", None, {"coughing-up-sputum"}),
    ("lately he's needing his blue inhaler most days", "reliever-inhaler-most-days", set()),
    ("he uses his brown inhaler every day", None, {"reliever-inhaler-most-days", "reliever-inhaler-often"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_a_hangover_after_shots_is_not_trauma(served, detector):
    woman = Patient(age_years=23, sex=Sex.FEMALE)
    text = ("Birthday drinks last night, lots of prosecco and then shots. Woke up with a pounding head, feel sick. "
            "Didn't hit my head, keeping water down fine.")
    assert level_of(served, detector, text, woman) < Urgency.EMERGENCY


def test_grief_and_jet_lag_are_not_new_confusion(served, detector):
    woman = Patient(age_years=58, sex=Sex.FEMALE)
    grief = ("My mum died three weeks ago. I'm all over the place, I cry at odd moments and my sleep is patchy. "
             "No dark thoughts.")
    assert level_of(served, detector, grief, woman) < Urgency.EMERGENCY
    man = Patient(age_years=45, sex=Sex.MALE)
    jet_lag = "Flew back on Sunday. Wide awake at 3am every night since. Bit foggy-headed but otherwise well."
    assert level_of(served, detector, jet_lag, man) < Urgency.CONSULTATION_24H


def test_stopping_caffeine_is_self_care(served, detector):
    """NHS headaches: a headache, tiredness and poor concentration after stopping caffeine settle."""
    woman = Patient(age_years=33, sex=Sex.FEMALE)
    text = "Gave up coffee on Monday. Now I've got a thumping headache, I'm so tired and can't focus. No fever, no stiff neck."
    assert level_of(served, detector, text, woman) == Urgency.SELF_CARE


def test_making_oneself_sick_after_meals_sees_a_gp(served, detector):
    """NHS eating disorders: see a GP (it is never self-care, and not an emergency by itself)."""
    girl = Patient(age_years=17, sex=Sex.FEMALE)
    text = "Found out my daughter has been making herself sick after meals for months. She feels fine, hasn't fainted."
    assert level_of(served, detector, text, girl) == Urgency.CONSULTATION


def test_signs_of_mania_are_seen_within_24_hours(served, detector):
    """NHS bipolar disorder: mania needs the GP or the care team urgently."""
    woman = Patient(age_years=27, sex=Sex.FEMALE, history=("bipolar disorder",))
    text = ("The past 5 days she's been sleeping 2-3 hours a night, talking non-stop and spent 2000 quid on our card. "
            "Not suicidal.")
    assert level_of(served, detector, text, woman) == Urgency.CONSULTATION_24H


def test_muscle_aches_on_a_statin_see_a_gp(served, detector):
    """NHS statins: tell a doctor about unexplained muscle pain; a knock on the shin is not that."""
    man = Patient(age_years=61, sex=Sex.MALE, medications=("atorvastatin 80mg",))
    text = "Started a new tablet 6 weeks ago. My thighs and shoulders ache all the time now. I'm not weak, no fever."
    assert level_of(served, detector, text, man) == Urgency.CONSULTATION
    assert level_of(served, detector, text, Patient(age_years=61, sex=Sex.MALE)) == Urgency.SELF_CARE
    knock = "banged my shin on the coffee table yesterday, bit of a bruise, walking about fine"
    assert level_of(served, detector, knock, man) == Urgency.SELF_CARE
    on_nystatin = Patient(age_years=61, sex=Sex.MALE, medications=("nystatin",))
    assert level_of(served, detector, text, on_nystatin) == Urgency.SELF_CARE


def test_a_known_asthma_quiet_with_hay_fever_is_self_care(served, detector):
    man = Patient(age_years=31, sex=Sex.MALE, history=("asthma",))
    text = ("Streaming itchy eyes, sneezing fits and a blocked nose since the grass pollen started. "
            "My asthma is behaving itself, no wheeze.")
    assert level_of(served, detector, text, man) == Urgency.SELF_CARE


def test_emergencies_the_rules_alone_missed(served, detector):
    man, woman = Patient(age_years=72, sex=Sex.MALE), Patient(age_years=52, sex=Sex.FEMALE)
    stroke = "About 40 minutes ago at dinner the left side of his mouth went droopy and his words are coming out wrong."
    assert level_of(served, detector, stroke, man) >= Urgency.EMERGENCY
    heart = ("Came on walking up the hill from the bus stop 40 minutes ago - a tight heavy feeling in the middle of my "
             "chest going up into my jaw and down my left arm. I'm clammy.")
    assert level_of(served, detector, heart, woman) >= Urgency.EMERGENCY
    stoma = ("I've had an ileostomy for 3 years. Nothing has come out of the stoma since last night. I've been sick "
             "several times and my tummy is swollen and tight.")
    assert level_of(served, detector, stoma, Patient(age_years=58, sex=Sex.MALE)) >= Urgency.EMERGENCY
    plan = ("Sleep's gone. I've been keeping my dad's old morphine and my sleeping tablets in a drawer, there's enough "
            "now, was thinking this weekend.")
    assert level_of(served, detector, plan, Patient(age_years=45, sex=Sex.MALE)) >= Urgency.EMERGENCY
    packs = "I found the empty blister packs of his amitriptyline in the bin, I think about 30 tablets. He's very sleepy."
    assert level_of(served, detector, packs, Patient(age_years=76, sex=Sex.MALE)) >= Urgency.EMERGENCY


def test_diarrhoea_during_immunotherapy_is_an_emergency(served, detector):
    """NHS chemotherapy and immunotherapy side effects: the 24-hour helpline; bloody diarrhoea
    otherwise is a GP or 111 today (NHS diarrhoea and vomiting)."""
    text = "The last two days he's been on the toilet 8 times a day with watery diarrhoea and this morning blood in it."
    on_keytruda = Patient(age_years=62, sex=Sex.MALE, medications=("pembrolizumab",))
    assert level_of(served, detector, text, on_keytruda) >= Urgency.EMERGENCY
    assert level_of(served, detector, text, Patient(age_years=62, sex=Sex.MALE)) == Urgency.CONSULTATION_24H


def test_jerking_and_sweating_on_an_antidepressant_is_an_emergency(served, detector):
    """NHS sertraline: signs of serotonin syndrome need A&E; the same without the medicine does not."""
    text = "Since yesterday I'm really agitated and restless, drenched in sweat, and my legs keep jerking on their own."
    on_sertraline = Patient(age_years=34, sex=Sex.FEMALE, medications=("sertraline", "tramadol"))
    assert level_of(served, detector, text, on_sertraline) >= Urgency.EMERGENCY
    assert level_of(served, detector, text, Patient(age_years=34, sex=Sex.FEMALE)) < Urgency.EMERGENCY


@pytest.fixture(scope="module")
def lexical_triage(kb):
    """The emergency detector service's own assessment: it reads the complaint again lexically."""
    from emergency_detector.triage import RequestTriage

    return RequestTriage(kb, with_screen=False)


def test_heartburn_in_pregnancy_told_as_a_sour_taste_is_self_care(lexical_triage):
    """NHS indigestion and heartburn in pregnancy: the detector's own lexical reading must find the
    heartburn too, or its burning chest stays a warning sign."""
    woman = Patient(age_years=30, sex=Sex.FEMALE, pregnant=True)
    text = ("28 weeks pregnant. Getting a burning feeling in my chest and a sour taste after meals and when I lie "
            "down. No pain under my ribs, no headache, no swelling.")
    assert lexical_triage.assess_request(woman, Vitals(), text=text).level == Urgency.SELF_CARE


def test_a_reliever_needed_most_days_sees_a_gp(served, detector):
    """NHS asthma: a reliever needed three or more times a week is asthma not controlled."""
    boy = Patient(age_years=12, sex=Sex.MALE, history=("asthma",))
    text = ("Lately he's needing his blue inhaler most days and coughs at night. He's fine right now, "
            "talking normally, no struggle to breathe.")
    assert level_of(served, detector, text, boy) == Urgency.CONSULTATION


def test_a_foggy_head_in_an_older_person_is_seen_today(served, detector):
    """A foggy head is self-care in the young (jet lag, caffeine), but from 65 it may be a delirium
    starting (NHS confusion): a GP today, not the self-care list."""
    text = "Bit foggy-headed the last couple of days but otherwise well."
    assert level_of(served, detector, text, Patient(age_years=45, sex=Sex.MALE)) == Urgency.SELF_CARE
    assert level_of(served, detector, text, Patient(age_years=81, sex=Sex.FEMALE)) == Urgency.CONSULTATION_24H
