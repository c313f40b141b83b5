"""What a filing is, in words and in themes: 8-K items and form types described for investors,
mapped to the themes of SPEC section 1, and the test for "this 8-K announces a notes offering"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from watchers.sec_filings import Filing, FilingDocument

#: The theme names of SPEC section 1 (watchers import no sibling package, so they are spelled out here).
CAPITAL_DEPLOYMENT = "capital_deployment"
ENERGY_ARBITRAGE = "energy_arbitrage"
DEBT_TERMS = "debt_terms"
DEPIN = "depin"
REGULATION = "regulation"
THEME_ORDER = (CAPITAL_DEPLOYMENT, ENERGY_ARBITRAGE, DEBT_TERMS, DEPIN, REGULATION)

#: A theme classifier over a filing's title / exhibit text; returns theme names.
ThemeClassifier = Callable[[str], Iterable[str]]

#: Every Form 8-K item, by its heading; the longest headings are shortened to what an investor reads.
ITEM_DESCRIPTIONS: dict[str, str] = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "1.03": "Bankruptcy or Receivership",
    "1.04": "Mine Safety – Reporting of Shutdowns and Patterns of Violations",
    "1.05": "Material Cybersecurity Incidents",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation",
    "2.04": "Triggering Events That Accelerate or Increase a Direct Financial Obligation",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "2.06": "Material Impairments",
    "3.01": "Notice of Delisting or Failure to Satisfy a Continued Listing Rule; Transfer of Listing",
    "3.02": "Unregistered Sales of Equity Securities",
    "3.03": "Material Modification to Rights of Security Holders",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "4.02": "Non-Reliance on Previously Issued Financial Statements",
    "5.01": "Changes in Control of Registrant",
    "5.02": "Departure or Appointment of Directors or Officers; Compensatory Arrangements",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.04": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "5.05": "Amendments to the Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "5.06": "Change in Shell Company Status",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "5.08": "Shareholder Director Nominations",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "6.06": "Static Pool",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}
#: Item 9.01 only lists the exhibits; it is left out of a description when other items say more.
EXHIBITS_ITEM = "9.01"

#: Form types in words (the "/A" amendment suffix is handled separately).
FORM_DESCRIPTIONS: dict[str, str] = {
    "8-K": "Current report",
    "6-K": "Current report of a foreign issuer",
    "10-K": "Annual report",
    "10-Q": "Quarterly report",
    "20-F": "Annual report of a foreign issuer",
    "40-F": "Annual report of a Canadian issuer",
    "S-1": "Registration statement",
    "S-3": "Shelf registration statement",
    "S-3ASR": "Automatic shelf registration statement",
    "F-1": "Registration statement of a foreign issuer",
    "F-3": "Shelf registration statement of a foreign issuer",
    "F-3ASR": "Automatic shelf registration statement of a foreign issuer",
    "S-8": "Registration of shares for employee plans",
    "424B1": "Prospectus",
    "424B2": "Prospectus supplement",
    "424B3": "Prospectus supplement",
    "424B4": "Final prospectus",
    "424B5": "Prospectus supplement",
    "424B7": "Prospectus supplement (resale)",
    "DEF 14A": "Proxy statement",
    "PRE 14A": "Preliminary proxy statement",
    "3": "Initial statement of insider ownership",
    "4": "Insider transaction",
    "5": "Annual statement of insider ownership",
    "144": "Notice of proposed sale of restricted shares",
    "SC 13D": "Activist stake (over 5%)",
    "SC 13G": "Passive stake (over 5%)",
    "SCHEDULE 13D": "Activist stake (over 5%)",
    "SCHEDULE 13G": "Passive stake (over 5%)",
    "NT 10-K": "Notice of late annual report",
    "NT 10-Q": "Notice of late quarterly report",
}

#: Items whose theme does not depend on the text.
ITEM_THEMES: dict[str, tuple[str, ...]] = {
    "2.01": (CAPITAL_DEPLOYMENT,),  # an acquisition or disposition of assets
    "2.04": (DEBT_TERMS,),  # acceleration of a debt obligation
    "3.02": (DEBT_TERMS,),  # unregistered share sales: dilution
}
#: Items that are about debt or about deploying capital, depending on what the agreement is.
AGREEMENT_ITEMS = frozenset({"1.01", "1.02", "2.03"})
#: Items that say nothing by themselves; the classifier reads the text.
OPEN_ITEMS = frozenset({"7.01", "8.01"})
#: Registration statements and prospectuses: new shares or notes, i.e. financing and dilution.
DILUTION_FORM_PREFIXES = ("424B", "S-1", "S-3", "F-1", "F-3")
#: Current reports whose subject is only in their text.
CURRENT_REPORT_FORMS = frozenset({"8-K", "6-K"})

_DEBT_WORDS = re.compile(
    r"\b(?:convertible|notes? (?:due|offering)|senior (?:secured )?notes|indenture|credit (?:agreement|facility)"
    r"|term loan|loan agreement|lenders?|borrow(?:ing|ings)?|debt financing|promissory note|bonds?"
    r"|at[- ]the[- ]market|sales agreement|equity distribution)\b",
    re.IGNORECASE,
)
_CAPITAL_WORDS = re.compile(
    r"\b(?:data cent(?:er|re)s?|colocation|co-location|hosting|lease agreement|ground lease|high[- ]performance"
    r" computing|HPC|GPUs?|AI (?:cloud|infrastructure|workloads?)|build[- ]to[- ]suit|asset purchase agreement"
    r"|merger agreement|acquisition of|megawatts?|\d+\s?MW)\b",
    re.IGNORECASE,
)
_NOTES = r"(?:convertible|exchangeable)\s+(?:senior\s+)?(?:secured\s+)?notes"
#: Up to 200 characters within one sentence (a dot inside a number, as in "$1.25 billion", does not end it).
_SAME_SENTENCE = r"(?:[^.]|\.(?=\d)){0,200}?"
_OFFERING = re.compile(
    rf"(?:offering|offer|sale|pricing|priced|issu(?:e|ance))\b{_SAME_SENTENCE}{_NOTES}"
    rf"|{_NOTES}\b{_SAME_SENTENCE}\b(?:offering|priced|pricing)\b",
    re.IGNORECASE,
)
#: Words that make a notes mention about notes already out there (a repurchase, exchange or conversion).
_EXISTING_NOTES = re.compile(
    r"\b(?:existing|outstanding|repurchas\w*|exchange agreements?|in exchange for|induced conversions?)\b",
    re.IGNORECASE,
)


def base_form(form: str) -> str:
    """The form without its amendment suffix: "8-K/A" → "8-K"."""
    return form.strip().upper().removesuffix("/A")


def describe_form(form: str) -> str:
    """A form type in words; amendments say so."""
    words = FORM_DESCRIPTIONS.get(base_form(form), "")
    if words and form.strip().upper().endswith("/A"):
        words += " (amendment)"
    return words


def describe_items(items: Sequence[str]) -> str:
    """ "Item 1.01 Entry into a Material Definitive Agreement; Item 2.03 ..." (9.01 dropped beside others)."""
    shown = [code for code in items if code != EXHIBITS_ITEM] or list(items)
    return "; ".join(f"Item {code} {ITEM_DESCRIPTIONS.get(code, '')}".rstrip() for code in shown)


def describe_filing(filing: Filing) -> str:
    """What a filing is, in one line: "8-K · Item 1.01 Entry into ...; Item 2.03 ..." or "424B5 · Prospectus
    supplement"; a form EDGAR describes better than we do keeps EDGAR's title."""
    words = describe_items(filing.items) if filing.items else describe_form(filing.form) or filing.title
    return f"{filing.form} · {words}" if words else filing.form


