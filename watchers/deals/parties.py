"""Who and where in a deal announcement: the issuer, the counterparty (or how it is described when unnamed),
the backstop, the site.

Names are read as runs of capitalised words ("Amazon Web Services", "AI Compute Fund", "NC-1"); the issuer is
the company the release is from ("X (Nasdaq: XXX)", the headline's subject) and is never its own counterparty.
"""

from __future__ import annotations

import re

from watchers.deals.cues import FINANCING

#: One capitalised word of a name: "CoreWeave", "AWS", "NC-1", "xAI", "Enovum", "O'Leary", "A.I.".
_NAME_WORD = r"(?:[A-Z][\w&'.\-]*[\w&]|[A-Z]|xAI)"
#: A name: capitalised words (a number may follow one: "Hut 8"), with "of" / "&" only between them.
NAME = (
    r"(?<![\w\-])(?:"
    + _NAME_WORD
    + r")(?:\s+(?:(?:of|&|de|du|la)\s+)?(?:"
    + _NAME_WORD
    + r"|\d+\b(?!\s*(?:MW|GW|%|GPUs?)\b))){0,5}"
)
_NAME_RE = re.compile(NAME)
#: Corporate suffixes dropped from a name ("CoreWeave, Inc." → "CoreWeave").
_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|Corp|Corporation|Co|Ltd|Limited|LLC|L\.L\.C|LP|L\.P|PLC|plc|AG|SA|S\.A|N\.V|NV|"
    r"GmbH|Pty|Holdings?\s+Inc)\.?)+$"
)
#: Capitalised words that start sentences or name things other than companies.
NOT_A_NAME = frozenset(
    """the a an its their our this that these those it he she they we i in on at for with by from to of and or as
    under over after before during following today tomorrow yesterday new first second phase critical total
    company companies announces announced announcement agreement contract lease deal partnership joint venture
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday q1 q2 q3 q4 it mw gw nasdaq nyse tsx asx press release exhibit
    item form ceo cfo coo cto chief president chairman director investor investors shareholders stock shares
    tier phase data year years month""".split()
)
#: Words that are a name only with other capitalised words after them ("AI Compute Fund", not "AI").
GENERIC_WORDS = frozenset(
    """ai hpc gpu gpus us u.s. u.s usa u.s.a uk u.k u.k. eu north south east west central global inc ltd llc corp
    tenant tenants customer
    customers client clients hyperscaler hyperscalers hyperscale undisclosed unnamed investment-grade
    high-investment-grade leading major large new existing first second cloud provider partner company lab
    developer operator""".split()
)
#: The hyperscalers and AI labs that buy capacity from miners and neoclouds: when one is the subject of a deal
#: headline ("Microsoft signs $9.7B contract with IREN"), it is the counterparty and the other name the issuer.
AI_BUYERS = frozenset(
    """microsoft google alphabet amazon aws meta openai anthropic oracle xai apple ibm tesla mistral cohere
    salesforce bytedance tiktok""".split()
)
#: AI clouds and labs that take capacity from miners: named in a deal's sentences with no other party, one is it.
KNOWN_TENANTS = re.compile(
    r"\b(?:CoreWeave|Fluidstack|Nebius|Lambda|Crusoe|Nscale|Together\s+AI|Core42|G42|Cerebras|Poolside|Anthropic"
    r"|OpenAI|Microsoft|Amazon|AWS|Oracle|xAI|Meta|Google|Hypertec|Vultr|Groq)\b"
)
#: Vendors whose names before a chip model are the GPU, not the party ("NVIDIA GB300 GPUs").
GPU_VENDORS = frozenset({"nvidia", "amd"})
_CHIP_AFTER = re.compile(
    r"\s*(?:'s\s+)?(?:HGX|DGX|GB\d|GH\d|[HBAL]\d{2,3}|Blackwell|Hopper|Rubin|Vera|Instinct|MI\d|GPUs?|chips?|"
    r"accelerators?|systems?|hardware|technology|architecture|platform)",
    re.IGNORECASE,
)
_LISTING = re.compile(
    r"(?P<name>"
    + NAME
    + r")\.?\s*,?\s*(?:\([^()]{0,40}?)?\(?\s*(?:\"|')?(?:NASDAQ|Nasdaq|NYSE|TSX|TSXV|ASX|NYSE American"
    r"|NYSE\s+Arca|OTCQX|Nasdaq\s+Global\s+Select\s+Market)\s*:",
)
_DESCRIPTOR = r"(?:(?!(?:to|for|at|in|on|of|that|which|who|under|over|by|from|and|as|its|their|it|whereby|"
_DESCRIPTOR += (
    r"a|an|the)\b)(?:[a-z][\w\-.]*|(?:AI|GPU|HPC)(?=\s+[a-z])|U\.S\.-based|US-based|[A-Z][\w.]*-backed)\s+){0,5}"
)
_WITH_NAME = re.compile(
    r"\b(?i:with|by|between\s+\w+(?:\s+\w+)?\s+and)\s+(?:(?:the|its)\s+)?" + _DESCRIPTOR + r"(?P<name>" + NAME + r")"
)
_SUBJECT_NAME = re.compile(
    r"(?P<name>"
    + NAME
    + r")\s+(?i:(?:has\s+|have\s+|will\s+|today\s+)?(?:signs?|signed|inks?|inked|agreed|agrees|exercis\w+|selects?|"
    r"selected|chose|commits?|committed|expands?|expanded|awards?|awarded|taps|tapped|buys|rents|"
    # "leases" and "contracts" are verbs only with an object after them ("its Delta Forge 1 and Polaris Forge 3 leases")
    r"(?:leases|contracts)(?=\s+(?:[\d~$]|(?-i:[A-Z])|up\s+to\s|an?\s|the\s|its\s|capacity|space|additional|more|"
    r"another))))\b"
)
_PAIR_SUBJECT = re.compile(
    r"(?P<first>" + NAME + r")(?:\s+(?:and|&)|,)\s+(?P<name>" + NAME + r")\s+(?i:(?:have\s+|has\s+)?(?:signs?|signed|"
    r"forms?|formed|enters?|entered|announces?|announced|launch(?:es)?|launched|agrees?|agreed|inks?|inked|"
    r"partners?|partnered))\b"
)
_CUSTOMER_EXPANDS = re.compile(
    r"(?P<name>" + NAME + r")\s+(?i:(?:has\s+)?(?:expand(?:s|ed)|extend(?:s|ed)|increas(?:es|ed)|upsiz(?:es|ed)|"
    r"exercis(?:es|ed)|grow(?:s|n)|grew|boost(?:s|ed))\s+(?:(?:its|their)\s+(?:[\w\-$.,]+\s+){0,3}?|an?\s+)?"
    r"(?:contract|lease|agreement|commitment|option|deal|footprint|capacity)s?)\b"
)
#: "its CoreWeave contract", "expands Fluidstack lease": the customer named as the contract's adjective.
_NAMED_CONTRACT = re.compile(
    r"\b(?:(?i:its|their|the)|(?i:expand|extend|upsiz|amend|increas|add\w*\s+to)\w*)\s+(?P<name>" + NAME + r")\s+"
    r"(?i:contracts?|leases?|agreements?|partnership|deal|relationship|commitment|hosting\s+(?:contract|agreement))\b"
)
_TENANT_POSSESSIVE = re.compile(r"\b(?:host|house|deploy|support|serve)\s+(?P<name>" + NAME + r")'s\b")
#: "Nscale secures 40 MW at WhiteFiber's NC-1 campus": the tenant, taking capacity at the owner's site.
_TENANT_AT_OWNER = re.compile(
    r"(?P<name>"
    + NAME
    + r")\s+(?i:(?:has\s+|will\s+)?(?:secur\w*|tak(?:es|e|ing)|took|leas\w*|contract\w*|reserv\w*)\s+"
    r"(?:an?\s+|the\s+)?(?:(?:initial|additional|further|first)\s+)?(?:(?:up\s+to|about|approximately|roughly)\s+)?"
    r"[\d.,]+\s?(?:MW|megawatts)\b[^.;]{0,40}?\bat)\s+(?P<owner>" + NAME + r")'s\b"
)
#: "to host Cerebras under a five-year deal": the tenant hosted.
_HOSTS = re.compile(r"\b(?:host|hosts|hosting)\s+(?P<name>" + NAME + r")(?!')")
#: "as Fluidstack takes 245 MW", "Cloudco will take an initial 40 MW": the tenant taking capacity.
_TAKES_MW = re.compile(
    r"(?P<name>" + NAME + r")\s+(?:will\s+|is\s+to\s+)?(?:takes?|took|taking)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:initial|additional|further|first|another|remaining)\s+)?(?:(?:up\s+to|about|approximately|roughly)\s+)?"
    r"[\d.,]+\s*(?:MW|megawatts?|GW|gigawatts?)\b"
)
#: A headline's "lands $9.7B Cloudco contract", "wins Hyperco deal": the customer named as the contract's adjective
#: after a winning verb, an amount or a length between them.
_WON_NAMED_CONTRACT = re.compile(
    r"\b(?i:lands?|landed|wins?|won|secures?|secured|inks?|inked|signs?|signed|nabs?|nabbed|clinch\w*|scores?|bags?)"
    r"\s+(?:(?:an?|its|first|new|\$[\d.,]+\s*(?i:[bm]n?|billion|million)?|[\w.]+-(?i:year|yr|MW|GW))\s+){0,3}"
    r"(?P<name>" + NAME + r")(?:\s+(?:AI|HPC|GPU|[a-z][\w\-]*)){0,3}?"
    r"\s+(?i:contracts?|leases?|agreements?|deals?|partnership|commitment)\b"
)
_LANDS_AS = re.compile(
    r"\b(?:lands?|landed|signs?|signed|adds?|added|secures?|secured|wins?|won|welcomes?)\s+(?P<name>"
    + NAME
    + r")\s+as\s+"
    r"(?:its\s+|an?\s+|the\s+)?(?:[\w\-]+\s+){0,4}?(?:tenant|customer|client|lessee|anchor)"
)
_PROVIDE_TO = re.compile(
    r"\b(?:provide|provides|providing|deliver|delivers|delivering|supply|supplies|lease|leases|leasing|sell|sells)\s+"
    r"[^.;]{0,80}?\bto\s+" + _DESCRIPTOR + r"(?P<name>" + NAME + r")"
    # "will deliver another 112 MW of infrastructure for Nvidia-backed CoreWeave"
    r"|\b(?:deliver|delivers|delivering|build|builds|building)\s+[^.;]{0,60}?\b(?:MW|megawatts)\b[^.;]{0,40}?\bfor\s+"
    + _DESCRIPTOR
    + r"(?P<for>"
    + NAME
    + r")"
)
#: "Nebius leases 18MW from Merlin Properties": the landlord, for a tenant's own release.
_FROM_LANDLORD = re.compile(
    r"\b(?i:leases?|leased|rents?|rented|takes?|took)\s+[^.;]{0,40}?\b(?i:from)\s+(?P<name>" + NAME + r")"
)
#: "a joint venture with a Fluidstack subsidiary", "A Fluidstack affiliate has entered a 25-year lease".
_AFFILIATE = re.compile(r"\b(?i:a|an|the)\s+(?P<name>" + NAME + r")\s+(?i:affiliate|subsidiary|unit|entity|vehicle)\b")
#: "wins a contract from X", "awarded a contract by X": the customer.
_FROM_CUSTOMER = re.compile(
    r"\b(?:contract|order|deal|agreement|award)s?\s+(?:from|by)\s+(?:(?:the|its)\s+)?(?P<name>" + NAME + r")"
    r"|\bawarded\s+(?:a|an|the)\s+[^.;]{0,60}?\bby\s+(?P<by>" + NAME + r")"
)
_ACQUIRE_FROM = re.compile(r"\bfrom\s+" + _DESCRIPTOR + r"(?P<name>" + NAME + r")")
_ACQUIRE_TARGET = re.compile(
    r"\b(?:acquires?|acquired|acquiring|acquisition\s+of|purchase\s+of|purchases?|purchased|buys?|bought)\s+"
    r"(?:(?:all|substantially\s+all|\d+%)\s+of\s+)?(?:the\s+(?:outstanding\s+)?(?:shares|equity|assets)\s+of\s+)?"
    r"(?:an?\s+(?:majority\s+|controlling\s+)?(?:\d+(?:\.\d+)?%\s+)?(?:stake|interest|holding)\s+in\s+)?"
    + _DESCRIPTOR
    + r"(?P<name>"
    + NAME
    + r")"
)
_ROLE = (
    r"(?:hyperscalers?|tenants?|customers?|clients?|counterpart(?:y|ies)|lessees?|"
    r"(?:AI|technology|tech|cloud|hyperscale|GPU|software|internet)\s+(?:compan(?:y|ies)|providers?|firms?|labs?|platforms?))"
)
_UNNAMED = re.compile(
    r"\b(?:with|to|for|from|by|as|serve|support)\s+(?P<phrase>(?:a|an|its|one|another|the|two|three)\s+"
    r"(?:(?!(?:to|for|with|at|in|on|of|that|which|and|under|over|from|is|was)\b)[\w\-.]+,?\s+){0,4}?" + _ROLE + r")\b"
)
_UNNAMED_ANYWHERE = re.compile(
    r"\b(?P<phrase>(?:its|an?)\s+(?:first|second|third|new|existing|anchor|undisclosed|unnamed|"
    r"investment[- ]grade|U\.S\.-based|leading|major|large|global)\s+(?:[\w\-.]+\s+){0,2}?" + _ROLE + r")\b"
)
#: A title-case headline's "With Undisclosed Hyperscaler".
_UNNAMED_TITLE = re.compile(
    r"\b(?i:with|to|for)\s+(?P<phrase>(?i:(?:an?\s+)?(?:undisclosed|unnamed|investment-grade|u\.s\.-based|major|"
    r"leading|large|global)\s+(?:[\w\-.]+\s+){0,2}?(?:hyperscalers?|tenants?|customers?|clients?)))\b"
)
_UNNAMED_SUBJECT = re.compile(
    r"\b(?P<phrase>(?:a|an)\s+(?:[\w\-.]+\s+){0,3}?(?:hyperscalers?|tenants?|customers?|clients?|"
    r"counterparty|cloud\s+providers?|AI\s+compan(?:y|ies)|technology\s+compan(?:y|ies)))\s+"
    r"(?:has\s+|will\s+)?(?:signed|agreed|committed|exercised|contracted|leases|will\s+lease)\b"
)
_BACKSTOP = (
    re.compile(
        r"\b(?:backstop(?:ped|s)?|guaranteed|guarantee[ds]?|credit\s+support)\s+(?:\w+\s+){0,2}?by\s+(?P<name>"
        + NAME
        + r")"
    ),
    re.compile(
        r"(?P<name>" + NAME + r")\s+(?:\([^()]{1,30}\)\s+)?"  # "Google (Alphabet) guarantees the lease payments"
        r"(?:will\s+|has\s+agreed\s+to\s+|agreed\s+to\s+|is\s+to\s+|also\s+|is\s+|has\s+)?"
        r"(?:backstop|guarantee|stands?\s+behind|(?:provid(?:e|es|ing)|adds?|adding)\s+(?:a\s+)?(?:\$[\d.,]+\s*\w+\s+)?"
        r"(?:financial\s+)?"
        r"backstop|(?:rais|increas|expand|upsiz|extend)\w*\s+(?:its\s+|the\s+)?backstop)"
    ),
    # a title-case headline's "With Google Backstop"; "Google is backing $1.3 billion of the tenant's lease"
    re.compile(r"\b(?i:with)\s+(?P<name>" + NAME + r")\s+(?:Backstop|Guarantee)\b"),
    re.compile(r"(?P<name>" + NAME + r")\s+(?:is\s+|will\s+be\s+)?backing\s+(?:about\s+|approximately\s+)?\$"),
    # "Google-backed Fluidstack", "a lease with Fluidstack, backed by Google": a hyperscaler's backing of a tenant
    re.compile(r"(?P<name>" + NAME + r")-backed\s+(?P<backed>" + NAME + r")"),
    re.compile(r"\bbacked\s+by\s+(?P<name>" + NAME + r")"),
    # German: "… bürgt Google", "Google bürgt", "Google steht als Garant hinter Fluidstack" (German nouns are
    # capitalised too, so the name before the verb must open the sentence or follow a comma)
    re.compile(r"\bbürgt\s+(?P<name>" + NAME + r")"),
    re.compile(r"(?:^|,\s+)(?P<name>" + NAME + r")\s+(?:bürgt|(?:steht|tritt)\s+als\s+(?:Garant|Bürge))\b"),
    re.compile(
        r"\bwith\s+(?P<name>" + NAME + r")\s+(?:providing|as)\s+(?:a\s+|the\s+)?(?:\S+\s+){0,3}?(?:backstop|guarant)"
    ),
)

