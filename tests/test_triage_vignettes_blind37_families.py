"""Presentation families read from vignettes_blind37, development data written blind in session 16
(eval/README.md, issue #5): the five kinds of emergency the vignette test split was seen to miss, told
as short clinical vignettes (a clinician's note: "19M, 18 h of RIF pain worse on walking and coughing,
off food"), beside look-alikes. Phrasings written here, beside look-alikes that keep their level:

- the jolt sign said in a note's words ("worse on walking and coughing"), the psoas sign (pain on
  extending the hip) and Rovsing's sign (NHS appendicitis, peritonitis);
- a fever "now settling" is a fever all the same (a history of fever: NICE CKS malaria; dengue's
  warning signs come as it falls, WHO 2009), and bleeding gums after a dengue area need no fever said;
  a "flu" after a malaria area is its fever;
- a past ectopic pregnancy, on record or said ("previous left ectopic"), makes pain in a new pregnancy
  an emergency (NICE NG126);
- an operation named by its abbreviation or its "-ectomy" ("5 days post TURP") is a clot's setting
  (NICE NG158);
- a "normal AAA screening scan" is not a known aneurysm;
- breathlessness or chest pain during chemotherapy (NICE CG151), and a sudden loin-to-groin pain with
  pallor or a faint over 50 (a leaking aneurysm as renal colic: NICE CKS renal colic, ESC 2014);
- a stiff back's moving about stiffly is the back pain's (NHS back pain).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

MAN = Patient(age_years=22, sex=Sex.MALE)
OLDER_MAN = Patient(age_years=71, sex=Sex.MALE)
WOMAN = Patient(age_years=31, sex=Sex.FEMALE)
PREGNANT = Patient(age_years=31, sex=Sex.FEMALE, pregnant=True)
PREGNANT_AFTER_ECTOPIC = Patient(age_years=31, sex=Sex.FEMALE, pregnant=True,
                                 history=("ectopic pregnancy 2021, left salpingectomy",))
ON_CHEMO = Patient(age_years=61, sex=Sex.FEMALE, history=("breast cancer, on chemotherapy",))

READINGS = [
    ("RIF pain worse on walking and coughing", "pain-worse-on-jolting", {"cough"}),
    ("psoas sign positive on the right", "peritonism", set()),
    ("pain on extending the right hip", "peritonism", {"hip-pain"}),
    ("fever for 4 days, now settling", "fever", set()),
    ("temperature has come down since yesterday", "fever", set()),
    ("h/o ectopic, now 6/40 with left iliac fossa pain", "previous-ectopic-pregnancy", set()),
    ("5 days post TURP, pleuritic chest pain", "clot-risk-setting", set()),
    ("two weeks after a cholecystectomy, now short of breath", "clot-risk-setting", set()),
    ("normal AAA screening scan at 65", None, {"known-aortic-aneurysm"}),
    ("AAA scan was clear", None, {"known-aortic-aneurysm"}),
    ("known AAA under surveillance", "known-aortic-aneurysm", set()),
    ("spotting in the middle of my cycle", "intermenstrual-bleeding", {"mid-cycle"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient", [
    ("34M, low back pain since lifting a sofa yesterday, no leg symptoms, moving about stiffly", MAN),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    ("22M, 12 h of RIF pain worse on walking, anorexic", MAN, Urgency.EMERGENCY),
    ("right flank pain since yesterday, pain on extending the right hip, temp 37.8", MAN, Urgency.EMERGENCY),
    ("back from Vietnam, fever 4 days now settling, today bleeding gums and vomiting", WOMAN, Urgency.EMERGENCY),
    ("back from Bali a week ago, nosebleeds and bruising today", WOMAN, Urgency.EMERGENCY),
    ("returned from Ghana 2 weeks ago, 3 days of flu with aches", WOMAN, Urgency.EMERGENCY),
    ("6 weeks pregnant, previous right ectopic, now left-sided lower abdominal pain, no bleeding", PREGNANT,
     Urgency.EMERGENCY),
    ("6 weeks pregnant, mild cramps low down, no bleeding", PREGNANT_AFTER_ECTOPIC, Urgency.EMERGENCY),
    ("4 days post knee arthroscopy, new pleuritic chest pain", MAN, Urgency.EMERGENCY),
    ("a week of worsening breathlessness and a dry cough", ON_CHEMO, Urgency.EMERGENCY),
    ("sudden left loin pain going to the groin an hour ago, looks pale and sweaty", OLDER_MAN, Urgency.EMERGENCY),
    # a normal screening scan with a long-standing backache keeps the backache's own level
    ("dull low back ache for 2 months after gardening, normal AAA screening scan at 65", OLDER_MAN,
     Urgency.CONSULTATION),
    # without a past ectopic, early pregnancy cramps keep the 24-hour answer (NICE NG126)
    ("6 weeks pregnant, mild cramps low down, no bleeding", PREGNANT, Urgency.CONSULTATION_24H),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)
