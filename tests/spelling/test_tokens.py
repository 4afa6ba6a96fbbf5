"""Which words of an English text the spell checker looks at, and how known words compare."""

from __future__ import annotations

from workbench.spelling.tokens import key_forms, latin_words, phrase_words, words


def texts(text: str) -> list[str]:
    return [w.word for w in words(text)]


def test_words_have_spans_into_the_text() -> None:
    text = "The Soviet’s council, don't panic!"
    found = words(text)
    assert [w.word for w in found] == ["The", "Soviet’s", "council", "don't", "panic"]
    assert all(text[w.start : w.end] == w.word for w in found)


def test_numbers_urls_mails_acronyms_and_other_scripts_are_not_words() -> None:
    text = (
        "In 1917 COVID-19 and 3rd H1N1 see https://exampel.org/pg?x=1 or www.exmple.com, "
        "mail ana.smiht@exampel.org; the UN and NATO met ثورة near snake_case a b."
    )
    assert texts(text) == ["In", "and", "see", "or", "mail", "the", "and", "met", "near"]


def test_a_run_joined_by_a_non_breaking_hyphen_holds_its_digit() -> None:
    # U+2011 (Word's Ctrl+Shift+-) joins as "-" and U+2010 do: "Covid", "Sars", "CoV" of
    # "Covid‑19", "Sars‑CoV‑2" were flagged, not those of "Covid-19"
    from workbench.spelling import SpellChecker, load_dictionary

    text = "Covid\u201119 and Sars\u2011CoV\u20112, Covid-19, Covid\u201019 in mid\u2011Septmber."
    assert texts(text) == ["and", "in", "mid", "Septmber"]
    speller = SpellChecker(load_dictionary("en_US"))
    assert [w.word for w in speller.misspellings(text)] == ["Septmber"]


def test_acronyms_plurals_and_possessives_are_not_words() -> None:
    text = "The MPs and NGOs read the EU's and NHS’s rules, CEOs' pay: Is A's AMs Amss?"
    assert texts(text) == ["The", "and", "read", "the", "and", "rules", "pay", "Is", "A's",
                           "Amss"]


def test_hyphenated_compounds_are_checked_part_by_part() -> None:
    assert texts("a well-knwon ex-President") == ["well", "knwon", "ex", "President"]
    found = words("well-knwon")
    assert found[1].start == 5 and found[1].end == 10


def test_quotes_around_a_word_are_not_part_of_it() -> None:
    assert texts("'Bolsheviks' and soviets' votes") == ["Bolsheviks", "and", "soviets", "votes"]


def test_latin_words_of_the_arabic_are_folded() -> None:
    assert latin_words("قال Lenin إن Pravda") == {"lenin", "pravda"}
    assert latin_words("لا شيء") == set()


def test_known_forms_cover_plurals_and_possessives() -> None:
    assert "bolshevik" in key_forms("Bolsheviks")
    assert "kerensky" in key_forms("Kerensky’s")
    assert key_forms("is") == ("is",)  # too short to be a plural
    assert "class" in key_forms("classes") and "worker" in key_forms("workers")
    # a plural ending added to a plural is no form of it (typed twice: a misspelling)
    assert "workers" not in key_forms("workerss")
    assert "masses" not in key_forms("masseses")


def test_phrases_give_their_words_as_written() -> None:
    assert phrase_words(["Central Committee", "ruling-class", "NATO"]) == {
        "central": "Central", "committee": "Committee", "ruling": "ruling", "class": "class",
        "nato": "NATO",
    }


def test_host_names_without_a_scheme_are_not_words() -> None:
    """News prose writes sites as host names (they were checked: 'au', 'nhs', 'io' flagged)."""
    text = ("See News.com.au, nhs.uk and who.int, docs.pyhton.org/3/lib or github.io; "
            "e.g. at 5 a.m. the U.S. team ended.Then recieve.")
    assert texts(text) == ["See", "and", "or", "at", "the", "team", "ended", "Then", "recieve"]


def test_a_word_cut_by_inline_tags_is_judged_whole() -> None:
    """A tag inside a word (a bold prefix, a styled first letter: 'gov<1>ern</1>ment',
    '<1>im</1>possible') flagged its parts 'ern', 'ment', 'im'."""
    from workbench.spelling import SpellChecker, load_dictionary

    speller = SpellChecker(load_dictionary("en_US"))
    text = "The gov<1>ern</1>ment found it <2>im</2>possible; <3>Th</3>e end<4/>."
    assert speller.misspellings(text) == []


def test_a_misspelled_word_cut_by_inline_tags_is_one_finding_of_the_whole_word() -> None:
    """A misspelled word so cut was flagged as its parts: 'ciev' of 're<2>ciev</2>e'
    (suggesting civ, Kiev), 'Recie' and 've' of '<2>Recie</2>ve'. It is one word, without its
    tags, its span the whole written word (the tags beside it whose partners it holds too);
    an empty tag (a line break) still parts two words."""
    from workbench.spelling import SpellChecker, load_dictionary

    speller = SpellChecker(load_dictionary("en_US"))
    text = ("The <1>gov</1>ernmnet and <2>Recie</2>ve said<3/>hello teh re<4>ciev</4>e "
            "<5>goverment</5>al; said<6/>helo.")
    found = speller.misspellings(text)
    assert [w.word for w in found] == [
        "governmnet", "Recieve", "teh", "recieve", "govermental", "helo"]
    assert [text[w.start:w.end] for w in found] == [
        "<1>gov</1>ernmnet", "<2>Recie</2>ve", "teh", "re<4>ciev</4>e",
        "<5>goverment</5>al", "helo"]
    assert speller.quick_suggest("recieve")[0] == "receive"
    # the project's words and the segment's Arabic judge the whole word too
    assert SpellChecker(load_dictionary("en_US"), ["Recieve", "governmnet"]).misspellings(
        "<2>Recie</2>ve <1>gov</1>ernmnet") == []
    assert speller.misspellings("<1>Pra</1>vdaa", source="قرأ Pravdaa") == []


def test_retag_keeps_the_tags_of_a_word_with_its_letters() -> None:
    """A suggestion put for a word cut by tags keeps them, before the same letters."""
    from workbench.text.tags import retag

    assert retag("re<2>ciev</2>e", "receive") == "re<2>ceiv</2>e"
    assert retag("<1>goverment</1>al", "governmental") == "<1>government</1>al"
    assert retag("<1>gov</1>ernmnet", "government") == "<1>gov</1>ernment"
    assert retag("<4>Recie</4>ve", "Receive") == "<4>Recei</4>ve"
    assert retag("a<1>lo</1>t", "a lot") == "a <1>lo</1>t"
    assert retag("teh", "the") == "the"


def test_hashtags_and_handles_are_not_words() -> None:
    """A news or health text quotes campaigns and accounts (#StayHome, @WHONews): they were
    flagged; a '#' or '@' after a letter (C#, an e-mail) or alone is no hashtag."""
    text = "Follow @WHONews, #StayHome and #stayhme; C# and # recieve, mail a@b"
    assert texts(text) == ["Follow", "and", "and", "recieve", "mail"]