#: US states, Canadian provinces and the countries miners build in; "City, <one of these>" is a place.
REGIONS = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois"
    "|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri"
    "|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio"
    "|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia"
    "|Washington|West Virginia|Wisconsin|Wyoming|Alberta|British Columbia|Manitoba|New Brunswick|Newfoundland"
    "|Nova Scotia|Ontario|Quebec|Québec|Saskatchewan|Norway|Sweden|Finland|Iceland|Denmark|Ireland|Canada"
    "|Paraguay|Ethiopia|Bhutan|Malaysia|Japan|Australia|Germany|France|Spain|Portugal|the Netherlands|Netherlands"
    "|the United Kingdom|United Kingdom|UK|Scotland|England|Wales|Kenya|Argentina|Brazil|Chile|Oman|UAE|Qatar"
    "|Saudi Arabia|India|Indonesia|Thailand|South Korea|Korea|Singapore|TX|ND|NY|GA|OK|PA|NC|SC|KY|TN|OH|WA|OR|WY"
)
_PLACE = r"[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2}"
#: Whose site it is, before its name: "its", "the", "IREN's", "the Company's".
_OWNER = r"(?:(?:its|the|our|their)\s+|(?:the\s+)?[A-Z][\w\-.&]*(?:\s+[A-Z][\w\-.&]*){0,2}'s\s+)?"
_CITY_REGION = re.compile(
    r"\b(?:in|near|at|outside)\s+" + _OWNER + r"(?P<place>" + _PLACE + r",\s+(?:" + REGIONS + r"))\b"
)
#: "campus in Childress", "16 MW in Austin": a place after a site word or a size, even with no region after it.
_SITE_IN_PLACE = re.compile(
    r"\b(?:campus|site|facility|data\s+cent(?:er|re)|MW|megawatts)\s+(?:in|near)\s+(?P<place>" + _PLACE + r")\b"
)
#: A region alone is the site only when it is the only one ("sites in Texas and Oklahoma" name none).
_REGION_ONLY = re.compile(
    r"\b(?:in|located\s+in)\s+(?P<place>" + REGIONS + r")\b(?![\w\-])(?!\s*(?:,|and|or)\s+(?:" + REGIONS + r")\b)"
)
#: A region, perhaps with a direction before it ("New York", "West Texas", "Northern Quebec"): not a site's name.
_REGION_NAMED = re.compile(
    r"(?:(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Upstate|Rural)(?:ern)?\s+)?(?:"
    + REGIONS
    + r")"
)
_SITE_WORDS = r"(?:[Cc]ampus|site|data\s+cent(?:er|re)s?|facility|facilities|project|park|location|hub)"
#: "from its Childress, Texas campus": a city and region named as the site, after "from".
_FROM_CITY_REGION_SITE = re.compile(
    r"\bfrom\s+" + _OWNER + r"(?P<place>" + _PLACE + r",\s+(?:" + REGIONS + r"))\s+" + _SITE_WORDS + r"\b"
)
_NAMED_SITE = re.compile(
    r"\b(?:at|of|for|in)\s+(?:its|the|our|their|his|(?:the\s+)?[A-Z][\w\-.&]*'s)\s+"
    r"(?:(?:flagship|new|existing|planned|proposed|[\d,.]+\s?-?"
    r"(?:MW|megawatt|GW|gigawatt|acre))\s+)*(?P<name>(?:[A-Z][\w\-]*|\d+)(?:\s+(?:[A-Z][\w\-]*|\d+)){0,3})\s+"
    + _SITE_WORDS
    + r"\b"
)
#: German: "auf dem Gelände Barber Lake", "auf dem Campus River Bend", "im texanischen Childress".
_GERMAN_SITE = re.compile(
    r"\b(?:auf\s+dem|am|im)\s+(?:(?:Gelände|Campus|Standort|Areal)|[a-zäöü]+(?:ischen|schen))\s+"
    r"(?P<name>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})"
)
_NAMED_SITE_BARE = re.compile(
    # the name starts a word: "$53M North Carolina facility" names no "M North Carolina"
    r"(?<![\w$.,])(?P<name>(?:[A-Z][\w\-]*)(?:\s+(?:[A-Z][\w\-]*|\d+)){0,3})\s+(?:campus|site|data\s+cent(?:er|re)|facility)\b"
)
#: Words that make a capitalised run before "campus" generic, not a site's name ("its AI campus").
_GENERIC_SITE = frozenset(
    "ai hpc gpu data the its new first second flagship u.s. us north american american texas hyperscale "
    "colocation cloud bitcoin mining tier iii iv hosting company's companys".split()
)
_AT_NAME = re.compile(
    r"\b(?i:at)\s+(?:its\s+|the\s+|[A-Z][\w\-.&]*'s\s+)?(?P<name>[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|\d+))*?)"
    r"(?=\s+(?:in|near|for|to|from|with|on|under|as|through|by)\s|\s*[,;(]|\s*$)"
)
#: "at six sites", "at Several Locations": not one site's name.
_PLURAL_PLACES = frozenset("sites locations campuses facilities data centers centres".split())
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "multiple")
_HQ = re.compile(r"\b(?:headquartered|based|offices?|incorporated)\s+(?:in|at)\s*$|-based\s*$", re.IGNORECASE)


