"""Plain words for must-not-miss findings, read by the served_classifier as served (lexical + embedding):
retention said as "haven't been able to", saddle numbness, green vomit, no wind, a high testicle,
a baby moving less, a cold white leg, drooling; and their normal look-alikes that must not be read
as the finding ("baby moving well")."""

from __future__ import annotations

import pytest

from tests.support.reading import present


@pytest.mark.parametrize("text, cid", [
    ("Haven't been able to pass any urine for about 10 hours", "retention-of-urine"),
    ("I haven't been able to pee since last night", "retention-of-urine"),
    ("my bottom feels numb, like sitting on a saddle", "saddle-anaesthesia"),
    ("I can't feel when I need to pee", "loss-of-bladder-or-bowel-sensation"),
    ("vomiting green stuff since this morning", "bilious-vomiting"),
    ("haven't passed wind or pooed since yesterday", "not-passing-wind"),
    ("the testicle looks higher than the other one", "high-riding-testicle"),
    ("the testicle looks higher than the other one and is too tender to touch", "pain-in-testicles"),
    ("I'm 36 weeks and I haven't felt the baby move today", "reduced-fetal-movements"),
    ("baby has hardly moved since this morning", "reduced-fetal-movements"),
    ("my left leg went cold and white an hour ago", "cold-pale-limb"),
    ("I can't swallow my own spit and I'm drooling", "unable-to-swallow-saliva"),
    ("he's sweating and talking rubbish", "confusion"),
    ("my eye suddenly got really painful", "pain-in-eye"),
    ("rainbow rings round lights", "visual-disturbance"),
    ("really bad pain low on my right side", "lower-abdominal-pain"),
    ("she swallowed one of those little round batteries", "swallowed-battery-or-magnet"),
    ("he shoots his milk across the room after every feed", "vomiting"),
    ("headaches since the carbon monoxide alarm went off", "carbon-monoxide-exposure"),
])
def test_plain_words_for_must_not_miss_findings(served_classifier, text, cid):
    assert cid in present(served_classifier, text)


@pytest.mark.parametrize("text, cid", [
    ("Baby moving lots.", "reduced-fetal-movements"),
    ("Baby moving well. No bleeding.", "reduced-fetal-movements"),
    ("Baby moving fine, no headaches", "reduced-fetal-movements"),
    ("Baby moving normally", "reduced-fetal-movements"),
    ("my eyes are not sore and my testicles aren't painful", "pain-in-testicles"),
    ("she did not swallow the battery", "swallowed-battery-or-magnet"),
    ("sneezing is worse at home, dusty house", "carbon-monoxide-exposure"),
])
def test_normal_look_alikes_are_not_the_finding(served_classifier, text, cid):
    assert cid not in present(served_classifier, text)
