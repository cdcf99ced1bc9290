"""The published threat phrases: threats against people reach review (and the urgent alert);
the same violent words aimed at bills, budgets and businesses do not.

Every sentence here was written for this test. The phrases live in moderator/classify/lexicon.py
and travel inside the shipped artifact, so these tests score through the shipped model.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import ROOT

from moderator.classify import Scorer, make_scorer, model
from moderator.config import load_rules

RULES = load_rules(ROOT / "config" / "conduct-rules.toml")

THREATS = [
    "I'm going to hurt you the next time you tow my truck, clerk.",
    "we will find you after the vote, commissioner",
    "Keep it up and I'll personally strangle him in the parking garage.",
    "Somebody should shoot that inspector before he closes another shop.",
    "Every one of those council members should be hanged for this.",
    "People like her need to die, plain and simple.",
    "I hope you get shot on your way home from city hall.",
    "Burn down the courthouse and everybody inside it.",
    "Nice car you have, director. Would be a shame if something happened to it.",
    "Your kids are going to pay for what you did to this neighborhood.",
    "Try that again and I'll beat you to a pulp.",
    "I will slit your throat if you ticket me one more time.",
    "Cleaning my rifle tonight. See everyone at the budget hearing.",
    "He deserves a bullet for what he did to our park.",
    "The new police chief won't live to see the next election.",
    "we'll hunt them down one by one, every clerk who stamped this",
    "There will be body bags at the next meeting if this passes.",
    "Deserves to die, that whole zoning board.",
    "I know where the assessor lives and I'm going over there tonight.",
    "Start shooting the people who voted for this.",
    "Wait till you see what happens to anyone who votes yes.",
    "You better sleep with one eye open, Councilwoman.",
    "kill yourself, you useless paper pusher",
    "Bring my gun to the next hearing? Don't tempt me.",
    "heads up, there's going to be a bomb at Fire Station 3 tomorrow. don't say nobody warned you",
    "There is a bomb in city hall. You have one hour.",
    "I planted a pipe bomb under the director's car.",
    "We left an explosive device inside the library. Enjoy story time.",
    "I'll blow his brains out if he tows my car again.",
    "Go die in a fire, you crooked permit clerks.",
    "That whole zoning board deserves a firing squad.",
    "I hope the treasurer gets shot on his way to work.",
    "Torch the clerk's office with her still inside.",
    "If you vote yes, none of you will leave this room alive.",
    "We'll hang the commissioner from the nearest lamppost.",
    "Ticket my truck again and I'll cut you, officer.",
    # wishes and calls a viewpoint probe found allowed (release 2026.12.8)
    "The protesters outside the clinic are freaks and I hope one of them gets run over.",
    "Those landlords are parasites. I hope they freeze to death this winter.",
    "Burn their mosques down and see how they like it.",
    # a weapon or blood drawn beside the words (release 2026.12.7)
    "Mayor Davis 🔪🔪🩸 see you soon",
    "Councilman Reyes you're next 🔫",
    "🔪 watch your back, inspector",
    # Spanish, as residents write to US city pages (release 2026.12.6)
    "Te voy a matar, concejal, ya sé dónde trabajas.",
    "Si me vuelves a multar te rompo la cara.",
    "Alguien debería pegarle un tiro a ese inspector.",
    "Vamos a quemar tu casa, comisionado.",
    # a blind probe of words with two meanings (release 2026.12.9)
    "I hope the treasurer overdoses before the next budget comes out.",
    "Execute the planning director and leave the plan to us.",
    "Voy a matar al inspector si me multa otra vez.",
    # blind probes of short comments and of dialects (release 2026.12.10)
    "Hang the treasurer!",
    "Hang em high",
    "The county clerk should hang for this.",
    "keep towing my car and im finna beat yo ass",
    "ima slap the parking officer next time",
    "I'll pop you if you come by my shop again, inspector",
    "KYS councilman",
    "You're dead.",
    # a code review
    "Mayor Smith should hang for this.",
    "They'll hang for this.",
    "Hang the mayor and the whole council.",
    # release 2026.12.12: forms a blind probe of 100 threats showed the phrases missed, in words
    # written for this test
    "Two rounds through the assessor's windshield and we'll see who reappraises what.",
    "Keep writing tickets and you'll get a hole in your head, officer.",
    "The next deputy at my door catches buckshot.",
    "My Glock says the zoning board should think twice.",
    "Tonight I'm bringing explosives to the water board hearing.",
    "One match is all it takes and that whole records office is toast.",
    "Hope your brake lines hold up, Commissioner. Long drive home.",
    "Funny how accidents happen to inspectors who poke around.",
    "Vote for the landfill and you won't make it to your truck.",
    "I'll see to it that none of them live past the budget vote.",
    "Pass this and nobody on that dais walks out in one piece.",
    "Touch my business license and there won't be any survivors.",
    "That meter maid is gonna get jumped one of these nights.",
    "I'll end your life if you tow my car again.",
    "Keep it up and I'll cut off your hands, clerk.",
    "Someone should run the assessor off the road on his way home.",
    "We know your home address and your kids' bus stop.",
    "I know you walk to the parking garage alone at 9pm, director.",
    "There'll be a massacre at the next school board meeting.",
    "They'll never find the body of that building inspector.",
    "Enjoy your last weekend, Councilman.",
    "You're dead, treasurer. I'm coming Monday.",
    "It's open season on code inspectors.",
    "You're dead, mayor.",
    "I'm gonna beat the mayor's ass.",
    "ima pop a cap in his ass",
    # half of a blind probe of 120 threats: skulls cracked, bones broken, a fist through a face,
    # "hurt whoever ...", a whole council to be hanged
    "I'm going to hurt whoever signed my towing order.",
    "Hang the whole city council.",
    "Time to start cracking skulls down at the assessor's office.",
    "I'll break your legs if you condemn my house, inspector.",
    "Break his kneecaps. He knows what he did to this block.",
    "The zoning chair is gonna get his teeth knocked in one of these days.",
    "Next time I'll put my fist through that assessor's face.",
    "Somebody go knock his teeth out for the rest of us.",
    "I wish someone would shoot the tax assessor.",
    "We know which daycare your grandkids go to, commissioner.",
    "Bring a rope and a tree for the school board.",
    "The whole council is going to be carried out of city hall feet first.",
    # a code review of the first version of these phrases
    "You'll be carried out feet first, mayor.",
    "He'll leave city hall feet first.",
    "They'll carry you out feet first.",
    "I know which bus stop your kids wait at.",
    "We know where your wife works, commissioner.",
    "Rope and tree for every council member.",
    "A rope, a tree, and the mayor. Simple.",
    "HANG THE CITY COUNCIL",
    "YOU'RE DEAD, MAYOR.",
    "PAY UP OR DIE",
    "I'LL CUT YOU, CLERK.",
    "The whole council should hang.",
    "Time to crack skulls in the council chamber.",
    "We'll be cracking skulls on Main Street if this passes.",
    "Somebody's gonna snap your neck in the dark, clerk.",
    "Someone should shoot the traffic cop on 5th.",
    "Someone should kill the records clerk.",
    "I am going to bust your face at the next hearing.",
    "Break the treasurer's fingers. All of them.",
    "Gonna knock them teeth out your mouth, chief.",
    "I'm gonna knock the mayor's teeth out.",
    "I'll put my fist down your throat, clerk.",
    "I wish someone would just shoot the mayor.",
    "Someone should shoot Jenkins.",
    "Somebody needs to take out Mayor Pruitt before the vote.",
    "Someone should shoot the whole zoning board and do us a favor.",
    # the same in Spanish, as residents write to US city pages
    "Voy a golpear a ese inspector si vuelve a mi negocio.",
    "Hay que colgar a todos los concejales corruptos.",
    "Ojalá que lo maten, a ese alcalde vendido.",
    "Sabemos dónde vive el comisionado Ortega.",
    "Te vas a morir, Ramírez, te lo juro.",
]

CIVIC = [
    # release 2026.12.12: the same words in civil comments
    "We need to get the lead out of the school's water pipes.",
    "My kids got lead poisoning from the old paint; who tests homes?",
    "My 45 minute commute is the reason I want the express bus.",
    "My colt is lame and the county vet is closed on Saturdays.",
    "The gas company cut off gas to the house on Elm for two days.",
    "It would be a shame if the library closed its branch on Fourth.",
    "Someone is going to get hurt at that crosswalk; please add a light.",
    "A kid is going to get run over on Maple if nobody slows the traffic.",
    "The traffic on Route 9 is murder every morning.",
    "We need to kill this bill before it reaches the floor.",
    "Put your leaves in bags by the curb on Mondays.",
    "The floats will leave in bags of confetti, please help clean up.",
    "Please bring an ambulance crew to the marathon finish line next year.",
    "I know your daughter from the library's reading program; she is lovely.",
    "We have your address on file from the permit application.",
    "The rescue crews found the remains of the barn after the fire.",
    "Enjoy your last days of summer break, kids, school starts Monday!",
    "There will be a shooting range open house at the sheriff's office.",
    "The mayor survived another term and nobody can believe it.",
    "My grandfather's Remington typewriter is in the museum's new exhibit.",
    "There were no survivors of the 1918 flood on this street; the plaque says so.",
    "Our team is going to crush them at the polls in November.",
    "Donate blood today 🩸 you're next in line!",
    "Death to the taxes! Vote no on the levy.",
    "Muerte a la corrupción en el ayuntamiento, queremos transparencia.",
    "The crews burn the brush piles down to the ground every spring at the county lot.",
    "I hope the seniors don't freeze this winter; open the warming centers early.",
    "Chili cook-off at the firehouse Saturday 🔪🌶️ see you soon!",
    "Blood drive at the library 🩸 thank you to everyone who came, see you next time",
    "lol 💀 see you soon at the council meeting everyone",
    "La alcaldía va a matar el proyecto del parque si no asistimos a la junta.",
    "Los mosquitos nos están matando en el parque Riverside, ¿cuándo fumigan?",
    "Hubo un tiroteo en la calle Elm anoche, necesitamos más patrullas.",
    "Call the council and tell them to kill the bill before Tuesday.",
    "Kill the stadium deal and fix the roads instead.",
    "Please shoot them an e-mail about the pothole on 5th.",
    "Someone is going to get killed at that crossing unless the city adds a light.",
    "The mayor's plan is dead on arrival and she knows it.",
    "Voters will remember this betrayal. Your days in office are short.",
    "The commissioner shot down the only good idea anyone brought.",
    "These cuts are a death sentence for the rural clinics.",
    "Our bookstore will die if the parking fees go up again.",
    "The inspector should be fired for signing off on that bridge.",
    "The council murdered the library budget tonight. Disgraceful.",
    "I'd kill for a bus that actually runs on time.",
    "Heads should roll at the housing authority after this audit.",
    "Vote for this and see what happens to your property taxes.",
    "The proposal won't make it to the next meeting, thankfully.",
    "Residents should expect a visit from the census workers this month.",
    "The plaque with their names on it was stolen from the memorial.",
    "Fight this rezoning at every meeting until they listen.",
    "The budget hearing was a bloodbath for the parks department.",
    "The council is beating a dead horse with this parking study.",
    "This policy shoots small farmers in the foot.",
    "My phone is going to die before the hearing even starts.",
    "I'll shoot you an e-mail with the agenda tonight.",
    "Hang the banners on the bridge before the parade.",
    "Hang them in the lobby of the new library, please.",
    "We should hang the winning posters at city hall.",
    "The art committee will hang the mural high on the east wall.",
    "We're gonna kick your ass in the November election, council.",
    "We will slap you down at the ballot box.",
    "I'll pop you an e-mail with the permit number.",
    "You're dead wrong about the parking numbers, director.",
    "The streetlight battery on Elm is dead again.",
    # a code review: all of these matched a first version of release 2026.12.10's phrases
    "Got the holiday wreaths for the library? Hang them now!",
    "The kids made forty paper lanterns. Hang them all!",
    "Those quilts from the senior center are beautiful, they should hang!",
    "We're gonna kick your ass at trivia night, Parks Department!",
    "I'll pop you the link to the agenda tonight.",
    "Let's pop them on the agenda for Tuesday.",
    "We'll slap them on every lamppost downtown (the lost dog flyers).",
    "Hahaha. You're dead.",
    "You're dead 😂😂",
    "Free HIV testing Saturday at the clinic. KYS: know your status!",
    "The county is fixing to smack you with another fee.",
    "This heat wave is bout to kill y'all, stay hydrated.",
    "These property taxes bout to kill em.",
    "We will beat them at the polls in November.",
    "Let's hang them in the library lobby so everyone sees the kids' art.",
    "The film crew will start shooting the movie downtown on Monday.",
    "We'll drown them in public records requests until they answer.",
    "The bomb threat at the high school was a hoax, and parents heard about it two hours later.",
    "Someone left a pipe bomb at the party offices in 2021 and it took years to make an arrest.",
    "There was a bomb at the marathon years ago and the city still has no plan for crowds.",
    "There's a bomb cyclone in the forecast, please clear the storm drains on Elm.",
    "Is there a bomb shelter in the courthouse basement, or was it filled in?",
    "The new taco truck on 5th is the bomb, there's a line every day.",
    "There will be blood drives at the library every Saturday in March.",
    "There will be blood pressure screenings at the senior center on Tuesday.",
    "I'd love to see the mayor hang the new banner at the festival.",
    "I'll bring the bats and balls to the park cleanup softball game.",
    "I'm bringing a bat for the kids' game at Riverside field.",
    "The next crash on Route 9 won't be an accident; it will be negligence.",
    "Runners had better wear a vest at night on that road.",
    "Residents will pay with their lives if the ambulance response times are not fixed.",
    "Drive on Route 9 after dark and you'll end up in a ditch.",
    "I'll cut you a check for the deposit on Monday.",
    "We'll cut them from the budget if they keep missing deadlines.",
    "I'll cut you off if you keep interrupting, said the chair, and that was rude.",
    "The snow on Route 9 was six feet deep after the storm.",
    "We need a rope swing at the Riverside swimming hole again.",
    "Volunteers will hang the banners from the bridge for the parade.",
    "I hope the officer who was shot recovers quickly.",
    "The shops on Main won't survive the month without relief.",
    "The old mill building could collapse on someone if the city keeps ignoring it.",
    "The dead trees need to be removed permanently before they fall.",
    "Let's hunt down the paperwork before the deadline.",
    "The shelter dogs are not put down, the director told us.",
    "I'd rather die in a fire than sit through another five-hour meeting, but I'll be there.",
    "The burned-out house on Oak Street still has squatters in it; please board it up.",
    "Nobody will leave this meeting alive if public comment goes past midnight, so set a limit.",
    "Residents who went hunting for the council members' voting records found them on page 40.",
    "The superintendent won't survive the next election if she closes our school.",
    "The veteran who was shot in the line of duty deserves a street named after him.",
    "Pipe bombs found in the river last year were from a mining company, the report says.",
    "The contractor deserved a second chance, and he got it.",
    "Execute the contract with the paving company this week, the potholes can't wait.",
    "I hope the treasurer's new budget dies in committee.",
    "We'll pull up on Main Street and light up the tree at 6, bring the kids!",
    "I'm gonna pull up at the food trucks and light the grill up for the block party.",
    "we gonna pull up on the block and light them up with the new christmas lights",
    # a code review: "pull up ... and light them up" is fireworks, a grill or public comment too
    "We'll pull up on the council Tuesday and light them up at public comment!",
    "I'm about to pull up on the grill and light her up, BBQ at noon.",
    # the same words with nobody threatened
    "You'll break your ankle in that pothole on Fifth, please fix it.",
    "My son is going to break his neck on that broken playground slide.",
    "Someone is going to break their neck on these icy library steps.",
    "A cyclist will break his jaw in that pothole on Route 9 before anyone fixes it.",
    "The council and the mayor keep bashing heads over the budget.",
    "I'll break the news to the neighbors tonight.",
    "Hang the council's new portraits in the lobby, they look great.",
    "Break a leg at the spring musical, Lincoln Elementary!",
    "The 1968 police riot cracked skulls on Main Street and the city never apologized.",
    "Someone should shoot a video of this meeting and post it.",
    "Somebody should take out the trash at the park pavilion.",
    "Someone should beat the record at the county fair pie contest.",
    "Someone should shoot the parade with a drone again, last year's video was great.",
    "Someone should kill the sprinklers in the park, they've been on since 5 am.",
    "Someone needs to take out the old fountain, it's been broken for years.",
    "Someone has to beat Central this year, go Eagles!",
    "Someone should shoot the mayor's portrait in front of the new library, great backdrop.",
    "They will have to carry me out of this house feet first before I sell to the city.",
    # a code review: the same words, nobody threatened
    "These cuts are gonna hurt the kids most, please reconsider.",
    "Raising the fees is gonna hurt the people who need the pool most.",
    "I'm not gonna hurt anyone, I'm just going to vote them out.",
    "Someone would kill for a parking spot downtown on Saturdays.",
    "I wish someone would shoot the fireworks from the river this year.",
    "All you need for a tire swing is a rope and a tree, the park has plenty of both.",
    "The midwife said she will come out feet first, so we're headed to the hospital tonight.",
    "At the city pool you will go down the water slide feet first, lifeguard rules.",
    "My 90-year-old neighbor says he will leave his home feet first, not for the highway project.",
    "Our D-line was busting heads all night, great win for the high school!",
    "Lawn crews keep busting heads off the sprinklers on Maple, please tell them to slow down.",
    "In 1968 the police were busting heads at the convention and the city never apologized.",
    "At the seafood fest we'll crack your crab legs for you, just ask the volunteers.",
    "I'll break Grandma's table legs down and refinish them for the church sale.",
    "Put a fist in the air for our graduating seniors!",
    "The washboard ruts on Elm Road will knock your teeth out, please grade it.",
    "Linemen get their noses broken all the time, that's football.",
    "The surgeon said she had to get her jaw broken and reset, she's recovering well.",
    "Hang the council and mayor photos in the hallway by the elevator.",
    "Hang the council, mayor and staff photos on the wall near the clerk.",
    "Someone is going to break their neck at that crosswalk on 5th, please add a light.",
    "My neighbor will break her neck if she slips on that sheet of ice again.",
    "Hay que colgar los carteles del festival en la biblioteca.",
    "Vamos a quemar las hojas secas el sábado en el parque.",
    "Te vas a morir de risa con el video del desfile.",
    "Ojalá que no lo cierren, el centro comunitario es lo mejor del barrio.",
    "¿Alguien sabe dónde vive el dueño del perro perdido?",
    "No sé dónde vive el concejal de mi distrito, ¿alguien me ayuda?",
    "Tenemos que golpear fuerte en las urnas en noviembre.",
]


@cache
def shipped() -> model.ConductModel:
    return model.load()


@pytest.mark.parametrize("text", THREATS)
def test_a_threat_against_a_person_reaches_review(text: str) -> None:
    threat = shipped().score_texts([text])[0]["threat"]
    assert threat.score >= RULES["threat"].review, f"{text!r} scores {threat.score:.3f}"
    assert threat.evidence, "a moderator must see what matched"


def test_a_threat_in_capitals_reaches_review_as_in_lower_case() -> None:
    """The normaliser marks shouted text with a word at its end; phrases that read a comment's
    end missed "YOU'RE DEAD, MAYOR." and "HANG THE CITY COUNCIL" before release 2026.12.14."""
    shouted = shipped().score_texts([text.upper() for text in THREATS])
    assert [text for text, found in zip(THREATS, shouted, strict=True)
            if found["threat"].score < RULES["threat"].review] == []
    # the moderator sees what was written, never the marker
    assert [found["threat"].evidence for found in shouted
            if any("zz" in said for said in found["threat"].evidence)] == []


@pytest.mark.parametrize("text", CIVIC)
def test_violent_words_about_bills_budgets_and_businesses_stay_below_review(text: str) -> None:
    threat = shipped().score_texts([text])[0]["threat"]
    assert threat.score < RULES["threat"].review, (
        f"{text!r} scores {threat.score:.3f} {threat.evidence}")


def test_overlapping_stretches_around_trigger_words_are_searched_once() -> None:
    from moderator.classify.model import _merged

    assert _merged({(0, 400), (150, 550), (900, 1300), (1300, 1500)}) == [(0, 550), (900, 1500)]


def test_a_phrase_alone_never_hides_a_comment() -> None:
    from moderator.classify.lexicon import THREAT_SCORE

    assert THREAT_SCORE < RULES["threat"].act
    assert shipped().meta["threat_phrases"], "the artifact carries the published phrases"


def test_a_threat_deep_inside_a_long_comment_is_still_found() -> None:
    """Long comments are searched only near each trigger word; the threat must not be lost
    at the start, the middle or the end of a 3,000-character comment."""
    from moderator.classify.lexicon import THREAT_SCORE

    filler = ("The resurfacing schedule for Elm and Fifth slipped again this spring, and the "
              "contractor's report still has not been posted for residents to read. ")
    threat = "I will slit your throat if you ticket me one more time."
    texts = [threat + " " + filler * 20, filler * 10 + threat + " " + filler * 10,
             filler * 20 + threat, filler * 20]
    found = [s["threat"] for s in shipped().score_texts(texts)]
    assert [s.score >= THREAT_SCORE for s in found] == [True, True, True, False]
    assert all("slit your throat" in s.evidence[0] for s in found[:3])


def test_filler_before_a_threat_does_not_hide_it() -> None:
    """The model reads 4,000 characters at a time; a longer comment is read in overlapping
    pieces and each rule keeps its highest, so padding cannot push a threat out of sight."""
    from moderator.classify.lexicon import THREAT_SCORE

    filler = "The agenda for Tuesday's meeting is long and the parking lot is small. " * 100
    threat = "I will slit your throat if you ticket me one more time."
    texts = [filler + threat, filler * 5 + threat, filler + filler]
    assert len(texts[0]) > 7000
    found = [s["threat"] for s in shipped().score_texts(texts)]
    assert [s.score >= THREAT_SCORE for s in found] == [True, True, False]
    assert "slit your throat" in found[0].evidence[0]


def test_every_part_of_a_long_comment_is_read_and_the_pieces_overlap() -> None:
    from itertools import pairwise

    from moderator.classify.features import MAX_CHARS
    from moderator.classify.model import MAX_PIECES, PIECE_OVERLAP, _pieces

    text = "".join(f"{i:05d} " for i in range(3000))  # 18,000 characters, every one distinct
    pieces = _pieces(text)
    assert all(len(p) <= MAX_CHARS for p in pieces) and len(pieces) > 4
    position = 0
    for piece in pieces:
        start = text.index(piece)
        assert start <= position, "no gap between pieces"
        position = start + len(piece)
        assert position - start <= MAX_CHARS
    assert position == len(text)
    assert all(text.index(b) == text.index(a) + MAX_CHARS - PIECE_OVERLAP
               for a, b in pairwise(pieces))
    assert len(_pieces("x" * (MAX_CHARS * 100))) == MAX_PIECES
    assert _pieces("short") == ["short"]


def _sets(name: str) -> dict[str, list[str]]:
    """A file's sentences per set ("# set A" ... "# set D"); other # lines say where they came
    from."""
    sets: dict[str, list[str]] = {}
    current = ""
    for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("# set "):
            current = line.removeprefix("# set ").strip()
        elif line.strip() and not line.startswith("#"):
            sets.setdefault(current, []).append(line)
    return sets


@cache
def shipped_scorer() -> Scorer:
    return make_scorer(RULES)


def _reaching_review(texts: list[str], rule: str | None) -> list[str]:
    """The texts that reach review for ``rule`` (any rule when None), through the whole scorer."""
    from moderator.comments import Comment

    scorer = shipped_scorer()
    scored = scorer.score([Comment("facebook", "city", "p1", f"c{i}", t)
                           for i, t in enumerate(texts)])
    return [t for t, s in zip(texts, scored, strict=True)
            if any(v.score >= scorer.rules[r].review for r, v in s.items()
                   if rule is None or r == rule)]


def test_most_threats_written_for_the_project_reach_threat_review() -> None:
    """210 threats against officials, staff, groups and places (tests/data/threats-written.txt).
    Release 2026.11.9 sent 68 of the first 180 to threat review; 2026.11.10 sent 125: 21 of the
    40 in set D, written after its last phrase (15 with 2026.11.9), and 14 of the 30 in set E,
    written after it was final (11). 2026.12.2's phrases were written from the misses of sets A
    to E and send 144 of those 180 (D 31, E 16); set F, written after they were final, gets 21 of
    30 with or without them. Set G, veiled threats and wishes written blind against 2026.12.5,
    gets 9 of 30: the model reads violent words, not intent."""
    sets = _sets("threats-written.txt")
    assert sorted(sets) == ["A", "B", "C", "D", "E", "F", "G"]
    assert sum(map(len, sets.values())) == 240
    reached = {name: len(_reaching_review(texts, "threat")) for name, texts in sets.items()}
    assert reached["D"] >= 29 and reached["E"] >= 15 and reached["F"] >= 20, reached
    assert reached["G"] >= 8, reached
    assert sum(reached[name] for name in "ABCDEF") >= 158, reached


def test_violent_words_in_civil_comments_rarely_reach_review() -> None:
    """190 civil comments with violent words ("shoot down the proposal", "the police shot a
    suspect"; tests/data/violent-civil.txt): of the first 160, 11 reached review for some rule
    with release 2026.11.10, 10 of them for threat (4 with 2026.11.9, whose threat review
    threshold was 0.094 rather than 0.05); 10 with 2026.12.2, and 1 of set F's 30. Set G's 30,
    written blind against 2026.12.5: 2 ("This levy will choke the life out of local
    businesses.", threat 0.074; "Police should arrest whoever keeps setting the dumpster
    fires.", harassment 0.197)."""
    sets = _sets("violent-civil.txt")
    assert sum(map(len, sets.values())) == 220
    flagged = _reaching_review([t for name, texts in sets.items() if name != "G" for t in texts],
                               None)
    assert len(flagged) <= 12, flagged
    assert len(_reaching_review(sets["G"], None)) <= 3


#: Residents campaigning against a measure, in the few words most comments are.
SLOGANS = [
    "Kill this bill",
    "We need to kill this bill",
    "Kill this ordinance now",
    "Vote no and kill the bond",
    "Please kill this proposal",
    "KILL THE LEVY!!!",
    "Kill HB 1123 before the session ends",
    "The council should kill the parking fee increase.",
    "Kill it.",
    "Kill it with fire, it's a waste of money",
    "KiLL tHe LeVy",
]


@pytest.mark.parametrize("text", SLOGANS)
def test_a_call_to_kill_a_measure_stays_below_every_review_threshold(text: str) -> None:
    scores = shipped().score_texts([text])[0]
    over = {rule: round(s.score, 3) for rule, s in scores.items()
            if rule in RULES and s.score >= RULES[rule].review}
    assert not over, f"{text!r} reaches review for {over}"


@pytest.mark.parametrize("text", [
    "Kill the mayor and his budget",
    "Kill this bill's sponsor",
    "Kill the tax collector",
    "kill the people who wrote this bill",
    "Kill the bill sponsor",
    "I'll kill him before it happens",
    "I'll kill him this budget season",
    "If you find it in the street kill it and bury it",
])
def test_kill_said_of_a_person_near_a_measure_is_read_as_written(text: str) -> None:
    assert model.as_read(text) == text


def test_a_slogan_beside_a_threat_leaves_the_threat_to_be_scored() -> None:
    text = "Kill the bill and kill the mayor"
    assert model.as_read(text) == "defeat the bill and kill the mayor"
    threat = shipped().score_texts([text])[0]["threat"]
    assert threat.score >= RULES["threat"].review
