"""Scenario patients: a first-line option must be withheld (or flagged) and a safe alternative offered.

Each scenario names the condition (ICD-10-CM), the patient, the drug whose withholding must be
recorded (with a reason mentioning `reason`), and the text of the option that must be offered
instead. `flag` scenarios keep the first-line option but it must carry a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from healthmesh.clinical import ConditionScore, Patient, Sex
from treatment_retriever.engine import TreatmentRetriever


@dataclass(frozen=True)
class Scenario:
    id: str
    icd10: str
    condition: str
    patient: Patient
    withheld: tuple[str, ...] = ()  # drug names that must appear withheld
    reason: str = ""  # text the withheld line must contain
    offered: str = ""  # text of an option that must be offered
    not_offered: tuple[str, ...] = ()  # text that must not appear in any offered option
    flagged: tuple[str, str] = ("", "")  # (option text, warning text) for kept-with-warning checks
    max_per_condition: int = 3
    meds: tuple[str, ...] = field(default=())


def adult(**kw) -> Patient:
    return Patient(age_years=kw.pop("age", 40), sex=kw.pop("sex", Sex.FEMALE), **kw)


SCENARIOS = [
    Scenario("penicillin-allergy-sore-throat", "J02.9", "Sore throat", adult(allergies=("penicillin",)),
             withheld=("phenoxymethylpenicillin",), reason="penicillin allergy", offered="clarithromycin"),
    Scenario("amoxicillin-allergy-pneumonia", "J18.9", "Pneumonia", adult(allergies=("Amoxil",)),
             withheld=("amoxicillin",), reason="allergy", offered="Doxycycline"),
    Scenario("penicillin-allergy-pregnant-cellulitis", "L03.90", "Cellulitis",
             adult(pregnant=True, allergies=("penicillin",)), withheld=("flucloxacillin", "doxycycline"),
             reason="pregnancy", offered="erythromycin", not_offered=("clarithromycin",)),
    Scenario("child-penicillin-allergy-otitis", "H66.90", "Otitis media",
             adult(age=6, allergies=("penicillins",)), withheld=("amoxicillin",), offered="clarithromycin"),
    Scenario("sulfa-allergy-and-liver-disease-rheumatoid", "M06.9", "Rheumatoid arthritis",
             adult(age=55, history=("alcoholic cirrhosis",), allergies=("sulfa",)),
             withheld=("methotrexate", "sulfasalazine", "leflunomide"), reason="sulfonamide",
             offered="Hydroxychloroquine"),
    Scenario("nsaid-allergy-back-pain", "M54.50", "Low back pain", adult(allergies=("NSAIDs",)),
             withheld=("ibuprofen", "naproxen"), reason="NSAID", offered="Paracetamol"),
    Scenario("aspirin-allergy-heart-attack", "I21.9", "Heart attack", adult(age=62, allergies=("aspirin",)),
             withheld=("aspirin",), reason="aspirin", offered="Glyceryl trinitrate",
             not_offered=("Aspirin",)),
    Scenario("pregnant-hypertension", "I10", "High blood pressure", adult(age=32, pregnant=True),
             withheld=("ramipril", "losartan"), reason="pregnancy", offered="labetalol",
             not_offered=("amlodipine",)),
    Scenario("pregnant-acne", "L70.0", "Acne", adult(age=24, pregnant=True), withheld=("lymecycline",),
             reason="pregnancy", offered="clindamycin", not_offered=("adapalene",)),
    Scenario("pregnant-vaginal-thrush", "B37.31", "Vaginal yeast infection", adult(pregnant=True),
             withheld=("fluconazole",), reason="pregnancy", offered="Clotrimazole"),
    Scenario("pregnant-migraine", "G43.909", "Migraine", adult(pregnant=True), withheld=("ibuprofen",),
             reason="pregnancy", offered="Paracetamol"),
    Scenario("pregnant-uti-nitrofurantoin-flagged", "N39.0", "Urinary tract infection", adult(pregnant=True),
             flagged=("Nitrofurantoin", "avoid at term")),
    Scenario("child-7-lyme", "A69.20", "Lyme disease", adult(age=7), withheld=("doxycycline",),
             reason="under 8", offered="Amoxicillin"),
    Scenario("teen-17-prostatitis", "N41.9", "Prostatitis", adult(age=17, sex=Sex.MALE),
             withheld=("ciprofloxacin",), reason="under 18", offered="Trimethoprim"),
    Scenario("child-12-nsaid-allergy-headache-no-aspirin", "G44.209", "Tension headache",
             adult(age=12, allergies=("ibuprofen",)), withheld=("ibuprofen", "aspirin"), reason="under 16",
             offered="Paracetamol", not_offered=("Aspirin",)),
    Scenario("child-10-rib-fracture-no-codeine", "S22.39", "Fracture of the rib", adult(age=10),
             withheld=("codeine",), reason="under 12", offered="deep breaths", max_per_condition=5),
    Scenario("ckd-back-pain", "M54.50", "Low back pain", adult(age=67, history=("CKD stage 3b",)),
             withheld=("ibuprofen", "naproxen"), reason="kidney", offered="Paracetamol"),
    Scenario("ckd-type-2-diabetes", "E11.9", "Type 2 diabetes", adult(age=66, history=("chronic kidney disease",)),
             withheld=("metformin",), reason="kidney", offered="linagliptin"),
    Scenario("ckd-cystitis", "N30.00", "Cystitis", adult(age=72, history=("renal impairment",)),
             withheld=("nitrofurantoin",), reason="kidney", offered="Pivmecillinam"),
    Scenario("cirrhosis-gout", "M10.9", "Gout", adult(age=58, sex=Sex.MALE, history=("cirrhosis",)),
             withheld=("naproxen",), reason="liver", offered="Colchicine"),
    Scenario("asthma-atrial-fibrillation", "I48.91", "Atrial fibrillation", adult(age=70, history=("asthma",)),
             withheld=("bisoprolol",), reason="asthma", offered="Diltiazem"),
    Scenario("peptic-ulcer-osteoarthritis", "M17.9", "Knee osteoarthritis",
             adult(age=60, history=("duodenal ulcer 2019",)), withheld=("naproxen",), reason="peptic ulcer",
             offered="Paracetamol"),
    Scenario("heart-failure-gout", "M10.9", "Gout", adult(age=75, sex=Sex.MALE, history=("heart failure",)),
             withheld=("naproxen",), reason="heart failure", offered="Colchicine"),
    Scenario("ihd-migraine-no-triptan", "G43.909", "Migraine", adult(age=52, history=("angina",)),
             withheld=("sumatriptan",), reason="ischaemic", offered="prochlorperazine", max_per_condition=4),
    Scenario("parkinsons-migraine-antiemetic", "G43.909", "Migraine", adult(age=66, history=("Parkinson's disease",)),
             withheld=("prochlorperazine",), reason="Parkinson", offered="Domperidone", max_per_condition=4),
    Scenario("warfarin-oral-thrush", "B37.0", "Oral thrush", adult(age=80, medications=("Coumadin",)),
             withheld=("miconazole oral gel",), reason="INR", offered="Nystatin"),
    Scenario("simvastatin-penicillin-allergy-cellulitis", "L03.115", "Cellulitis",
             adult(age=64, medications=("simvastatin 40 mg",), allergies=("penicillin",)),
             withheld=("flucloxacillin", "clarithromycin"), reason="contraindicated", offered="doxycycline"),
    Scenario("methotrexate-uti", "N39.0", "Urinary tract infection",
             adult(age=50, medications=("methotrexate",), allergies=("nitrofurantoin", "penicillin")),
             withheld=("trimethoprim",), reason="methotrexate", offered="Fosfomycin"),
    Scenario("sildenafil-angina", "I20.9", "Angina", adult(age=61, sex=Sex.MALE, medications=("Viagra",)),
             withheld=("glyceryl trinitrate",), reason="contraindicated", offered="bisoprolol",
             max_per_condition=4),
    Scenario("clopidogrel-reflux", "K21.9", "GERD", adult(age=68, medications=("Plavix",)),
             withheld=("omeprazole",), reason="clopidogrel", offered="Lansoprazole"),
    Scenario("g6pd-cystitis", "N30.90", "Cystitis", adult(history=("G6PD deficiency",)),
             withheld=("nitrofurantoin",), reason="G6PD", offered="Pivmecillinam"),
    Scenario("myasthenia-prostatitis", "N41.9", "Prostatitis", adult(age=45, sex=Sex.MALE, history=("myasthenia gravis",)),
             withheld=("ciprofloxacin",), reason="myasthenia", offered="Trimethoprim"),
    Scenario("penicillin-allergy-pyelonephritis-cephalosporin-flagged", "N10", "Pyelonephritis",
             adult(allergies=("penicillin",)), flagged=("Cefalexin", "cross-reactivity")),
    Scenario("warfarin-heart-attack-aspirin-flagged", "I21.9", "Heart attack",
             adult(age=58, sex=Sex.MALE, medications=("warfarin",)), flagged=("Aspirin 300 mg", "warfarin")),
    Scenario("co-codamol-sore-throat-duplicate-flagged", "J02.9", "Sore throat",
             adult(medications=("co-codamol 30/500",)), flagged=("Paracetamol", "co-codamol")),
    Scenario("nsaid-allergy-pericarditis", "I30.9", "Pericarditis", adult(age=35, allergies=("Advil",)),
             withheld=("ibuprofen", "aspirin"), reason="NSAID", offered="Prednisolone"),
    Scenario("child-lyme-doxycycline", "A69.20", "Lyme disease", adult(age=6, sex=Sex.MALE),
             withheld=("doxycycline",), reason="under 8", offered="Amoxicillin"),
    Scenario("peptic-ulcer-back-pain", "M54.50", "Low back pain",
             adult(age=50, sex=Sex.MALE, history=("peptic ulcer",)),
             withheld=("ibuprofen", "naproxen"), reason="peptic ulcer", offered="Paracetamol"),
    Scenario("ckd-gout", "M10.9", "Gout", adult(age=66, sex=Sex.MALE, history=("chronic kidney disease stage 4",)),
             withheld=("naproxen",), reason="kidney", offered="Colchicine"),
    Scenario("maoi-migraine-triptans", "G43.909", "Migraine", adult(medications=("phenelzine",)),
             withheld=("sumatriptan",), reason="phenelzine", offered="ibuprofen"),
    Scenario("pregnant-atrial-fibrillation", "I48.91", "Atrial fibrillation", adult(age=30, pregnant=True),
             withheld=("warfarin", "apixaban"), reason="pregnancy", offered="bisoprolol"),
]


@pytest.fixture(scope="module")
def retriever():
    return TreatmentRetriever()


def test_there_are_at_least_forty_scenarios():
    assert len(SCENARIOS) >= 40
    assert len({s.id for s in SCENARIOS}) == len(SCENARIOS)


def check_plan(s: Scenario, treatments: list[tuple[str, list[str]]], withheld: list[str],
               unknown: list[str]) -> None:
    """The scenario's expectations on a plan: (name, warnings) of each option, withheld lines."""
    names = [name for name, _ in treatments]
    assert treatments, "no care offered"
    assert not unknown, unknown
    for drug in s.withheld:
        lines = [w for w in withheld if w.startswith(f"{drug} withheld for {s.condition}")]
        assert lines, f"{drug} not recorded as withheld: {withheld}"
        assert "[" in lines[0] and "]" in lines[0], "withheld reason must cite its source"
    if s.reason:
        assert any(s.reason.lower() in w.lower() for w in withheld), withheld
    if s.offered:
        assert any(s.offered.lower() in n.lower() for n in names), names
    for text in s.not_offered:
        assert not any(text.lower() in n.lower() for n in names), names
    if s.flagged[0]:
        [warnings] = [w for n, w in treatments if n.lower().startswith(s.flagged[0].lower())]
        assert any(s.flagged[1].lower() in w.lower() for w in warnings), warnings
    # a withheld drug is never offered: no kept treatment names it
    for drug in s.withheld:
        assert not any(n.lower().startswith(drug) for n in names)


@pytest.mark.parametrize("s", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario(retriever, s: Scenario):
    condition = ConditionScore(id=f"cond-{s.id}", name=s.condition, icd10=s.icd10, probability=0.6)
    plan = retriever.recommend(s.patient, [condition], max_per_condition=s.max_per_condition)
    assert all(t.condition_id == condition.id for t in plan.treatments)
    check_plan(s, [(t.name, list(t.warnings)) for t in plan.treatments], list(plan.withheld),
               list(plan.unknown_drugs))
