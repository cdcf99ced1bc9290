"""Exact detectors beside the model: personal information, links, floods (and, in masked.py,
masked swear words).

They score what a word model cannot learn from the public data: a phone number (phonenumbers),
an e-mail address, an SSN-like number, a payment-card number that passes the Luhn check, a
street address, a link to a shortener, an unknown or deny-listed domain, and the same author
posting near-identical text several times within a window. The agency's own phone numbers,
addresses, e-mail addresses and domains (the ``[detectors]`` table) are never flagged.

Scores are placed relative to each rule's published thresholds: a finding that needs a human
lands halfway between the review and act thresholds, a certain one at the act threshold or
above, so changing thresholds never turns a "review" finding into an automatic hide. A street
address with no person near it (residents name places by address: "the pothole in front of 412
Oak Street") is only noted, at half the review threshold. Evidence masks numbers (a moderator
sees "phone number ending 0187"), since scores are shown widely.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import phonenumbers

from moderator.classify import Detector, History, RuleScore, Scores, literals
from moderator.classify.detector_config import DetectorSettings
from moderator.classify.masked import WORDS, MaskedWordDetector
from moderator.comments import Comment
from moderator.config import RuleBook

_DIGIT_OR_AT = re.compile(r"[\d@]")
#: A numeric character reference ("&#128514;", an emoji, as tweets in one data set keep them):
#: one character, not digits. Read as digits, two emoji made a number the phone-number matcher
#: spent a millisecond on (half its time over the shared data sets). Seven digits or more
#: between "&#" and ";", or a reference to no character, stays as written: it may be a number
#: to read.
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX][0-9a-fA-F]{1,5}|\d{1,6});")

_ASCII_DIGITS = b"0123456789"
_NUMBERISH = re.compile(r"\d(?:[\s().+-]{0,3}\d){6,}")
#: An IPv4 address (Wikipedia signs anonymous edits with one) is numberish but no phone number,
#: and the phone-number matcher spends a third of a millisecond rejecting one.
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)(\d{3})[- ](?!00)(\d{2})[- ](?!0000)(\d{4})"
                  r"(?![\d-])")
#: A number in an SSN's shape introduced as a public record's number ("Resolution No.
#: 482-09-2024", "Parcel 482 09 2024": a blind probe found a resolution hidden), unless an SSN is
#: named near it.
_RECORD_NUMBER_BEFORE = re.compile(
    r"\b(?:resolution|res|ordinance|ord|case|parcel|permit|docket|bill|invoice|claim|ticket|"
    r"citation|confirmation|tracking|lot|plat|agenda|motion|contract|project|grant)\.?\s*"
    r"(?:no\.?|#|number)?\s*[:#]?\s*$",
    re.IGNORECASE)
_SSN_NAMED = re.compile(r"\b(?:ssn|ss\s*(?:#|no\b|num|number)|social|tax id|tin|id)\b|'s\b|"
                        r"\b(?:his|her|their|my|your)\b", re.IGNORECASE)
#: A payment-card number: 13 to 19 digits starting 2 to 6 (every major network), standing alone,
#: not inside a link ("story_fbid=764484966942313") or a longer token.
_CARD = re.compile(r"(?<![\w=/%.#&?-])[2-6](?:[ -]?\d){11,17}\d(?![\w/])")
#: An e-mail address is found from its "@domain" (a literal first character scans fast); the
#: character before the @ must belong to a local part.
_EMAIL = re.compile(r"@([\w-]{1,63}(?:\.[\w-]{1,63})+)\b")
_LOCAL_PART = re.compile(r"[\w.+-]{1,64}$")
_SUFFIXES = ("street|st|avenue|ave|road|rd|lane|ln|drive|dr|court|ct|boulevard|blvd|way|place|"
             "pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl")
_ADDRESS = re.compile(r"\b\d{1,6}\s+((?:[A-Za-z][A-Za-z'.-]*\s+){1,3})(?:" + _SUFFIXES
                      + r")\b\.?(?:\s*(?:apt|unit|#)\s*\w+)?", re.IGNORECASE)
#: Words that do not name a street: "42 plows and my street" is not an address.
_NOT_STREET_NAMES = frozenset(
    "a an and are as at but by for from has have her his in is it its my no not of on or our "
    "per the their this to was we were with your more than times days years people plows cars "
    "houses homes blocks miles minutes hours".split())
_ADDRESS_HINT = re.compile(r"\d\s+[A-Za-z]")
#: A numbered street, with or without a direction ("1200 S 2nd St", "45 West 3rd Avenue"); not
#: "1st place".
_NUMBERED_STREET = re.compile(
    r"\b\d{1,6}\s+(?:(?:[NSEW]|north|south|east|west)\.?\s+)?\d{1,3}(?:st|nd|rd|th)\s+"
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr)\b\.?(?:\s*(?:apt|unit|#)\s*\w+)?",
    re.IGNORECASE)
#: A house number and a capitalised street name with no street word, said as where someone
#: lives ("Dale Whitmore lives on 18 Pine Knoll": a blind probe of city threads).
#: Not a place with a number in its name ("the ducks live at 3 Rivers Park", "he lives on 40
#: Acres Farm", "seniors living on 2 Incomes": a code review).
_LIVES_AT = re.compile(r"\b(?i:(?:live|lives|living|reside|resides) (?:at|on)|home is(?: at)?)"
                       r" (\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z'-]+|"
                       r"\d{1,3}(?i:st|nd|rd|th))(?:\s+[A-Z][a-z'-]+){0,2})\b(?!\s+[A-Z][a-z])"
                       r"(?<!Park)(?<!Field)(?<!Stadium)(?<!Casino)(?<!Plaza)(?<!Fitness)"
                       r"(?<!Library)(?<!Farm)(?<!Acres)(?<!Apartments)(?<!Center)(?<!Centre)"
                       r"(?<!Mall)(?<!Hotel)(?<!Eleven)(?<!Incomes)(?<!Jobs)(?<!Points)(?<!Hall)"
                       r"(?<!Club)(?<!Rivers)(?<!Corners)")
#: Strings one of which every match of _LIVES_AT holds ("lives on ", "home is "): the expression
#: starts with no literal, so the engine tries it at every character, about 10 µs a comment
#: with a number in it; a few substring tests rule most out.
_LIVES_AT_SCREEN = literals.screen(_LIVES_AT) or literals.Screen(("",), "")
#: At most this many address readings of each extra kind per comment: a hostile comment of
#: "lives at 1 Aa" repeated a megabyte long took minutes while each new reading was checked
#: against all the others (a code review).
_MAX_EXTRA_ADDRESSES = 20
#: Words that tie a number or an address to a person's private life, looked for within
#: :data:`_NEAR` characters of it: "he lives at", "her cell", "their home address", "dox".
#: Not "his" or "her" alone ("the mayor said in her speech that the library at 200 Oak Street
#: opens in May" is no disclosure), nor "my" (a resident's own address).
_PRIVATE_CONTEXT = re.compile(
    # not anyone's home in general ("call me if you live on the 2400 block"), and not the
    # writer's own tie ("I'm her son, call me at ...")
    r"\b(?:(?<!\bif you )(?<!\bwhen you )(?<!\banyone who )(?<!\beveryone who )(?<!\bwe )"
    r"(?<!\bpeople )(?<!\bresidents )(?<!\banyone )(?<!\bfolks )(?<!\bwho )"
    r"(?=live\b|living\b|reside\b)(?:live|living (?:at|on|in)|reside)|lives|resides|"
    r"home address|"
    r"(?<!\bi'm )(?<!\bim )(?<!\bi am )(?:his|her|your|he's|she's) "
    r"(?:own |private |personal |home |cell |new )?(?:home|house|place|address|apartment|apt|"
    r"cell|phone|number|e-?mail|wife|husband|kids?|children|daughter|son|family|girlfriend|"
    r"boyfriend)|their (?:own |private |personal |new )?(?:home|house|apartment|apt|cell|"
    r"wife|husband|kids?|children|daughter|son|family|girlfriend|boyfriend)|"
    r"(?:ex|wife|husband|girlfriend|boyfriend|brother|sister|mom|dad|mother|father|"
    r"son|daughter)'s (?:home|house|place|address|apartment|cell|phone|number|e-?mail)|"
    r"\w+'s (?:home|(?-i:house)(?! of)|cell)|home (?:phone|number|cell)|"
    r"(?:he|she)(?:'s| is)(?: now| staying)? (?:at|on) \d|"
    r"cell(?: phone| number| #)?(?: is|:)|(?:personal|private) (?:cell|phone|number|"
    r"address|e-?mail)|ssn|social security|cvv|dox\w*|find (?:him|her)|go get|"
    r"visit (?:him|her)|(?:go|come|let'?s|stop by and|swing by and|drop by and) see (?:him|her)|"
    r"pay (?:him |her |them )?a visit)\b", re.IGNORECASE)
_NEAR = 80
#: A seven-digit local number ("her cell is 555-0187", "call him at 867 5309"): phonenumbers
#: cannot read one without its area code, so one is read only right after a word that says it is
#: a number to call, in a country whose numbers have area codes of three digits (+1). Not after
#: "reach" or a dollar sign: "fines can reach $250-1000", "rents reach 900-1200 a month".
_LOCAL_NUMBER = re.compile(
    r"\b(?:(?:cell|phone|mobile)(?: ?(?:phone|number|no\.?|#))?|(?:his|her|their|my|your|"
    r"\w+'s) (?:number|#)|call|text|txt|dial)(?![\w'])[^\w\n$]{0,4}(?:(?:him|her|them|"
    r"me|us|is|at|on)\W{1,3}){0,2}(?<![\d-])([2-9]\d{2}[-. ]\d{4})(?![\d-]|\.\d)",
    re.IGNORECASE)
#: Private context that can be the writer's own: where one lives, one's cell, home number or
#: address. Said in the first person ("I live at", "my cell is", "my mother lives alone at"), it
#: is a resident asking for a callback or a visit, not a disclosure about someone else: it goes
#: to a moderator (who may hide it to protect the writer, and answers the request), not to an
#: automatic hide. Context that names someone else ("his cell", "the inspector's cell", "our
#: mayor lives at") never counts as the writer's own.
_LIVING = re.compile(r"lives?|living (?:at|on|in)|resides?", re.IGNORECASE)
_OWNED = re.compile(
    r"home address|home (?:phone|number|cell)|cell(?: phone| number| #)?(?: is|:)|"
    r"(?:personal|private) (?:cell|phone|number|address|e-?mail)", re.IGNORECASE)
_SELF_LIVING = re.compile(
    r"(?:\b(?:i|we)\s+|\b(?:i'm|i am|we're|we are)\s+|\bmy\s+(?:elderly\s+|older\s+|"
    r"disabled\s+)?(?:mother|mom|father|dad|parents?|grand(?:mother|father|ma|pa|parents?)|aunt|"
    r"uncle|son|daughter|kids?|children|wife|husband|partner|brother|sister)\b[^.!?]{0,40}?)"
    r"(?:still\s+|now\s+|currently\s+|also\s+)?$", re.IGNORECASE)
_SELF_OWNED = re.compile(r"\b(?:my|our)\s+$", re.IGNORECASE)
#: A number introduced as a public line ("the non-emergency line is", "call the billing office
#: at"): an office's number, not a person's.
_PUBLIC_LINE_BEFORE = re.compile(
    r"\b(?:hot ?line|help ?line|line|office|department|dept|desk|dispatch|switchboard|"
    r"non-emergency|billing|customer service|service center|call center|311|toll[- ]free|"
    r"main number|city hall|report(?: \w+){0,3})(?:\s+(?:number|phone|line))?"
    r"(?:\s+(?:is|at|on))?\s*[:,]?\s*$", re.IGNORECASE)
#: Numbers no one owns privately: toll-free, premium, shared-cost and universal access numbers.
_PUBLIC_NUMBER_TYPES = frozenset({phonenumbers.PhoneNumberType.TOLL_FREE,
                                  phonenumbers.PhoneNumberType.PREMIUM_RATE,
                                  phonenumbers.PhoneNumberType.SHARED_COST,
                                  phonenumbers.PhoneNumberType.UAN})
#: Someone an address could belong to, near it (outside the address itself, and not "Dr", which
#: is also a street's "Drive"): then it goes to review rather than being noted.
_PERSON = re.compile(
    r"\b(?:he|she|him|his|her|hers|mr|mrs|ms|mayor|council ?(?:man|woman|member|lor|or)|"
    r"alderm[ae]n|alderwoman|commissioner|judge|officer|inspector|sheriff|deputy|chief|clerk|"
    r"director|manager|superintendent|principal|landlord|neighbou?r|owner|guy|lady|family|"
    r"lives?|address)\b", re.IGNORECASE)
#: A place named just before an address ("the library at 200 Oak Street", "the pothole in
#: front of 412 Oak Street"): a location, not where someone lives.
_PLACE_BEFORE = re.compile(
    r"\b(?:library|office|station|park|school|store|shop|building|church|center|centre|hall|"
    r"site|lot|property|intersection|corner|crosswalk|pothole|sidewalk|hydrant|streetlight|"
    r"development|project|plant|clinic|hospital|restaurant|bar|cafe|business|warehouse|field|"
    r"pool|meeting|hearing|event|sale|construction|bridge|detour|closure|front|block)"
    r"\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
#: A government's own domain, or a state's or locality's .us domain ("clerk@springfield.il.us"):
#: an address there is an office's or an official's work address.
_STATES = ("al|ak|az|ar|ca|co|ct|de|dc|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|mo|mt|ne|nv|"
           "nh|nj|nm|ny|nc|nd|oh|ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|wi|wy|as|gu|mp|pr|vi")
#: (not the private parts of the .us namespace, "pvt.k12.ma.us" and "gen.ma.us")
_GOVERNMENT = re.compile(r"(?:^|\.)(?:gov|mil)(?:\.[a-z]{2})?$|^(?!(?:.*\.)?(?:pvt|gen)\.).+\.(?:"
                         + _STATES + r")\.us$")
_TLDS = ("com", "net", "org", "gov", "edu", "io", "ly", "co", "us", "uk", "biz", "info", "me",
         "tv", "gl", "app", "xyz", "site", "online", "shop", "club", "link", "top", "ru", "cn",
         "de", "fr", "ca", "au", "in", "be", "to", "gd", "at", "cc", "ws", "live", "store", "ai")
#: Links: any written with a scheme or "www.", and bare domains with a common ending; not the
#: parts of an e-mail address ("ask.me@news.example.com"), which is personal information.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+|(?<![@.\w-])(?:[a-z0-9-]{1,63}\.)+(?:"
                  + "|".join(_TLDS) + r")\b(?!@)(?:/[^\s<>\"')\]]*)?", re.IGNORECASE)
#: A cheap test every bare domain above passes: a dot and a known top-level domain (the regular
#: expression starts with a literal, which the engine scans for quickly).
_LINK_HINT = re.compile(r"\.(?:" + "|".join(_TLDS) + r")(?![a-z0-9-])", re.IGNORECASE)


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normal_address(text: str) -> str:
    """A street address in a comparable form: lower case, single spaces, common abbreviations."""
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    short = {"street": "st", "avenue": "ave", "road": "rd", "lane": "ln", "drive": "dr",
             "court": "ct", "boulevard": "blvd", "place": "pl", "terrace": "ter",
             "circle": "cir", "parkway": "pkwy", "highway": "hwy", "trail": "trl"}
    return " ".join(short.get(w, w) for w in words)


@dataclass(frozen=True)
class Levels:
    """Scores a detector gives for one rule: needs review, certain."""

    review: float
    act: float
    #: seen, with evidence, but not enough for review (half the review threshold)
    note: float = 0.0

    @classmethod
    def of(cls, rules: RuleBook, rule_id: str) -> Levels:
        if rule_id not in rules:
            return cls(0.6, 0.95, 0.25)
        rule = rules[rule_id]
        # act = 1 publishes "never automatically": certain findings then go to review
        certain = 0.99 if rule.act >= 1 else max(rule.act, 0.99)
        return cls(round((rule.review + rule.act) / 2, 4), certain, round(rule.review / 2, 4))


def _character(reference: re.Match[str]) -> str:
    character = html.unescape(reference.group())
    return reference.group() if character == "\ufffd" else character


def _said_of_oneself(text: str, context: re.Match[str]) -> bool:
    before = max(context.start() - 60, 0)
    if _LIVING.fullmatch(context.group()):
        return bool(_SELF_LIVING.search(text, before, context.start()))
    if _OWNED.fullmatch(context.group()):
        return bool(_SELF_OWNED.search(text, before, context.start()))
    return False


class PersonalInfoDetector:
    """Phone numbers, e-mail addresses, SSN-like and card numbers, street addresses."""

    history_seconds = 0.0

    def __init__(self, settings: DetectorSettings, levels: Levels) -> None:
        self.settings = settings
        self.levels = levels

    def findings(self, text: str) -> tuple[list[str], list[tuple[str, str, int, int]]]:
        """Certain findings as masked evidence strings, and findings that need context as
        (kind, evidence, start, end): kind is "phone", "e-mail" or "address"."""
        certain: list[str] = []
        maybe: list[tuple[str, str, int, int]] = []
        # an ASCII text's digits are counted at once: most texts reach here for an @mention
        # or a date, and a number to read needs seven digits (an address, one)
        digit_count = len(text) - len(text.encode().translate(None, _ASCII_DIGITS)) \
            if text.isascii() else len(text)
        numberish = digit_count >= 7 and any(not _IPV4.fullmatch(m.group())
                                        for m in _NUMBERISH.finditer(text))
        if numberish:
            for match in _SSN.finditer(text):
                before = text[max(match.start() - 40, 0):match.start()]
                if _RECORD_NUMBER_BEFORE.search(before) and not _SSN_NAMED.search(before):
                    continue
                certain.append(f"SSN-like number ending {match.group(3)}")
            for match in _CARD.finditer(text):
                digits = re.sub(r"\D", "", match.group())
                if (13 <= len(digits) <= 19 and _luhn(digits) and len(set(digits)) > 1
                        and not _SSN.fullmatch(match.group())):
                    certain.append(f"card number ending {digits[-4:]} (passes the Luhn check)")
            # strict grouping: "case 2024-118233" and "BLD-2024-003817" are not phone numbers
            for found in phonenumbers.PhoneNumberMatcher(
                    text, self.settings.region, leniency=phonenumbers.Leniency.STRICT_GROUPING):
                e164 = phonenumbers.format_number(found.number,
                                                  phonenumbers.PhoneNumberFormat.E164)
                if e164 in self.settings.agency_phones or phonenumbers.number_type(
                        found.number) in _PUBLIC_NUMBER_TYPES or self._public_line(
                        text, found.start, found.end):
                    continue
                maybe.append(("phone", f"phone number ending {e164[-4:]}", found.start,
                              found.end))
            if phonenumbers.country_code_for_region(self.settings.region) == 1:
                maybe += self._local_numbers(text, maybe)
        if "@" in text and text.find(".", text.index("@")) >= 0:
            for match in _EMAIL.finditer(text):
                local = _LOCAL_PART.search(text, max(match.start() - 64, 0), match.start())
                if local is None:
                    continue
                domain = match.group(1).lower()
                address = (local.group() + match.group()).lower()
                if address not in self.settings.agency_emails and not self.settings.allowed(
                        domain) and not _GOVERNMENT.search(domain):
                    maybe.append(("e-mail", f"e-mail address at {domain}", local.start(),
                                  match.end()))
        if digit_count and _ADDRESS_HINT.search(text):
            for match in _ADDRESS.finditer(text):
                if any(w.lower() in _NOT_STREET_NAMES for w in match.group(1).split()):
                    continue
                address = normal_address(match.group())
                if not any(address.startswith(own) or own.startswith(address)
                           for own in self.settings.agency_addresses):
                    maybe.append(("address", f"street address {match.group().strip()[:60]}",
                                  match.start(), match.end()))
            # numbered streets, then a street without a street word where someone lives
            for pattern, group in ((_NUMBERED_STREET, 0), (_LIVES_AT, 1)):
                if pattern is _LIVES_AT and not _LIVES_AT_SCREEN.admits(literals.fold(text)):
                    continue
                for match in itertools.islice(pattern.finditer(text), _MAX_EXTRA_ADDRESSES):
                    start, end = match.span(group)
                    if not any(kind == "address" and low < end and start < high
                               for kind, _, low, high in maybe):
                        maybe.append(("address", "street address "
                                      f"{match.group(group).strip()[:60]}", start, end))
        return certain, maybe

    def _local_numbers(self, text: str, phones: list[tuple[str, str, int, int]]
                       ) -> list[tuple[str, str, int, int]]:
        """Seven-digit numbers said to be a number to call, not inside a number already read,
        not the agency's own (its numbers' last seven digits) and not introduced as a line."""
        own = {number[-7:] for number in self.settings.agency_phones}
        found = []
        for match in _LOCAL_NUMBER.finditer(text):
            start, end = match.span(1)
            digits = re.sub(r"\D", "", match.group(1))
            if digits in own or any(low <= start < high for _, _, low, high in phones) or \
                    self._public_line(text, start, end):
                continue
            found.append(("phone", f"phone number ending {digits[-4:]}", start, end))
        return found

    @staticmethod
    def _public_line(text: str, start: int, end: int) -> bool:
        return bool(_PUBLIC_LINE_BEFORE.search(text, max(start - 60, 0), start)
                    and not _PRIVATE_CONTEXT.search(text, max(start - _NEAR, 0), end + _NEAR))

    def _level(self, text: str, maybe: list[tuple[str, str, int, int]]) -> float:
        """Act when private context is near a finding; review for a phone number or e-mail
        address, or an address with a person near it; otherwise an address is only noted."""
        level = self.levels.note
        for kind, _, start, end in maybe:
            low = max(start - _NEAR, 0)
            own = False
            for context in _PRIVATE_CONTEXT.finditer(text, low, end + _NEAR):
                if not _said_of_oneself(text, context):
                    return self.levels.act
                own = True
            if own or kind != "address" or (
                    _PERSON.search(text[max(start - _NEAR, 0):start] + " " + text[end:end + _NEAR])
                    and not _PLACE_BEFORE.search(text[max(start - 40, 0):start])):
                level = self.levels.review
        return level

    def detect(self, comments: Sequence[Comment], history: History) -> list[Scores]:
        results: list[Scores] = []
        for comment in comments:
            text = comment.text or ""
            if "&#" in text:
                text = _CHARACTER_REFERENCE.sub(_character, text)
            certain, maybe = self.findings(text) if _DIGIT_OR_AT.search(text) else ([], [])
            evidence = tuple(certain + [found[1] for found in maybe])[:8]
            if certain:
                results.append({"personal_info": RuleScore(self.levels.act, evidence)})
            elif maybe:
                results.append({"personal_info": RuleScore(self._level(text, maybe), evidence)})
            else:
                results.append({})
        return results


def extract_urls(text: str) -> list[str]:
    """Links in a comment: any with a scheme or "www.", and bare domains with a common ending
    (a spam link to a ``.xyz`` or ``.example`` site written with ``https://`` is a link too)."""
    if "." not in text or ("://" not in text and "www." not in text.lower()
                           and not _LINK_HINT.search(text)):
        return []
    return [m.group().rstrip(".,;:!?") for m in _URL.finditer(text)]


def reachable_host(domain: str) -> bool:
    return bool(_HOST.fullmatch(domain))


#: A host a browser could reach: a domain name ending in a top-level domain of letters (or
#: punycode), or an IPv4 address. "http://t.…", a link cut short where a tweet was, is none.
_HOST = re.compile(r"(?:[\w-]{1,63}\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})|"
                   r"\d{1,3}(?:\.\d{1,3}){3}")


def domain_of(url: str) -> str:
    """The host a browser would open: "https://prizes.example#.gov" is prizes.example, and so
    is "https://prizes.example\\.gov" (browsers read a backslash as a slash)."""
    host = re.split(r"[/?#\\]", re.sub(r"^[a-z]+://", "", url.lower()), maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    return host[4:] if host.startswith("www.") else host


class LinkDetector:
    """Links: deny-listed domains (certain spam), shorteners and unknown domains (review)."""

    history_seconds = 0.0

    def __init__(self, settings: DetectorSettings, levels: Levels) -> None:
        self.settings = settings
        self.levels = levels

    def detect(self, comments: Sequence[Comment], history: History) -> list[Scores]:
        results: list[Scores] = []
        for comment in comments:
            urls = extract_urls(comment.text or "")
            denied, doubtful = [], []
            for url in urls:
                domain = domain_of(url)
                if not _HOST.fullmatch(domain):
                    continue
                if self.settings.denied(domain):
                    denied.append(f"link to deny-listed {domain}")
                elif self.settings.shortener(domain):
                    doubtful.append(f"link shortener {domain}")
                elif not self.settings.allowed(domain):
                    doubtful.append(f"link to unknown domain {domain}")
            if denied:
                results.append({"spam": RuleScore(self.levels.act, tuple(denied + doubtful)[:8])})
            elif doubtful:
                results.append({"spam": RuleScore(self.levels.review, tuple(doubtful)[:8])})
            else:
                results.append({})
        return results


def _shingles(text: str) -> frozenset[str]:
    letters = " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())
    return frozenset(letters[i:i + 3] for i in range(max(len(letters) - 2, 1)))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two texts' character 3-gram sets."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


class FloodDetector:
    """The same author posting near-identical text ``flood_count`` times within the window."""

    def __init__(self, settings: DetectorSettings, levels: Levels) -> None:
        self.settings = settings
        self.levels = levels
        self.history_seconds = float(settings.flood_window_seconds)

    def detect(self, comments: Sequence[Comment], history: History) -> list[Scores]:
        # An author's history is shared by all their comments in the batch: work out each
        # comment's time and shingles once per call, not once per pair.
        seen: dict[str, tuple[float | None, frozenset[str]]] = {}
        results: list[Scores] = []
        for comment in comments:
            earlier = history.get((comment.platform, comment.author_id or ""), ())
            results.append(self._flood(comment, earlier, seen) if comment.author_id and
                           len(earlier) >= self.settings.flood_count - 1 else {})
        return results

    def _features(self, comment: Comment, seen: dict[str, tuple[float | None, frozenset[str]]]
                  ) -> tuple[float | None, frozenset[str]]:
        found = seen.get(comment.comment_id)
        if found is None:
            found = (_epoch(comment.created_at), _shingles(comment.text or ""))
            seen[comment.comment_id] = found
        return found

    def _flood(self, comment: Comment, earlier: Sequence[Comment],
               seen: dict[str, tuple[float | None, frozenset[str]]]) -> Scores:
        at, mine = self._features(comment, seen)
        window, threshold = self.settings.flood_window_seconds, self.settings.flood_similarity
        same = {comment.comment_id}
        for other in earlier:
            if other.comment_id in same or not other.text:
                continue
            when, theirs = self._features(other, seen)
            if at is not None and when is not None and abs(at - when) > window:
                continue
            # Jaccard >= t needs the smaller set to be at least t of the larger one.
            if min(len(mine), len(theirs)) < threshold * max(len(mine), len(theirs)):
                continue
            if similarity(mine, theirs) >= threshold:
                same.add(other.comment_id)
        if len(same) < self.settings.flood_count:
            return {}
        minutes = window / 60
        return {"spam": RuleScore(self.levels.act, (
            f"{len(same)} near-identical comments by this author within {minutes:g} minutes",))}


def _epoch(value: str | None) -> float | None:
    """Seconds since 1970 of an archive time (``YYYY-MM-DDTHH:MM:SSZ``), or None."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def build(settings: DetectorSettings, rules: RuleBook) -> list[Detector]:
    """The detectors, scoring relative to ``rules``' thresholds."""
    return [PersonalInfoDetector(settings, Levels.of(rules, "personal_info")),
            LinkDetector(settings, Levels.of(rules, "spam")),
            FloodDetector(settings, Levels.of(rules, "spam")),
            MaskedWordDetector({r: Levels.of(rules, r).review for r in WORDS if r in rules})]
