"""Must-not-miss presentations added after the dev vignettes showed them under-triaged: torsion of the
testicle or ovary, bowel obstruction, cauda equina, septic arthritis, acute limb ischaemia, reduced
fetal movements, epiglottitis, and a young baby vomiting with dry nappies. Each rule is sourced and
tested here on its own, on short plain findings, together with a look-alike that must stay lower."""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency, Vitals
from tests.support.triage import assessor, symptom

WOMAN = Patient(age_years=30, sex=Sex.FEMALE)
PREGNANT = Patient(age_years=30, sex=Sex.FEMALE, pregnant=True)
MAN = Patient(age_years=40, sex=Sex.MALE)
BOY = Patient(age_years=14, sex=Sex.MALE)


s = symptom
assess = assessor(WOMAN)



def reason_with(result, words: str) -> str:
    return next(r for r in result.reasons if words in r)


def test_every_new_rule_is_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    new_tokens = {"loss-of-bladder-or-bowel-sensation", "reduced-fetal-movements", "unable-to-swallow-saliva",
                  "cold-pale-limb", "bilious-vomiting", "pelvic-pain@severe"}
    flags = [f for f in raw["red_flags"] if f["token"] in new_tokens]
    assert {f["token"] for f in flags} == new_tokens
    new_combos = {"testicle-pain-vomiting-or-tummy-pain", "testicle-pain-high-riding",
                  "sudden-lower-abdominal-pain-vomiting", "bowel-obstruction", "bowel-obstruction-constipation",
                  "hot-swollen-joint-fever", "young-infant-vomiting-dry-nappies", "carbon-monoxide-symptoms"}
    combos = [c for c in raw["combinations"] if c["id"] in new_combos]
    assert {c["id"] for c in combos} == new_combos
    for rule in flags + combos:
        assert rule["source"] in raw["sources"] and rule["label"]


def test_testicle_pain_in_a_teenager_or_with_vomiting_is_an_emergency(detector):
    result = assess(detector, [s("pain-in-testicles")], BOY)
    assert result.level == Urgency.EMERGENCY
    assert reason_with(result, "possible torsion").endswith("[NHS: testicular torsion]")
    # an adult's testicle pain alone stays a same-day problem; with vomiting or tummy pain it is torsion
    assert assess(detector, [s("pain-in-testicles")], MAN).level == Urgency.CONSULTATION_24H
    assert assess(detector, [s("pain-in-testicles"), s("vomiting")], MAN).level == Urgency.EMERGENCY
    assert assess(detector, [s("swelling-of-scrotum"), s("lower-abdominal-pain")], MAN).level == Urgency.EMERGENCY
    high = assess(detector, [s("pain-in-testicles"), s("high-riding-testicle")], MAN)
    assert high.level == Urgency.EMERGENCY and "sitting higher" in high.reasons[0]


def test_sudden_lower_abdominal_or_pelvic_pain_with_vomiting(detector):
    findings = [s("pelvic-pain", onset="sudden"), s("vomiting")]
    result = assess(detector, findings)
    assert result.level == Urgency.EMERGENCY
    assert "possible ovarian or testicular torsion" in result.reasons[0]
    assert assess(detector, [s("lower-abdominal-pain", onset="sudden"), s("vomiting")], BOY).level \
        == Urgency.EMERGENCY
    # gradual pain with vomiting, or sudden pain alone, is not this rule
    assert assess(detector, [s("pelvic-pain"), s("vomiting")]).level < Urgency.EMERGENCY
    assert assess(detector, [s("pelvic-pain", onset="sudden")]).level < Urgency.EMERGENCY
    assert assess(detector, [s("pelvic-pain", severity="severe")]).level == Urgency.EMERGENCY


def test_bowel_obstruction(detector):
    result = assess(detector, [s("not-passing-wind"), s("abdominal-distention")])
    assert result.level == Urgency.EMERGENCY and "possible bowel obstruction" in result.reasons[0]
    assert assess(detector, [s("not-passing-wind"), s("vomiting")]).level == Urgency.EMERGENCY
    assert assess(detector, [s("constipation"), s("vomiting"), s("abdominal-distention")]).level \
        == Urgency.EMERGENCY
    green = assess(detector, [s("bilious-vomiting")])
    assert green.level == Urgency.EMERGENCY
    assert green.reasons[0].endswith("[NHS: diarrhoea and vomiting (green vomit)]")
    # ordinary constipation with a bit of sickness is not
    assert assess(detector, [s("constipation"), s("vomiting")]).level < Urgency.EMERGENCY


def test_cauda_equina_signs(detector):
    alone = assess(detector, [s("loss-of-bladder-or-bowel-sensation")])
    assert alone.level == Urgency.EMERGENCY and alone.reasons[0].endswith("[NHS: cauda equina syndrome]")
    assert assess(detector, [s("back-pain"), s("involuntary-urination")]).level == Urgency.EMERGENCY
    assert assess(detector, [s("back-pain")]).level == Urgency.SELF_CARE


def test_hot_swollen_joint_with_fever(detector):
    result = assess(detector, [s("knee-swelling"), s("fever")])
    assert result.level == Urgency.EMERGENCY
    assert result.reasons[0].endswith("possible septic arthritis) [BSR hot swollen joint 2006]")
    assert assess(detector, [s("joint-swelling")], vitals=Vitals(temperature_c=38.6)).level == Urgency.EMERGENCY
    assert assess(detector, [s("knee-swelling")]).level < Urgency.EMERGENCY
    # fever with aching joints (flu) is not a swollen joint
    assert assess(detector, [s("joint-pain"), s("fever")]).level < Urgency.EMERGENCY


def test_cold_pale_limb(detector):
    result = assess(detector, [s("cold-pale-limb")], MAN)
    assert result.level == Urgency.EMERGENCY
    assert result.reasons[0].endswith("[ESVS 2020 acute limb ischaemia]")


def test_reduced_fetal_movements(detector):
    result = assess(detector, [s("reduced-fetal-movements")], PREGNANT)
    assert result.level == Urgency.EMERGENCY
    assert "baby moving less" in result.reasons[0] and "NHS: your baby's movements" in result.reasons[0]


def test_unable_to_swallow_saliva(detector):
    result = assess(detector, [s("sore-throat"), s("unable-to-swallow-saliva")], MAN)
    assert result.level == Urgency.EMERGENCY and result.reasons[0].endswith("[NHS: epiglottitis]")
    assert assess(detector, [s("sore-throat")], MAN).level == Urgency.SELF_CARE


def test_young_baby_vomiting_with_dry_nappies(detector):
    findings = [s("vomiting"), s("low-urine-output")]
    result = assess(detector, findings, Patient(age_years=0.1))
    assert result.level == Urgency.EMERGENCY and "[NICE CG84]" in result.reasons[0]
    assert assess(detector, findings, Patient(age_years=3)).level < Urgency.EMERGENCY
    assert assess(detector, [s("vomiting")], Patient(age_years=0.1)).level < Urgency.EMERGENCY


def test_possible_carbon_monoxide_exposure_with_symptoms(detector):
    result = assess(detector, [s("carbon-monoxide-exposure"), s("headache"), s("dizziness")])
    assert result.level == Urgency.EMERGENCY
    assert result.reasons[0].endswith("[NHS: carbon monoxide poisoning]")
    assert assess(detector, [s("headache"), s("dizziness")]).level < Urgency.EMERGENCY