#: The power side of a site (lower-case words, so a company called "Vantage Grid" is not one).
_UTILITY = re.compile(
    r"\b(?:[Pp]ower\s+purchase|utility|utilities|electricity|interconnect\w*|transmission|grid|energy\s+supply|"
    r"power\s+supply|Hydro\w*)\b"
)


def clean_name(name: str) -> str:
    """A name without corporate suffix, possessive or trailing punctuation; of "G42's Core42", the unit named; of
    "London-based Nscale", the company."""
    name = name.strip().rstrip(".,;:")
    name = re.sub(r"^.*'s\s+(?=\S)", "", name)
    name = re.sub(r"^(?:[\w.&]+-(?:based|headquartered)\s+)+", "", name, flags=re.IGNORECASE)
    # a title-case headline's "AI Hyperscaler CoreWeave": the descriptor before the name
    described = re.fullmatch(r"(?:(?:AI|GPU|HPC|Cloud|Neocloud|Hyperscaler|Provider|Giant|Startup)\s+)+(\S+)", name)
    if described and KNOWN_TENANTS.fullmatch(described[1]):
        name = described[1]
    name = re.sub(r"'s$", "", name)
    name = _SUFFIX.sub("", name).strip().rstrip(".,;:")
    return name


def _is_name(name: str) -> bool:
    words = name.split()
    if not words or words[0].lower() in NOT_A_NAME or len(name) < 2:
        return False
    if re.search(r"-(?:backed|based|led|owned|listed|focused)$", words[-1], re.IGNORECASE):
        return False  # "a Nebius-backed startup" names the backer's adjective, not the party
    return not all(word.lower() in GENERIC_WORDS for word in words)


