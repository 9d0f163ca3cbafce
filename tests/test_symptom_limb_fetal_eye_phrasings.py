"""Everyday phrasings the third blind sets showed unread, each as a family of ways of saying it:
a limb gone cold or white, pain that moved down to the lower right, a baby that has gone quiet
(a phrase that a generic pregnancy concept used to claim first), an eye that went dim, a child who
won't put weight on a leg, carbon monoxide signs (yellow flame, better away from home) and a tearing
pain; with look-alikes that must not be read as the finding."""

from __future__ import annotations

import pytest

from tests.support.reading import present


@pytest.mark.parametrize("text, cid", [
    ("my right leg suddenly went cold about 2 hours ago", "cold-pale-limb"),
    ("his foot has gone white and it hurts", "cold-pale-limb"),
    ("my leg is ice cold and numb", "cold-pale-limb"),
    ("started round my belly button then moved down to the lower right", "pain-migrating-to-right-lower-abdomen"),
    ("the pain has moved to the bottom right of my tummy", "pain-migrating-to-right-lower-abdomen"),
    ("baby hasn't moved much this last hour", "reduced-fetal-movements"),
    ("the baby's been very quiet today", "reduced-fetal-movements"),
    ("I haven't felt her move since last night", "reduced-fetal-movements"),
    ("the baby has gone quiet since yesterday", "reduced-fetal-movements"),
    ("this morning my right eye went dim for a few minutes", "diminished-vision"),
    ("my vision went dark in one eye", "diminished-vision"),
    ("I lost the sight in one eye for a minute", "diminished-vision"),
    ("my 4 yr old won't put any weight on his left leg", "unable-to-bear-weight"),
    ("she's refusing to walk since this morning", "unable-to-bear-weight"),
    ("he screams if I move his hip", "hip-pain"),
    ("the gas heater has a funny yellow flame", "carbon-monoxide-exposure"),
    ("we all feel better when we're away from home", "carbon-monoxide-exposure"),
    ("there are sooty marks around the boiler", "carbon-monoxide-exposure"),
    ("a sudden ripping sort of pain going through to my back", "tearing-pain"),
    ("tearing pain between my shoulder blades", "tearing-pain"),
    ("sudden constant pain in my bump", "pain-during-pregnancy"),
])
def test_plain_words_for_must_not_miss_findings(served_classifier, text, cid):
    assert cid in present(served_classifier, text)


@pytest.mark.parametrize("text, cid", [
    # a tummy that stays hard is not anxiety
    ("it's gone rock hard and won't relax", "anxiety-and-nervousness"),
    # a leg that went cold is not a common cold
    ("my leg suddenly went cold", "coryza"),
    # not putting weight on a leg is not weight gain
    ("he won't put any weight on his leg", "weight-gain"),
    # moving house is not pain that moved
    ("we moved down to the coast last year", "pain-migrating-to-right-lower-abdomen"),
])
def test_look_alikes_are_not_the_finding(served_classifier, text, cid):
    assert cid not in present(served_classifier, text)
