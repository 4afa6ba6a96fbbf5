"""English irregular inflections and their base forms (went → go, took → take, children →
child), for looking English words up in dictionaries (:func:`workbench.dictionary.lookup.
english_key`): the common irregular verbs' past tenses and participles and the common irregular
plurals, as English grammars list them. A form that is as often a word of its own is left out
(found, left, saw, felt, fell, spoke, shot, drunk, rung, ground, bound, wound, rose, lay, bore;
leaves, lives), and so are the stop words' (was, had, did, said)."""

from __future__ import annotations


def _table(text: str) -> dict[str, str]:
    """``base form form ...`` lines as {form: base}."""
    out: dict[str, str] = {}
    for line in text.strip().splitlines():
        base, *forms = line.split()
        for form in forms:
            out[form] = base
    return out


IRREGULAR = _table("""
    arise arose arisen
    awake awoke awoken
    bear borne
    beat beaten
    become became
    begin began begun
    behold beheld
    bend bent
    beseech besought
    bid bade bidden
    bite bitten
    bleed bled
    blow blew blown
    break broke broken
    breed bred
    bring brought
    build built
    burn burnt
    buy bought
    catch caught
    choose chose chosen
    cling clung
    come came
    creep crept
    deal dealt
    dig dug
    draw drew drawn
    dream dreamt
    drink drank
    drive drove driven
    dwell dwelt
    eat ate eaten
    fight fought
    flee fled
    fly flew flown
    forbid forbade forbidden
    forget forgot forgotten
    forgive forgave forgiven
    forsake forsook forsaken
    freeze froze frozen
    fall fallen
    get got gotten
    give gave given
    go went gone goes going
    grow grew grown
    hang hung
    hear heard
    hide hid hidden
    hold held
    keep kept
    kneel knelt
    know knew known
    lay laid
    lead led
    lean leant
    leap leapt
    learn learnt
    lend lent
    lie lain
    light lit
    lose lost
    make made
    mean meant
    meet met
    overcome overcame
    pay paid
    ride rode ridden
    ring rang
    rise risen
    run ran
    see seen
    seek sought
    sell sold
    send sent
    shake shook shaken
    shine shone
    show shown
    shrink shrank shrunk
    sing sang sung
    sink sank sunk
    sit sat
    slay slew slain
    sleep slept
    slide slid
    sling slung
    smite smote smitten
    speak spoken
    speed sped
    spend spent
    spin spun
    spring sprang sprung
    stand stood
    steal stole stolen
    stick stuck
    sting stung
    stride strode stridden
    strike struck stricken
    strive strove striven
    swear swore sworn
    sweep swept
    swim swam swum
    swing swung
    take took taken
    teach taught
    tear torn
    tell told
    think thought
    throw threw thrown
    tread trod trodden
    understand understood
    wake woke woken
    wear wore worn
    weave wove woven
    weep wept
    win won
    withdraw withdrew withdrawn
    write wrote written
    child children
    man men
    woman women
    foot feet
    tooth teeth
    goose geese
    mouse mice
    ox oxen
    brother brethren
    knife knives
    wife wives
    loaf loaves
    thief thieves
    wolf wolves
    calf calves
    half halves
    shelf shelves
    self selves
""")