def listed_names(text: str) -> set[str]:
    """Names followed by a listing ("IREN Limited (NASDAQ: IREN)"), lower-cased: the release's own company."""
    return {clean_name(m["name"]).lower() for line in text[:4000].split("\n") for m in _LISTING.finditer(line)}


def customer_expanding(sentence: str, listed: set[str]) -> str | None:
    """The customer when it is the subject of an expansion: "CoreWeave expands its contract with X by 70 MW"
    (a tenant grows its contract; the landlord does not "expand its contract with" its tenant)."""
    match = _CUSTOMER_EXPANDS.search(sentence)
    if not match:
        return None
    name = clean_name(_leading_name(match["name"]))
    if not _is_name(name) or name.lower() in listed or name.lower().split()[0] in {n.split()[0] for n in listed}:
        return None
    return name


def issuer_names(text: str, headline: str) -> set[str]:
    """Names the release uses for its own company: the listed name, the headline's subject (lower-cased)."""
    names = listed_names(text)
    subject = _NAME_RE.match(headline.strip())
    if subject and _is_name(subject[0]):
        leading = clean_name(_leading_name(subject[0]))
        # "Fluidstack takes 160 MW at Lake Mariner": a known tenant leads, the release is the miner's
        if leading and leading.lower().split()[0] not in AI_BUYERS and not KNOWN_TENANTS.fullmatch(leading):
            names.add(leading.lower())
    for name in list(names):
        names.add(name.split()[0])  # "Hut 8 Corp" is also "Hut"; "Cipher Mining" also "Cipher"
    return {n for n in names if n}


