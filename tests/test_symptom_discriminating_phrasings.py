"""Everyday phrasings of discriminating findings that the classifier did not read: heel pain worst on
the first steps, a rash in the skin creases, a sandpaper rash, ear pain when the outer ear is pulled,
creaky joints, stomach pain eased by eating, tummy pain eased by a bowel movement, flank pain said
as "my side at the back", an uneven pulse, a baby drawing the legs up and redcurrant-jelly nappies;
with look-alikes that must not be read as the finding."""

from __future__ import annotations

import pytest

from tests.support.reading import present


@pytest.mark.parametrize("text, cid", [
    ("my heel is agony with the first steps out of bed", "pain-on-first-steps"),
    ("it's worst for the first few steps in the morning", "pain-on-first-steps"),
    ("he has red itchy skin in the creases of his elbows", "rash-in-skin-creases"),
    ("the rash is mostly behind her knees", "rash-in-skin-creases"),
    ("a red rash that feels like sandpaper", "sandpaper-rash"),
    ("it hurts when I pull on the ear", "pain-on-pulling-ear"),
    ("my knees creak on the stairs", "joint-crepitus"),
    ("the stomach ache is worse when I'm hungry", "pain-relieved-by-eating"),
    ("the cramps ease after I go to the loo", "pain-eased-by-bowel-movement"),
    ("a dull ache in my left side round the back", "side-pain"),
    ("my pulse feels all over the place", "irregular-heartbeat"),
    ("he screams and pulls his knees up", "irritable-infant"),
    ("there was blood in her nappy", "blood-in-stool"),
])
def test_everyday_words_for_discriminating_findings(served_classifier, text, cid):
    assert cid in present(served_classifier, text)


@pytest.mark.parametrize("text, cid", [
    # a sore throat said with sandpaper is not a rash
    ("my throat is like sandpaper", "sandpaper-rash"),
    # a baby tugging at an ear is ear pulling, not pain on pulling the outer ear
    ("he keeps pulling at his ear", "pain-on-pulling-ear"),
    # the outer side of a limb is not the flank
    ("the outer side of my elbow hurts", "side-pain"),
])
def test_look_alikes_are_not_the_finding(served_classifier, text, cid):
    assert cid not in present(served_classifier, text)


def test_fever_is_kept_beside_shivering(served_classifier):
    assert "fever" in present(served_classifier, "high temperature with shaking and shivering")
