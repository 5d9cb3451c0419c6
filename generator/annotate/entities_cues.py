"""Word lists the recogniser reads as cues: English function words and the
words news copy puts before or after a name (titles, organisation heads).

These are closed classes of the language, not names: the names themselves come
from data packages (see entities_lexicon.py).
"""
from __future__ import annotations

import calendar


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised only because they open a sentence or a headline: never a name.
FUNCTION_WORDS = _words("""
a an the and or but nor so yet if as at by for from in into of off on onto out
over to under up upon with within without about above across after against along
amid among around before behind below beneath beside besides between beyond
despite down during except inside near outside since through throughout toward
towards until unlike via while whilst although though because whether when where
whereas which who whom whose what why how i me my we us our you your he him his
she her it its they them their this that these those there here some many most
much more less all any each every both either neither no not none one other such
only also even still just than then once now already again ever never very too
meanwhile however moreover instead otherwise nonetheless elsewhere later earlier
is are was were be been being has have had do does did will would shall should
can could may might must said says say told according
""")

WEEKDAYS_AND_MONTHS = frozenset(
    name.lower() for name in (*calendar.day_name, *calendar.month_name) if name
)

# Words between capitalised words that keep them one name (al-, de, van, bin).
NAME_PARTICLES = ("al", "el", "ad", "as", "ash", "bin", "ibn", "bint", "abu", "de",
                  "del", "della", "da", "di", "du", "dos", "das", "van", "von",
                  "der", "den", "ter", "la", "le")
# Inside an organisation's name: Syrian Observatory for Human Rights, Ministry of Defence.
NAME_LINKS = ("of", "for")

# Titles that put a person's name after them (capitalised in front of it).
TITLE_WORDS = _words("""
president vice prime foreign defence defense interior finance deputy minister
ministers secretary secretary-general mr mr. mrs mrs. ms ms. dr dr. sir dame lord
lady general gen gen. colonel col col. lieutenant lt major maj captain capt
sergeant sgt commander admiral marshal king queen prince princess emir sultan
crown pope cardinal bishop archbishop imam ayatollah rabbi reverend rev rev.
senator sen sen. representative rep rep. governor gov gov. mayor judge justice
chancellor ambassador envoy spokesman spokeswoman spokesperson chief senior
rebel opposition militia leader
""")

# Lowercase words just before a name that make it a person (envoy Staffan de Mistura).
PERSON_BEFORE = _words("""
president minister envoy official officials spokesman spokeswoman spokesperson
leader commander chief secretary ambassador general colonel analyst activist
resident witness journalist correspondent reporter editor mayor governor
king queen prince sheikh imam cleric director chairman chairwoman founder head
lawyer judge doctor colleague
""")

# Lowercase words just after a name that make it a person.
PERSON_AFTER = _words("said says told added wrote warned insisted")

# The last word of an organisation's name (Aleppo Army, Syrian Observatory).
ORG_HEADS = _words("""
council army observatory group front brigade brigades movement party alliance
committee union ministry coalition network guard guards battalion battalions
forces force agency organisation organization commission court bank fund
institute university association federation company corporation corp inc ltd
authority office department service services police assembly parliament congress
senate command division corps regiment militia militias foundation programme
program mission crescent league nations bureau tribunal board club society
cabinet government administration international watch post times news journal
herald tribune gazette airlines airways reserve centre center exchange community
""")

# Lowercase words just around a name that make it an organisation (the X group).
ORG_AROUND = _words("""
group groups militia movement faction brigade party organisation organization
alliance coalition network agency outfit
""")

# Lowercase words after an organisation's name and before a person's (Hezbollah leader X).
ORG_BEFORE_PERSON = _words("""
leader leaders spokesman spokeswoman spokesperson commander commanders chief
fighters militants members official officials
""")

# The last word of a place's name (Old City, Hanano District).
PLACE_HEADS = _words("""
city district province governorate region valley river mountains mountain
square street island islands bay sea gulf strait desert heights plain plains
county state oblast peninsula coast lake camp crossing republic
""")

# Capitalised words that begin a place's name before a known place (Old Aleppo).
PLACE_MODIFIERS = _words("""
old new greater east west north south upper lower central eastern western
northern southern
""")

# Lowercase words just before a name that make it a place (in Aleppo, near Homs).
PLACE_BEFORE = _words("""
in into from near towards toward outside across around through throughout via
inside at eastern western northern southern central northeastern northwestern
southeastern southwestern
""")

# "neighbourhood of Sheikh Maqsoud": a place noun then "of" then the place.
PLACE_NOUNS = _words("""
city town village district neighbourhood neighborhood suburb province region
governorate outskirts capital area quarter
""")