def _agreement_themes(text: str) -> set[str]:
    themes = set()
    if _DEBT_WORDS.search(text):
        themes.add(DEBT_TERMS)
    if _CAPITAL_WORDS.search(text):
        themes.add(CAPITAL_DEPLOYMENT)
    return themes


def filing_themes(filing: Filing, text: str | None = None, classify: ThemeClassifier | None = None) -> tuple[str, ...]:
    """Themes of a filing from its items and form; agreements (1.01/1.02/2.03) are read for debt versus
    capital-deployment words, and `classify` reads title + text where the items alone do not decide."""
    content = " ".join(part for part in (filing.title, text or "") if part)
    themes: set[str] = set()
    undecided = False
    for code in filing.items:
        if code in ITEM_THEMES:
            themes.update(ITEM_THEMES[code])
        elif code in AGREEMENT_ITEMS:
            by_content = _agreement_themes(content)
            themes.update(by_content)
            if not by_content:
                if code == "2.03":
                    themes.add(DEBT_TERMS)  # a direct financial obligation is debt unless the text says otherwise
                else:
                    undecided = True
        elif code in OPEN_ITEMS:
            undecided = True
    form = base_form(filing.form)
    if form.startswith(DILUTION_FORM_PREFIXES):
        themes.add(DEBT_TERMS)
    if form in CURRENT_REPORT_FORMS and not filing.items:
        undecided = True
    if text and is_notes_offering(filing, text):
        themes.add(DEBT_TERMS)
    if undecided and classify is not None and content.strip():
        themes.update(theme for theme in classify(content) if theme in THEME_ORDER)
    return tuple(theme for theme in THEME_ORDER if theme in themes)


def is_notes_offering(filing: Filing, text: str) -> bool:
    """True when a current report (8-K / 6-K) announces an offering of convertible or exchangeable notes:
    its launch, pricing or closing, not a repurchase, exchange or conversion of existing notes."""
    if base_form(filing.form) not in CURRENT_REPORT_FORMS:
        return False
    content = " ".join(f"{filing.title} {text}".split())
    return any(not _EXISTING_NOTES.search(match[0]) for match in _OFFERING.finditer(content))


def press_releases(documents: Sequence[FilingDocument]) -> list[FilingDocument]:
    """The press-release exhibits (EX-99.x, text or HTML) of a filing index: those described as press releases
    first, then by exhibit number."""
    candidates = [
        doc for doc in documents if doc.type.startswith("EX-99") and doc.url.lower().endswith((".htm", ".html", ".txt"))
    ]
    return sorted(candidates, key=lambda doc: ("PRESS" not in doc.description.upper(), doc.type, doc.seq or 0))