def _leading_name(run: str) -> str:
    """A capitalised run in a title-case headline ends at the verb: "IREN Signs Five-Year" → "IREN"."""
    words = run.split()
    for index, word in enumerate(words):
        if index and word.lower().rstrip("s") in _HEADLINE_VERBS:
            return " ".join(words[:index])
    return run


_HEADLINE_VERBS = frozenset(
    "sign ink enter secure announce expand acquire complete close agree land win strike reache finalize "
    "extend execute purchase buy order deploy exercise form unveil report lease commit take rent select tap".split()
)


def _other_party(name: str, issuers: set[str], after: str) -> str | None:
    name = clean_name(_leading_name(name))
    if not _is_name(name):
        return None
    lowered = name.lower()
    if lowered in issuers or lowered.split()[0] in issuers:
        return None
    first = lowered.split()[0]
    if first in GPU_VENDORS and (_CHIP_AFTER.match(after) or _CHIP_AFTER.match(name[len(first) :])):
        return None  # "with Nvidia GPUs": the chips, not a party
    if re.search(r"\s(?:Area|Region|County|Province|Valley)$", name):
        return None  # "buys Greater Toronto Area land": a place
    if re.fullmatch(REGIONS, name) or re.match(r"\s*(?:campus|site|facility|data\s+cent)", after):
        return None
    if re.search(r"\s(?i:backstop|guarantee|warrants?)$", name):
        return None  # "With Google Backstop" in a title-case headline names the backstop, not the party
    return name


