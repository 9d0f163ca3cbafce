"""Everyday phrasings of must-not-miss findings that the second blind set showed unread, each as a
family of ways people say it (not only the case's words), read by the served_classifier as served; and the
benign look-alikes that must not be read as the finding (help from a painkiller is not an overdose,
a cut that stopped bleeding is not severe bleeding)."""

from __future__ import annotations

import pytest

from healthmesh.clinical import Presence
from tests.support.reading import present


def read(served_classifier, text: str):
    return [f for f in served_classifier.classify(text).findings if f.presence in (Presence.PRESENT, Presence.UNKNOWN)]


def present(served_classifier, text: str) -> set[str]:
    return {f.code.removeprefix("symptom:") for f in read(served_classifier, text)}


@pytest.mark.parametrize("text, cid", [
    # the glass test in lay words
    ("purple pinprick marks on his tummy that stay when I press a glass on them", "non-blanching-rash"),
    ("tiny purple spots that don't fade when I press a glass", "non-blanching-rash"),
    ("she has a rash like bruises on her legs", "non-blanching-rash"),
    # thunderclap similes; the back of the head is a headache, not back pain
    ("pain in the back of my head like being clubbed", "worst-headache-of-life"),
    ("it felt like being hit over the head with a bat", "worst-headache-of-life"),
    ("something popped in my head and now it's agony", "worst-headache-of-life"),
    ("pain at the back of my head since this morning", "headache"),
    ("the base of my skull hurts", "headache"),
    # suicidal plans and preparations said without "suicide"
    ("I've been saving up my tablets and I'm going to take them all tonight", "suicidal-thoughts"),
    ("I've been stockpiling my pills", "suicidal-thoughts"),
    ("I've written the letters and said my goodbyes", "suicidal-thoughts"),
    # genital pain and a high testicle without the word testicle
    ("my son has a pain in his privates", "genital-pain"),
    ("one side is swollen and sits higher than the other", "high-riding-testicle"),
    # detached retina
    ("like a dark curtain coming down over my vision", "curtain-over-vision"),
    ("a shadow creeping across my vision", "curtain-over-vision"),
    ("a sudden shower of black floaters", "spots-or-clouds-in-vision"),
    ("flashes of light in my eye", "spots-or-clouds-in-vision"),
    # giant cell arteritis
    ("my scalp is sore when I brush my hair", "scalp-tenderness"),
    # dialysis and chemotherapy
    ("I missed my dialysis on Friday", "missed-dialysis"),
    ("missed my session at the kidney unit", "missed-dialysis"),
    ("had my chemo 8 days ago", "on-chemotherapy"),
    # a hot swollen joint
    ("my big toe is red, shiny and swollen", "joint-swelling"),
])
def test_plain_words_for_must_not_miss_findings(served_classifier, text, cid):
    assert cid in present(served_classifier, text)


def test_instant_onset_is_sudden(served_classifier):
    found = [f for f in read(served_classifier, "got an instant pain in my head") if f.code.endswith("headache")]
    assert found and found[0].onset == "sudden"


@pytest.mark.parametrize("text, cid", [
    ("Paracetamol takes the edge off the headache", "overdose"),
    ("ibuprofen does the trick", "overdose"),
    ("small cut, stopped bleeding after pressing for 5 minutes", "severe-bleeding"),
    ("the bleeding has stopped now", "severe-bleeding"),
    ("pain in my lower back", "headache"),
])
def test_normal_look_alikes_are_not_the_finding(served_classifier, text, cid):
    assert cid not in present(served_classifier, text)


def test_bleeding_that_has_not_stopped_is_still_severe(served_classifier):
    assert "severe-bleeding" in present(served_classifier, "the cut hasn't stopped bleeding after 20 minutes")
    assert "severe-bleeding" in present(served_classifier, "it won't stop bleeding")


@pytest.mark.parametrize("text, cid", [
    ("Big night on the vodka, woke up with a pounding head", "hangover"),
    ("Tight band feeling round my forehead by the end of the day", "headache"),
    ("Burning feeling rising up behind my breastbone after big meals", "heartburn"),
    ("shoulders are pink and a bit sore after I fell asleep at the beach", "sunburn"),
    ("baby's bottom is red and sore where the nappy touches", "diaper-rash"),
])
def test_everyday_self_care_phrasings(served_classifier, text, cid):
    assert cid in present(served_classifier, text)
