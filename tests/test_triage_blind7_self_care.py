"""Self-care families read from blind set 7's self-care misses (eval/README.md, session 6), as
"unless" rules (rules.yaml `explanations`). Each family is tested with phrasings
written here (none copied from an eval file), beside look-alikes that must stay urgent, and every
red flag blocks every explanation:

- a burning chest with acid coming up in pregnancy is heartburn (NHS: indigestion and heartburn
  in pregnancy), never with a pre-eclampsia sign or a heart or lung warning sign;
- swollen ankles or feet late in pregnancy, with a pre-eclampsia sign said to be absent, are normal
  (NHS: swollen ankles, feet and fingers in pregnancy);
- a bump to the head with a warning sign said to be absent and none present is cared for at home
  from 1 to under 65, never on a blood thinner, after a fall or with any warning sign (NHS: head
  injury and concussion);
- a lump in the neck or under the jaw that came up with a cold is a swollen gland (NHS: swollen
  glands), for 2 weeks, never with a fever or angry tonsils (the strep-throat picture, NICE NG84);
- red pee after beetroot is beetroot (NHS: blood in urine), for 2 days, never with pain or on a
  blood thinner; the fright it gave ("bit freaked out") is no anxiety finding;
- chest pain tender when pressed in a young adult with no warning sign comes down to a GP visit,
  never to self-care (NHS: chest pain; NICE CG95);
- purple blotches that have come and gone for weeks or years with easy bruising ("from the slightest
  knock") in an adult are no meningitis rash but see a doctor within a day (NICE NG12: a blood
  count within 48 hours), never with a fever, feeling unwell, other bleeding or a blood thinner;
- drooling, a flushed cheek and grizzling beside teething, from 3 months to under 3 years, are
  teething (NHS: baby teething symptoms), not trouble swallowing or a temper problem, never with a
  fever, rash, vomiting, diarrhoea, refused feeds, breathing trouble or a drowsy or floppy child.
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH, RulesError, TriageRules
from healthmesh.clinical import Finding, Patient, Presence, Sex, Urgency, Vitals
from tests.support.reading import present
from tests.support.triage import assessor, level_of, symptom

PREGNANT = Patient(age_years=30, sex=Sex.FEMALE, pregnant=True)
ADULT = Patient(age_years=29, sex=Sex.MALE)
WOMAN = Patient(age_years=30, sex=Sex.FEMALE)
TODDLER = Patient(age_years=2, sex=Sex.FEMALE)


def absent(sid: str) -> Finding:
    return Finding(code=f"symptom:{sid}", name=sid.replace("-", " "), presence=Presence.ABSENT)


# ---------------------------------------------------------------------------- the rule data

def test_explanations_are_sourced_and_never_raise():
    raw = yaml.safe_load(RULES_PATH.read_text())
    ids = {e["id"] for e in raw["explanations"]}
    assert {"heartburn-in-pregnancy", "swollen-ankles-in-pregnancy", "minor-head-bump", "red-urine-after-beetroot",
            "chest-wall-strain", "swollen-glands-with-a-cold", "long-standing-easy-bruising", "teething-signs"} <= ids
    for e in raw["explanations"]:
        cite = e.get("cite") or raw["sources"][e["source"]]["cite"]
        assert e["source"] in raw["sources"] and cite.startswith(("NHS:", "NICE")), e["id"]
        assert e["level"] in ("SELF_CARE", "CONSULTATION", "CONSULTATION_24H"), e["id"]
        if e["findings"] != ["blood-in-urine"] and set(e["findings"]) & {"chest-pain", "non-blanching-rash"}:
            assert e["level"] != "SELF_CARE", e["id"]   # chest pain and a purpuric rash never to self-care
    chest = next(e for e in raw["explanations"] if e["id"] == "chest-wall-strain")
    assert chest["level"] == "CONSULTATION"   # chest pain never comes down to self-care


@pytest.mark.parametrize("change", [
    {"level": "EMERGENCY"},                       # an explanation only lowers
    {"with": [], "reassured_by": []},            # never unconditional
    {"source": "no-such-source"},
    {"level": "CONSULTATION", "max_days": 3},     # a window is for a self-care reading
])
def test_malformed_explanations_are_rejected(change):
    raw = yaml.safe_load(RULES_PATH.read_text())
    raw["explanations"] = [{**raw["explanations"][0], **change}]
    with pytest.raises(RulesError):
        TriageRules.from_dict(raw)


# ---------------------------------------------------------------------------- heartburn in pregnancy

HEARTBURN = [symptom("burning-chest-pain"), symptom("heartburn")]


def test_a_burning_chest_with_heartburn_in_pregnancy_is_self_care(detector):
    result = assessor(PREGNANT)(detector, HEARTBURN)
    assert result.level == Urgency.SELF_CARE
    assert any("heartburn in pregnancy" in r for r in result.reasons)


@pytest.mark.parametrize("sign", ["upper-abdominal-pain", "headache", "visual-disturbance", "vomiting",
                                  "facial-swelling", "shortness-of-breath", "sweating", "pain-radiating-to-arm-or-jaw",
                                  "chest-pain", "fainting", "palpitations"])
def test_heartburn_in_pregnancy_with_a_warning_sign_keeps_the_chest_rules(detector, sign):
    assert assessor(PREGNANT)(detector, HEARTBURN + [symptom(sign)]).level >= Urgency.CONSULTATION_24H, sign


def test_heartburn_explanation_needs_pregnancy_heartburn_and_a_mild_burn(detector):
    assess = assessor(PREGNANT)
    # outside pregnancy, or without the acid, a burning chest keeps its rules
    assert assessor(WOMAN)(detector, HEARTBURN).level >= Urgency.CONSULTATION_24H
    assert assess(detector, [symptom("burning-chest-pain")]).level >= Urgency.CONSULTATION_24H
    # severe or sudden burning, and a raised blood pressure, are not heartburn's picture
    severe = [symptom("burning-chest-pain", severity="severe"), symptom("heartburn")]
    assert assess(detector, severe).level >= Urgency.CONSULTATION_24H
    assert assess(detector, HEARTBURN, vitals=Vitals(systolic_bp=150, diastolic_bp=95)).level \
        >= Urgency.CONSULTATION_24H


@pytest.mark.parametrize("text", [
    "28 weeks pregnant, burning in my chest after tea and acid coming up when I lie down",
    "I'm 31 weeks and keep getting a burning feeling in my chest with acid coming up after I eat",
    "pregnant and my chest is burning at night with acid in my throat, otherwise ok",
])
def test_heartburn_in_pregnancy_phrasings(served, detector, text):
    assert level_of(served, detector, text, PREGNANT) == Urgency.SELF_CARE, text


@pytest.mark.parametrize("text", [
    "pregnant, burning in my chest with acid coming up, and a bad headache with flashing lights",
    "34 weeks, burning in my chest and acid coming up, and a pain under my ribs on the right",
    "pregnant, burning in my chest and acid coming up, and I'm short of breath",
    "burning in my chest and acid coming up, sweating and it's going down my left arm",
])
def test_heartburn_look_alikes_stay_urgent(served, detector, text):
    assert level_of(served, detector, text, PREGNANT) >= Urgency.CONSULTATION_24H, text


# ---------------------------------------------------------------------------- swollen ankles in pregnancy

ANKLES = [symptom("peripheral-edema"), absent("headache")]


def test_swollen_ankles_in_pregnancy_with_pre_eclampsia_ruled_out_are_self_care(detector):
    assert assessor(PREGNANT)(detector, ANKLES).level == Urgency.SELF_CARE


def test_swollen_ankles_need_a_pre_eclampsia_sign_ruled_out_and_pregnancy(detector):
    assess = assessor(PREGNANT)
    assert assess(detector, [symptom("peripheral-edema")]).level == Urgency.CONSULTATION
    assert assessor(WOMAN)(detector, ANKLES).level == Urgency.CONSULTATION


@pytest.mark.parametrize("sign", ["facial-swelling", "hand-or-finger-swelling", "headache", "visual-disturbance",
                                  "upper-abdominal-pain", "vomiting", "leg-pain", "shortness-of-breath"])
def test_swollen_ankles_with_a_warning_sign_are_not_self_care(detector, sign):
    assert assessor(PREGNANT)(detector, ANKLES + [symptom(sign)]).level >= Urgency.CONSULTATION, sign


def test_swollen_ankles_with_raised_blood_pressure_or_sudden_swelling_are_not_self_care(detector):
    assess = assessor(PREGNANT)
    assert assess(detector, ANKLES, vitals=Vitals(systolic_bp=145, diastolic_bp=95)).level >= Urgency.CONSULTATION_24H
    sudden = [symptom("peripheral-edema", onset="sudden"), absent("headache")]
    assert assess(detector, sudden).level >= Urgency.CONSULTATION


@pytest.mark.parametrize("text", [
    "35 weeks pregnant, my ankles are swollen by the end of the day but fine in the morning, no headache",
    "my feet and ankles are puffy in the evenings, no headaches, eyesight fine",
])
def test_swollen_ankles_in_pregnancy_phrasings(served, detector, text):
    assert level_of(served, detector, text, PREGNANT) == Urgency.SELF_CARE, text


@pytest.mark.parametrize("text", [
    "my ankles are swollen and my face and hands have puffed up today, no headache",
    "swollen ankles, no headache, but I keep seeing flashing lights",
    "one leg is swollen and painful in the calf, no headache",
])
def test_swollen_ankle_look_alikes_are_not_self_care(served, detector, text):
    assert level_of(served, detector, text, PREGNANT) >= Urgency.CONSULTATION, text


# ---------------------------------------------------------------------------- a bump to the head

BUMP = [symptom("head-injury"), absent("vomiting")]


@pytest.mark.parametrize("age", [1, 2, 7, 30, 64])
def test_a_bump_to_the_head_with_a_warning_sign_ruled_out_is_self_care(detector, age):
    assert assessor(TODDLER)(detector, BUMP, patient=Patient(age_years=age)).level == Urgency.SELF_CARE


@pytest.mark.parametrize("patient", [
    Patient(age_years=0.5),                                  # under 1
    Patient(age_years=70),                                   # 65 or over
    Patient(age_years=None),                                 # age unknown
    Patient(age_years=30, medications=("apixaban",)),        # blood thinner
    Patient(age_years=30, medications=("clopidogrel",)),
    Patient(age_years=8, history=("shunt for hydrocephalus",)),
])
def test_a_bump_to_the_head_outside_its_patients_keeps_the_head_injury_rules(detector, patient):
    assert assessor(TODDLER)(detector, BUMP, patient=patient).level >= Urgency.CONSULTATION_24H


@pytest.mark.parametrize("sign", ["vomiting", "sleepiness", "confusion", "headache", "fall", "irritable-infant",
                                  "double-vision", "disturbance-of-memory", "bleeding-from-ear", "dizziness"])
def test_a_bump_to_the_head_with_a_warning_sign_is_not_self_care(detector, sign):
    assert assessor(TODDLER)(detector, [symptom("head-injury"), absent("sleepiness"), symptom(sign)]).level \
        >= Urgency.CONSULTATION_24H, sign


def test_a_bump_to_the_head_needs_a_warning_sign_ruled_out(detector):
    assess = assessor(TODDLER)
    assert assess(detector, [symptom("head-injury")]).level == Urgency.CONSULTATION_24H
    assert assess(detector, [symptom("head-injury", severity="severe"), absent("vomiting")]).level \
        >= Urgency.EMERGENCY


@pytest.mark.parametrize("text", [
    "she walked into the door and bumped her head, hasn't been sick and is playing happily",
    "he banged his head on the table edge an hour ago, no vomiting, not drowsy, running around",
    "bumped my head on a cupboard door, no headache, not been sick",
])
def test_a_bump_to_the_head_phrasings(served, detector, text):
    assert level_of(served, detector, text, Patient(age_years=5)) == Urgency.SELF_CARE, text


@pytest.mark.parametrize("text", [
    "he bumped his head on the table and has been sick twice since",
    "she banged her head an hour ago, hasn't been sick but she's very sleepy and hard to wake",
    "fell down the stairs and hit his head, hasn't been sick",
    "he fell off his bike and hit his head, hasn't been sick",
    "bumped her head, no vomiting, but she's not making sense and keeps asking the same thing",
])
def test_a_bump_to_the_head_look_alikes_stay_urgent(served, detector, text):
    assert level_of(served, detector, text, Patient(age_years=5)) >= Urgency.CONSULTATION_24H, text


# ---------------------------------------------------------------------------- swollen glands with a cold

@pytest.mark.parametrize("lump", ["lump-over-jaw", "swollen-lymph-nodes", "neck-mass", "sore-lymph-nodes"])
def test_a_gland_beside_a_cold_is_self_care_and_alone_is_not(detector, lump):
    assess = assessor(ADULT)
    assert assess(detector, [symptom("coryza"), symptom(lump)]).level == Urgency.SELF_CARE
    assert assess(detector, [symptom(lump)]).level == Urgency.CONSULTATION
    # beside something off the self-care list, or lasting past 2 weeks, it is checked
    assert assess(detector, [symptom("coryza"), symptom(lump), symptom("weight-loss")]).level == Urgency.CONSULTATION
    assert assess(detector, [symptom("coryza"), symptom(lump, duration_hours=30 * 24)]).level == Urgency.CONSULTATION


@pytest.mark.parametrize("other", ["fever", "swollen-or-red-tonsils", "sweating", "difficulty-in-swallowing"])
def test_glands_with_a_sore_throat_and_fever_are_the_strep_picture(detector, other):
    # a sore throat and glands without a cold's symptoms, or with a fever or angry tonsils, see a GP
    assess = assessor(Patient(age_years=7, sex=Sex.MALE))
    assert assess(detector, [symptom("sore-throat"), symptom("swollen-lymph-nodes")]).level == Urgency.CONSULTATION
    findings = [symptom("coryza"), symptom("sore-throat"), symptom("swollen-lymph-nodes"), symptom(other)]
    assert assess(detector, findings).level >= Urgency.CONSULTATION, other


@pytest.mark.parametrize("text", [
    "I've got a cold and a tender lump under my jaw that came up with it",
    "sore throat and runny nose, and the glands in my neck are up",
])
def test_a_gland_with_a_cold_phrasings(served, detector, text):
    assert level_of(served, detector, text, ADULT) == Urgency.SELF_CARE, text


@pytest.mark.parametrize("text", [
    "sore throat, temperature of 39 and swollen glands in my neck",
    "a lump in my neck for two months, and now a cold",
    "swollen glands in my neck, night sweats and I've lost weight",
])
def test_gland_look_alikes_are_checked(served, detector, text):
    assert level_of(served, detector, text, ADULT) >= Urgency.CONSULTATION, text


# ---------------------------------------------------------------------------- red pee after beetroot

BEET = [symptom("blood-in-urine"), symptom("ate-beetroot")]


def test_red_pee_after_beetroot_is_self_care(detector):
    assert assessor(ADULT)(detector, BEET).level == Urgency.SELF_CARE


def test_red_pee_after_beetroot_has_a_short_window_and_its_limits(detector):
    assess = assessor(ADULT)
    assert assess(detector, [symptom("blood-in-urine")]).level == Urgency.CONSULTATION
    lasting = [symptom("blood-in-urine", duration_hours=5 * 24), symptom("ate-beetroot")]
    assert assess(detector, lasting).level == Urgency.CONSULTATION
    assert assess(detector, BEET, patient=Patient(age_years=70, medications=("warfarin",))).level \
        >= Urgency.CONSULTATION
    for sign in ("painful-urination", "side-pain", "fever", "low-back-pain", "easy-bruising"):
        assert assess(detector, BEET + [symptom(sign)]).level >= Urgency.CONSULTATION, sign


@pytest.mark.parametrize("text", [
    "my wee is pink today, I had beetroot for dinner last night, no pain",
    "had loads of beetroot yesterday and now my pee is red, feel totally fine",
    "bit freaked out, my wee came out pink this morning, I had beetroot juice yesterday",
])
def test_red_pee_after_beetroot_phrasings(served, detector, text):
    assert level_of(served, detector, text, ADULT) == Urgency.SELF_CARE, text


@pytest.mark.parametrize("text,absent_,present_", [
    ("bit freaked out, my pee was red", "anxiety-and-nervousness", "blood-in-urine"),
    ("it freaked me out when my wee went pink", "anxiety-and-nervousness", "blood-in-urine"),
    ("I keep freaking out and panicking over nothing", None, "anxiety-and-nervousness"),
])
def test_the_fright_a_sign_gave_is_no_anxiety(served, text, absent_, present_):
    found = present(served, text)
    assert present_ in found and (absent_ is None or absent_ not in found), (text, found)


@pytest.mark.parametrize("text", [
    "my pee is red and it burns when I wee, I did have beetroot",
    "blood in my pee and pain in my side, had beetroot on Sunday",
    "my pee is red",
])
def test_red_pee_look_alikes_are_checked(served, detector, text):
    assert level_of(served, detector, text, ADULT) >= Urgency.CONSULTATION, text


# ---------------------------------------------------------------------------- chest wall

WALL = [symptom("sharp-chest-pain"), symptom("tender-on-pressing"), absent("shortness-of-breath")]


def test_a_tender_chest_wall_in_a_young_adult_sees_a_gp_never_self_care(detector):
    result = assessor(ADULT)(detector, WALL)
    assert result.level == Urgency.CONSULTATION
    assert any("chest wall" in r for r in result.reasons)


@pytest.mark.parametrize("patient", [
    Patient(age_years=45, sex=Sex.MALE),
    Patient(age_years=None, sex=Sex.MALE),
    Patient(age_years=30, sex=Sex.FEMALE, pregnant=True),
    Patient(age_years=30, sex=Sex.FEMALE, medications=("combined contraceptive pill",)),
    Patient(age_years=30, sex=Sex.MALE, history=("asthma",)),
])
def test_chest_pain_outside_the_chest_wall_patients_stays_an_emergency(detector, patient):
    assert assessor(ADULT)(detector, WALL, patient=patient).level >= Urgency.EMERGENCY


@pytest.mark.parametrize("sign", ["sweating", "shortness-of-breath", "hurts-to-breath", "pain-radiating-to-arm-or-jaw",
                                  "palpitations", "dizziness", "cough", "fever", "leg-swelling", "chest-tightness"])
def test_a_tender_chest_wall_with_a_warning_sign_stays_an_emergency(detector, sign):
    findings = [symptom("sharp-chest-pain"), symptom("tender-on-pressing"), absent("nausea"), symptom(sign)]
    assert assessor(ADULT)(detector, findings).level >= Urgency.EMERGENCY, sign


def test_chest_pain_without_tenderness_or_reassurance_stays_an_emergency(detector):
    assess = assessor(ADULT)
    assert assess(detector, [symptom("sharp-chest-pain"), absent("shortness-of-breath")]).level >= Urgency.EMERGENCY
    assert assess(detector, [symptom("sharp-chest-pain"), symptom("tender-on-pressing")]).level >= Urgency.EMERGENCY
    sudden = [symptom("sharp-chest-pain", onset="sudden"), symptom("tender-on-pressing"), absent("sweating")]
    assert assess(detector, sudden).level >= Urgency.EMERGENCY


@pytest.mark.parametrize("text", [
    "lifted heavy boxes at work and now the right side of my chest hurts when I press on that spot, not breathless",
    "sharp pain in my chest when I press on the spot since the gym yesterday, no sweating, not short of breath",
])
def test_chest_wall_phrasings(served, detector, text):
    assert level_of(served, detector, text, ADULT) == Urgency.CONSULTATION, text


@pytest.mark.parametrize("text", [
    "crushing pain in my chest, sweating and feel sick",
    "chest pain when I press on the spot and I'm short of breath",
    "sharp chest pain going into my left arm, hurts when I press on it, not sweaty",
])
def test_chest_pain_look_alikes_stay_emergencies(served, detector, text):
    assert level_of(served, detector, text, ADULT) >= Urgency.EMERGENCY, text


# ---------------------------------------------------------------------------- long-standing easy bruising

OLD = Patient(age_years=80, sex=Sex.FEMALE, medications=("aspirin",))
YEARS = 3 * 365 * 24.0
BRUISING = [symptom("non-blanching-rash", duration_hours=YEARS), symptom("easy-bruising")]


def test_long_standing_easy_bruising_sees_a_doctor_within_a_day_not_an_emergency(detector):
    result = assessor(OLD)(detector, BRUISING)
    assert result.level == Urgency.CONSULTATION_24H
    assert any("NICE NG12" in r for r in result.reasons)


def test_a_new_or_unwell_non_blanching_rash_stays_an_emergency(detector):
    assess = assessor(OLD)
    # new (or no duration said), in a child, without the bruising, on a blood thinner
    assert assess(detector, [symptom("non-blanching-rash", duration_hours=48), symptom("easy-bruising")]).level \
        >= Urgency.EMERGENCY
    assert assess(detector, [symptom("non-blanching-rash"), symptom("easy-bruising")]).level >= Urgency.EMERGENCY
    assert assess(detector, BRUISING, patient=Patient(age_years=12)).level >= Urgency.EMERGENCY
    assert assess(detector, BRUISING[:1]).level >= Urgency.EMERGENCY
    assert assess(detector, BRUISING, patient=Patient(age_years=80, medications=("warfarin",))).level \
        >= Urgency.EMERGENCY
    for sign in ("fever", "feeling-ill", "sleepiness", "headache", "nosebleed", "bleeding-gums", "fatigue"):
        assert assess(detector, BRUISING + [symptom(sign)]).level >= Urgency.EMERGENCY, sign
    assert assess(detector, BRUISING, vitals=Vitals(temperature_c=38.5)).level >= Urgency.EMERGENCY


@pytest.mark.parametrize("text", [
    "for years I've had purple blotches on my forearms from the slightest knock, they fade after a while",
    "purple blotches on my arms for months, I bruise at the slightest knock",
])
def test_long_standing_easy_bruising_phrasings(served, detector, text):
    assert level_of(served, detector, text, OLD) == Urgency.CONSULTATION_24H, text


@pytest.mark.parametrize("text", [
    "purple blotches came up on his legs this morning and he has a temperature",
    "purple blotches from the slightest knock for months, and now my gums keep bleeding",
    "purple blotches on my legs since yesterday, I bruise at the slightest knock",
])
def test_bruising_look_alikes_stay_emergencies(served, detector, text):
    assert level_of(served, detector, text, OLD) >= Urgency.EMERGENCY, text


# ---------------------------------------------------------------------------- teething signs

BABY = Patient(age_years=0.6, sex=Sex.FEMALE)
TEETHING = [symptom("teething"), symptom("difficulty-in-swallowing"), symptom("flushing"), symptom("temper-problems")]


def test_drooling_flushing_and_grizzling_beside_teething_are_teething(detector):
    result = assessor(BABY)(detector, TEETHING)
    assert result.level == Urgency.SELF_CARE
    assert not any("infant under 1 year" in r for r in result.reasons)


def test_teething_signs_need_teething_and_a_young_child(detector):
    assess = assessor(BABY)
    # without a sign of teething, drooling in a baby keeps the infant minimum
    assert assess(detector, TEETHING[1:]).level >= Urgency.CONSULTATION
    assert assess(detector, TEETHING, patient=Patient(age_years=0.15)).level >= Urgency.CONSULTATION
    assert assess(detector, TEETHING, patient=Patient(age_years=30)).level >= Urgency.CONSULTATION


@pytest.mark.parametrize("sign", ["fever", "vomiting", "diarrhea", "skin-rash", "hives", "lip-swelling", "wheezing",
                                  "infant-feeding-problem", "sleepiness", "floppy-child", "pallor",
                                  "abnormal-breathing-sounds", "unable-to-swallow-saliva"])
def test_teething_with_a_sign_of_being_unwell_is_not_self_care(detector, sign):
    assert assessor(BABY)(detector, TEETHING + [symptom(sign)]).level >= Urgency.CONSULTATION, sign


def test_a_drooling_child_with_hives_keeps_the_anaphylaxis_rule(detector):
    findings = [symptom("teething"), symptom("difficulty-in-swallowing"), symptom("hives")]
    assert assessor(Patient(age_years=2))(detector, findings).level == Urgency.EMERGENCY_AMBULANCE


@pytest.mark.parametrize("text", [
    "my 9 month old is drooling loads and chewing everything, one red cheek and a bit grumpy, temp normal",
    "she's teething, drooling a lot and grumpy, feeding fine",
])
def test_teething_phrasings(served, detector, text):
    assert level_of(served, detector, text, BABY) == Urgency.SELF_CARE, text


@pytest.mark.parametrize("text", [
    "my 9 month old is drooling loads and chewing everything but has a temperature of 39 and won't feed",
    "teething and drooling, but now he's floppy and hard to wake",
    "drooling and can't swallow, noisy breathing, high temperature",
])
def test_teething_look_alikes_are_not_self_care(served, detector, text):
    assert level_of(served, detector, text, BABY) >= Urgency.CONSULTATION, text


# ---------------------------------------------------------------------------- every red flag blocks

PICTURES = {
    "heartburn-in-pregnancy": (PREGNANT, HEARTBURN),
    "swollen-ankles-in-pregnancy": (PREGNANT, ANKLES),
    "minor-head-bump": (TODDLER, BUMP),
    "red-urine-after-beetroot": (ADULT, BEET),
    "chest-wall-strain": (ADULT, WALL),
    "swollen-glands-with-a-cold": (ADULT, [symptom("coryza"), symptom("lump-over-jaw")]),
    "long-standing-easy-bruising": (OLD, BRUISING),
    "teething-signs": (BABY, TEETHING),
}


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_every_red_flag_blocks_every_explanation(detector, name):
    """Adding any red-flag finding (other than the one explained) to an explained picture gives at
    least that red flag's own level for the patient, never less than the picture had, and drops
    the explanation."""
    patient, findings = PICTURES[name]
    explanation = next(e for e in detector.rules.explanations if e.id == name)
    label = explanation.rule.reason.split(" [")[0]
    before = detector.assess(patient, Vitals(), findings)
    assert any(label in r for r in before.reasons), before.reasons
    for token in detector.rules.red_flags:
        sid, _, modifier = token.partition("@")
        if sid in explanation.findings:
            continue
        flag = symptom(sid, onset="sudden" if modifier == "sudden" else "",
                       severity="severe" if modifier == "severe" else "")
        after = detector.assess(patient, Vitals(), findings + [flag])
        # the red flag with the picture's reassurance ("no headache") but without the picture
        said_absent = [f for f in findings if f.presence == Presence.ABSENT]
        alone = detector.assess(patient, Vitals(), said_absent + [flag]).level
        assert after.level >= max(before.level, alone), (name, token, after.reasons)
        assert not any(label in r for r in after.reasons), (name, token, after.reasons)