def is_title_case(sentence: str) -> bool:
    """Whether most of a sentence's words are capitalised, as in a wire headline ("Miner Signs Lease With …")."""
    words = re.findall(r"[^\W\d_][\w'\-]*", sentence)
    return len(words) >= 3 and sum(word[0].isupper() for word in words) > 0.6 * len(words)


def _named_customer(name: str, title_case: bool) -> str | None:
    """The customer in "lands $9.7B X contract", "signs X AI hosting lease" (X without a trailing "AI"), or None
    when X is a kind of contract ("GPU-as-a-service") or, in a title-case headline where every word is capitalised
    ("Signs Two-Year Colocation Agreement"), not a known AI buyer."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in GENERIC_WORDS:
        words.pop()
    name = " ".join(words)
    if re.search(r"-[a-z]", name) or (title_case and name.lower().split()[0] not in AI_BUYERS):
        return None
    return name


def counterparty(sentences: list[str], issuers: set[str], *, acquisition: bool, hardware: bool = False) -> str | None:
    """The named tenant / customer / partner (for an acquisition: the seller, else the target; for a GPU
    purchase: the seller)."""
    if not acquisition:
        for sentence in sentences[:2]:
            for match in _TENANT_AT_OWNER.finditer(sentence):
                name, owner = clean_name(_leading_name(match["name"])), clean_name(match["owner"])
                if _is_name(name) and name.lower() != owner.lower():
                    return name
            for match in _SUBJECT_NAME.finditer(sentence):
                name = clean_name(_leading_name(match["name"]))
                if name.lower().split()[0] in AI_BUYERS:
                    return name
    if acquisition:
        patterns = [_ACQUIRE_FROM, _ACQUIRE_TARGET, _SUBJECT_NAME]
    elif hardware:
        patterns = [_ACQUIRE_FROM, _WITH_NAME, _SUBJECT_NAME]
    else:
        patterns = [_LANDS_AS, _PAIR_SUBJECT, _WITH_NAME, _FROM_LANDLORD, _AFFILIATE, _PROVIDE_TO, _FROM_CUSTOMER]
        patterns.append(_NAMED_CONTRACT)
        patterns.append(_TENANT_POSSESSIVE)
        patterns += [_HOSTS, _TAKES_MW]
        patterns.append(_WON_NAMED_CONTRACT)
        patterns.append(_SUBJECT_NAME)
    for number, sentence in enumerate(sentences):
        if number and FINANCING.search(sentence) and not acquisition:
            continue  # "a $200 million revolver arranged by Morgan Stanley": the lender is not the deal's party
        title_case = is_title_case(sentence)
        for pattern in patterns:
            for match in pattern.finditer(sentence):
                before = sentence[max(0, match.start() - 30) : match.start()]
                if pattern is _WITH_NAME and re.search(r"\b(?:backstop\w*|guarant\w*)\s+(?:\w+\s+){0,3}$", before):
                    continue
                if _UTILITY.search(sentence[max(0, match.start() - 60) : match.end() + 40]):
                    continue  # the power company of a site is not the deal's counterparty
                groups = match.groupdict()
                party = _other_party(
                    groups.get("name") or groups.get("by") or groups.get("for") or "", issuers, sentence[match.end() :]
                )
                if party and pattern is _WON_NAMED_CONTRACT:
                    party = _named_customer(party, title_case)
                if party:
                    return party
    return None


def known_tenant(sentences: list[str], issuers: set[str], exclude: str | None = None) -> str | None:
    """The first well-known AI cloud or lab the deal's sentences name (not the issuer, not a backer): "Cipher adds
    39 MW for Fluidstack", when no phrasing around the name said who the party is."""
    for sentence in sentences:
        for match in KNOWN_TENANTS.finditer(sentence):
            name = match[0]
            after = sentence[match.end() :]
            if name.lower() in issuers or re.match(r"(?:-backed|\s+(?:will\s+)?(?:backstop|guarant))", after):
                continue
            if exclude and name.lower() == exclude.lower():
                continue
            return name
    return None


def counterparty_phrase(sentences: list[str]) -> str | None:
    """How an unnamed counterparty is described: "a hyperscale tenant", "its first customer"."""
    for patterns in ((_UNNAMED, _UNNAMED_SUBJECT, _UNNAMED_ANYWHERE), (_UNNAMED_TITLE,)):  # prose before title case
        for sentence in sentences:
            for pattern in patterns:
                if match := pattern.search(sentence):
                    return match["phrase"]
    return None


def backstop(sentences: list[str], issuers: set[str]) -> str | None:
    """Who guarantees the counterparty's obligations ("backstopped by Google", "Google will backstop")."""
    for sentence in sentences:
        for pattern in _BACKSTOP:
            for match in pattern.finditer(sentence):
                name = _other_party(match["name"], issuers, sentence[match.end() :])
                if name and re.search(r"backed|backing", match[0]) and name.lower().split()[0] not in AI_BUYERS:
                    continue  # "backed by" an investor or a credit line is not a backstop; a hyperscaler's is
                if name:
                    return name
    return None


def site(sentences: list[str]) -> str | None:
    """The shortest name of the site as stated: a named campus, else "City, State", else a region."""
    for pattern in (_NAMED_SITE, _NAMED_SITE_BARE, _GERMAN_SITE):
        for sentence in sentences:
            for match in pattern.finditer(sentence):
                name = match["name"]
                if _REGION_NAMED.fullmatch(name) or re.search(r"\bformer\s+$", sentence[: match.start("name")]):
                    continue  # "the West Texas campus" names a region; "the former X facility" its old owner
                words = name.split()
                while words and re.fullmatch(r"[\d,.]+|(?i:MW|GW|megawatts?|gigawatts?|acres?)", words[0]):
                    words = words[1:]  # "IREN's 750 MW campus": a size, not a name
                while words and words[0].lower() in _GENERIC_SITE:
                    words = words[1:]
                while words and words[-1].lower() in _GENERIC_SITE:
                    words = words[:-1]
                if not words or re.fullmatch(REGIONS, " ".join(words)) or words[0].lower() in NOT_A_NAME:
                    continue
                if all(w.isdigit() for w in words) or re.match(r"tier\b|tier-", words[0], re.IGNORECASE):
                    continue
                if any(re.search(r"-(?:listed|based|owned|backed|led|ready|scale)$", w, re.IGNORECASE) for w in words):
                    continue  # "a Nasdaq-listed data center provider" names no site
                name = " ".join(words)
                placed = re.search(re.escape(name) + r",\s+(?:" + REGIONS + r")\b", " ".join(sentences))
                return placed[0] if placed else name
    for sentence in sentences[:2]:  # "… at Helios", "… at Polaris Forge 1 in Ellendale": a site named bare
        for match in _AT_NAME.finditer(sentence):
            words = match["name"].split()
            if (
                words[0].lower() in NOT_A_NAME | _GENERIC_SITE | set(_NUMBER_WORDS)
                or re.fullmatch(REGIONS, match["name"])
                or words[-1].lower() in _PLURAL_PLACES
            ):
                continue
            placed = re.match(r",\s+(?:" + REGIONS + r")\b", sentence[match.end() :])
            return match["name"] + placed[0] if placed else match["name"]
    for pattern in (_CITY_REGION, _FROM_CITY_REGION_SITE, _SITE_IN_PLACE, _REGION_ONLY):
        for sentence in sentences:
            for match in pattern.finditer(sentence):
                place = match["place"]
                if pattern is _SITE_IN_PLACE and (
                    _REGION_NAMED.fullmatch(place) or place.split()[0].lower() in NOT_A_NAME | _GENERIC_SITE
                ):
                    continue  # a region is read as one below, if it is the only one
                if not _HQ.search(sentence[: match.start() + len(match[0]) - len(place)]):
                    return place
    return None
