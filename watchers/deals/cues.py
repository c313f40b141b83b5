"""The vocabulary that tells a signed AI/HPC deal from everything else in an announcement.

Verbs of signing or completing, the deal objects with the kind each implies, hedges ("plans to", "in talks"),
negations, LOI / MOU words, financing words, AI/HPC and bitcoin-mining context, construction starts and opinion
headlines. `extract` combines them; they are kept apart so the lists can be read (and extended) in one place.
"""

from __future__ import annotations

import re

#: Headings after which a release is boilerplate.
BOILERPLATE = re.compile(
    r"^\s*(?:about\s+[A-Z]|forward[- ]looking\s+statements|cautionary\s+(?:note|statement)|safe\s+harbor|"
    r"investor\s+(?:relations|contact)|media\s+contact|contacts?:|non-gaap|conference\s+call|webcast)",
    re.IGNORECASE,
)


#: German verbs of signing, renting and buying (the verb often ends the sentence: "… eine Vereinbarung geschlossen").
GERMAN_SIGNED = (
    r"bucht|buchte|mietet|mietete|gemietet|kauft|kaufte|gekauft|erwirbt|erwarb|erworben|übernimmt|übernahm|"
    r"unterzeichnet\w*|unterschreibt|unterschrieb\w*|schließt|schloss|geschlossen|abgeschlossen|vereinbart\w*|"
    r"sichert\s+sich|gesichert|landet|an\s+Land\s+gezogen"
)
#: The label EDGAR exhibits open with ("Exhibit 99.1", "EX-99.1").
EXHIBIT_LABEL = re.compile(r"^\s*(?:exhibit|ex-)\s*[\d.]+\s*$", re.IGNORECASE)
SIGNED = re.compile(
    r"\b(?:signs?|signed|signing|inks?|inked|enter(?:s|ed)?\s+into|enters|entered|has\s+entered|execut(?:es|ed)|secur(?:es|ed)|"
    r"lands?|landed|wins?|won|strikes?|struck|award(?:s|ed)|clinch(?:es|ed)|seal(?:s|ed)|"
    r"reach(?:es|ed)\s+(?:a\s+|an\s+)?(?:definitive\s+)?agreement|agree(?:s|d)\s+(?:to|on|with)|finali[sz](?:es|ed)|"
    r"(?:clos(?:es|ed)|complet(?:es|ed)|consummat(?:es|ed))\s+(?:the\s+|its\s+|a\s+)?(?:previously\s+announced\s+)?"
    r"(?:\$[\d.,]+\s*\w*\s+)?(?:acquisition|purchase|sale|transaction|merger)|acquires|acquired|purchases|purchased|"
    r"buys|bought|ordered|orders(?=\s+[~\d])|plac(?:es|ed)\s+(?:an?\s+)?(?:\$[\d.,]+\s*\w*\s+)?(?=order)|"
    r"exercis(?:es|ed)|leases|leased|"
    r"agreed\s+(?:a|an|the)|commit(?:s|ted)\s+(?:\$|US\$)|sold|sells|"
    r"expands?|expanded|extends?|extended|upsiz(?:es|ed)|adds?|added|announces?|announced|forms?|formed|"
    r"launch(?:es|ed)\s+(?:a\s+)?joint\s+venture|commenc(?:es|ed)\s+(?:the\s+)?lease|deploy(?:s|ed)|"
    r"partner(?:s|ed)\s+with|team(?:s|ed)?\s+up\s+with|"
    r"(?:takes|took|taking|reserves|reserved)(?=\s+(?:an?\s+|the\s+)?(?:(?:initial|additional|further|first)\s+)?[~\d])|"
    r"(?:will|to)\s+anchor|anchors|"
    # "rose 22% after forming a joint venture with", "after the company disclosed a 15-year lease"
    r"forming|inking|securing|striking|clinching|sealing|disclos(?:es|ed)(?=\s+(?:an?|the|its|\$|\d))|"
    r"will\s+(?:lease|provide|deliver|host|supply)|to\s+(?:acquire|lease|provide|deliver|host|supply)|"
    # German: "bucht", "mietet", "kauft", "erwirbt", "übernimmt", "unterzeichnet", "hat … geschlossen", "sichert sich"
    + GERMAN_SIGNED
    + r")\b",
    re.IGNORECASE,
)


#: Deal objects, each with the kind it implies (None: a generic "contract" / "agreement").
def any_of(*alternatives: str) -> re.Pattern[str]:
    """One word-bounded, case-blind pattern from alternatives (kept one per line to stay readable)."""
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_GPU_WORDS = r"(?:[\w\-,.~]+\s+){0,5}(?:GPUs|servers|systems|chips)"


OBJECTS: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    (
        "non_binding",
        any_of(
            r"non-?binding",
            r"letters?\s+of\s+intent",
            r"LOIs?",
            r"memorand(?:um|a)\s+of\s+understanding",
            r"MOUs?",
            r"term\s+sheets?",
            r"heads\s+of\s+terms",
            r"Absichtserklärung",
            r"unverbindlich\w*",
        ),
    ),
    (
        "financing",
        any_of(
            r"(?:convertible|senior|secured|exchangeable)\s+notes",
            r"notes\s+offering",
            r"offering",
            r"private\s+placement",
            r"(?:project\s+|debt\s+|equity\s+|construction\s+)?financing",
            r"credit\s+facility",
            r"(?:term\s+)?loan",
            r"debt",
            r"bonds?",
            r"at-the-market",
            r"ATM\s+program",
            r"(?:equity\s+|capital\s+)?raise",
            r"investment\s+from",
            r"strategic\s+investment",
            r"invest\s+(?:US)?\$",  # "Coatue agreed to invest $150 million"
            r"funding\s+round",
            r"preferred\s+(?:stock|equity)",
            r"Kapitalerhöhung",
            r"Wandelanleihen?",
            r"Finanzierung",
            r"Kredit\w*",
            r"(?:class\s+[ab]\s+)?common\s+stock",  # "bought $2 billion of the AI cloud's Class A common stock"
            r"class\s+[ab]\s+(?:stock|shares)",
        ),
    ),
    (
        "acquisition",
        any_of(
            # "acquire additional compute capacity" is a cloud contract, not an acquisition
            r"acqui(?:res?|red|ring|sition)(?!\s+(?:of\s+)?(?:additional\s+|more\s+|dedicated\s+)?"
            r"(?:GPU|compute|computing|cloud|capacity|services|AI\s+(?:compute|capacity)))",
            r"merger",
            r"takeover",
            r"Kaufvertrag",
            r"Übernahme",
            r"Industrieimmobilie",
            r"(?:purchase\s+of|buy|bought|purchase|acquire)\s+(?:the\s+)?(?:[\w\-,.]+\s+){0,4}"
            r"(?:land|site|campus|property|acres|company|business|data\s+cent(?:er|re)|facility|firm|operator)",
        ),
    ),
    (
        "hardware",
        any_of(
            r"(?:purchase|procurement|order|supply)\s+(?:agreement|order|contract)?\s*(?:for|of|with)\s+" + _GPU_WORDS,
            r"GPU\s+(?:purchase|order|procurement)",
            r"(?:purchases?|purchased|buys?|bought|orders?|ordered|acquires?|acquired)\s+(?:[\w\-,.~]+\s+){0,5}GPUs",
            # "agreed to buy NVIDIA Blackwell-architecture computing systems from Dell"
            r"(?:purchases?|purchased|buys?|buy|bought|orders?|ordered)\s+(?:[\w\-,.~$']+\s+){0,6}?(?:NVIDIA|Nvidia|AMD)"
            r"(?:'s)?\s+(?:[\w\-]+\s+){0,3}(?:systems|servers|chips)",
        ),
    ),
    (
        "lease",
        any_of(
            r"(?:anchor\s+|data\s+cent(?:er|re)\s+|first\s+|new\s+)?tenants?",
            r"leases?",
            r"leased",
            r"leasing",
            r"co-?location",
            r"colo",
            r"hosting\s+(?:agreement|contract|deal)s?",
            r"HPC\s+hosting",
            r"critical\s+IT",
            r"build-to-suit",
            r"take\s+(?:the\s+|all\s+of\s+the\s+)?(?:site|campus|facility)",  # "Microsoft agreed to take the site"
            r"(?:KI-)?Mietvertr(?:ag|äge)",
            r"Mietvereinbarung",
            r"powered\s+shell",
            r"data\s+cent(?:er|re)\s+(?:services\s+)?(?:agreement|contract|capacity)",
            # "secures 40 MW at WhiteFiber's NC-1 campus": capacity at another company's site
            r"[\d.,]+\s?(?:MW|megawatts)\s+(?:of\s+(?:(?:critical\s+)?IT\s+)?(?:capacity|load)\s+)?at\s+"
            r"(?:[\w\-.&]+\s+){0,2}?[\w\-.&]+'s",
        ),
    ),
    (
        "cloud",
        any_of(
            r"(?:dedicated\s+)?(?:AI\s+)?comput(?:e|ing)\s+capacity",
            r"(?:dedicated\s+)?AI\s+capacity",
            # not the company's own line of business ("to expand its AI Cloud Services")
            r"(?<!\bits\s)(?<!\bour\s)(?<!\bits\sAI\s)(?<!\bour\sAI\s)(?:AI\s+)?cloud(?:\s+services|\s+computing"
            r"|\s+capacity|\s+compute)?\s+(?:contract|agreement|deal|services|customer)",
            # "AI cloud" as a deal, not as a company ("the AI cloud platform", "handing the AI cloud all of the site",
            # "AI cloud and data center company Nscale")
            r"(?<!the\s)(?<!\bits\s)AI\s+cloud(?!\s+(?:platform|provider|company|firm|startup|start-up|specialist|operator"
            r"|player|services|business|and\s+data))",
            r"GPU[- ]as[- ]a[- ]service",
            r"GPUaaS",
            r"compute\s+(?:contract|agreement|deal|capacity|services)",
            r"(?:AI\s+)?infrastructure\s+(?:services\s+)?(?:contract|agreement|deal)",
            r"bare[- ]metal",
            r"GPU\s+(?:cloud|compute|services|capacity|cluster)",
            r"(?:KI-|GPU-)?Rechenleistung",
            r"(?:KI-|GPU-)Kapazität(?:en)?",
            r"Rechenkapazität(?:en)?",
        ),
    ),
    (
        "partnership",
        any_of(
            r"joint\s+ventures?",
            r"JV",
            r"partnerships?",
            r"strategic\s+(?:alliance|collaboration)",
            r"collaboration\s+agreement",
            r"co-develop\w*",
        ),
    ),
    (
        None,
        any_of(
            r"contracts?",
            r"agreements?",
            r"deals?",
            r"arrangements?",
            r"MSA",
            r"commitment",
            r"Vertr(?:ag|äge)",
            r"Vereinbarung",
        ),
    ),
)


HEDGED = re.compile(
    r"\b(?:plans?|planning|intends?|intention|expects?|expected|aims?|seeks?|seeking|hopes?|looks?|looking|wants?|"
    r"targets?|could|may|might|would|should|potential(?:ly)?|possible|possibly|proposed|prospective|exploring|explores?|"
    r"explored|evaluat(?:es|ing|ion)|consider(?:s|ing)|assess(?:es|ing)|review(?:s|ing)?|studying|pursu(?:es|ing)|"
    r"in\s+(?:advanced\s+|exclusive\s+|early\s+)?(?:talks|discussions|negotiations)|negotiat(?:es|ing)|reportedly|"
    r"rumou?red|nears?|nearing|close\s+to|preparing\s+to|no\s+assurance|whether|if|seek|"
    r"plant|will|soll|sollen|erwägt|prüft|könnte|würde|möglicherweise|Gespräche\w*|Verhandlungen)\b[^.;]{0,60}$",
    re.IGNORECASE,
)


#: A sentence that is about talks or a review, whatever verb follows ("in talks with hyperscalers to lease").
PLAN_SENTENCE = re.compile(
    r"\b(?:in\s+(?:advanced\s+|exclusive\s+|early\s+|ongoing\s+)?(?:talks|discussions|negotiations)|exploring|explores|"
    r"evaluating|strategic\s+(?:review|alternatives)|has\s+not\s+(?:yet\s+)?signed|no\s+definitive\s+agreement|"
    r"not\s+yet\s+(?:signed|secured|contracted)|without\s+a\s+(?:signed\s+)?tenant|speculative(?:ly)?|on\s+spec|"
    r"no\s+(?:tenant|customer|lessee)s?\s+(?:has|have)\s+(?:yet\s+)?been\s+(?:announced|named|signed|secured))\b",
    re.IGNORECASE,
)


AI_CONTEXT = re.compile(
    r"\b(?:AI|A\.I\.|artificial\s+intelligence|HPC|high[- ]performance\s+comput\w*|GPUs?|hyperscal\w*|neocloud\w*|"
    r"cloud|colocation|inference|machine\s+learning|LLMs?|accelerated\s+comput\w*|critical\s+IT|NVIDIA|Nvidia|"
    r"CoreWeave|Fluidstack|OpenAI|Anthropic|Microsoft|Google|Amazon|AWS|Meta|Oracle|xAI|Nebius|Lambda|Crusoe|"
    r"Nscale|Together\s+AI|data\s+cent(?:er|re)\s+(?:lease|tenant|customer|capacity)|KI|Rechenzentr\w*)\b",
    re.IGNORECASE,
)


MINING_CONTEXT = re.compile(
    r"\b(?:bitcoin\s+mining|mining\s+(?:rigs?|machines?|fleet|operations?|hosting|site|facility|capacity)|"
    r"self-mining|ASICs?|miners\b|hash\s?rate|EH/s|PH/s|Antminer|Whatsminer|S\d{2}\s?(?:XP|Pro|j)?\b|hosting\s+of\s+miners|"
    r"proof[- ]of[- ]work)\b",
    re.IGNORECASE,
)


#: "no agreement has been signed", "has not yet signed", "yet to sign": the verb is denied.
NEGATED = re.compile(r"\b(?:no|not|never|yet\s+to|without|nor)\b[^.;,]{0,40}$", re.IGNORECASE)
#: "terminates its agreement to acquire", "votes against the lease": the deal is off.
CALLED_OFF = re.compile(
    r"\b(?:terminat\w*|cancel\w*|scrap\w*|abandon\w*|withdr[ae]w\w*|walk(?:s|ed)?\s+away|reject\w*|"
    r"vot\w+\s+against|call(?:s|ed)?\s+off|(?<![\w-])end(?:s|ed)?|collaps\w*|fail\w*|block\w*|delay\w*)\b[^.;]{0,50}$",
    re.IGNORECASE,
)
#: Results, production updates and call notices: they report a period, they do not announce a deal.
RESULTS = re.compile(
    r"\b(?:(?:reports?|announces?|posts?|delivers?)\s+(?:[\w\-]+\s+){0,4}?(?:results|earnings|revenue|production)|"
    r"(?:quarter(?:ly)?|fiscal|full[- ]year|annual|interim)\s+(?:[\w\-]+\s+){0,2}?(?:results|earnings|revenue)|"
    r"production\s+(?:and\s+operations\s+)?update|operations\s+update|conference\s+call|shareholder\s+letter)\b",
    re.IGNORECASE,
)


#: Money raised (the "financing" object), looked for in a headline with no deal of its own.
FINANCING = next(pattern for kind, pattern in OBJECTS if kind == "financing")
#: Object patterns that hold their own verb ("buys 4,000 GPUs", "acquires a site"): measured from the verb's start.
VERB_OBJECTS = frozenset({"hardware", "acquisition"})


CONSTRUCTION = re.compile(
    r"\b(?:start(?:s|ed|ing)?\s+(?:[\w\-]+\s+){0,3}?(?:building|construction|to\s+build)|break(?:s|ing)?\s+ground|broke\s+ground|"
    r"groundbreaking|begin(?:s|ning)?\s+construction|began\s+construction|commenc(?:es|ed|ing)\s+construction|"
    r"under\s+construction|construction\s+(?:start|begins|began|is\s+under\s+way))\b",
    re.IGNORECASE,
)


#: Deal kinds with a customer on the other side; a land or GPU purchase told beside one is its means.
TENANT_KINDS = ("lease", "cloud")


#: Analysts' notes and milestones of a deal already told: "Jefferies starts Core Scientific at Buy", "… reaches
#: Ready for Service", "completes first 50 MW phase".
RECOUNTED = re.compile(
    r"\b(?:(?:starts|initiates|begins|resumes|reiterates|upgrades|downgrades)\s+(?:coverage\s+(?:of|on)\s+)?"
    r"(?:[A-Z][\w.&-]*\s+){1,4}(?:at|to|with)\s+(?:an?\s+)?(?:buy|sell|hold|outperform|overweight|neutral|underweight)"
    r"|price\s+target|ready\s+for\s+service|completes\s+(?:the\s+|its\s+)?(?:first|second|third|initial|\d+\s?MW)"
    r"[\w\s-]{0,20}?\bphase|brings?\s+(?:[\w\s-]{0,30}?)\bonline)\b",
    re.IGNORECASE,
)
#: Headlines of opinion, analysis and explainers: they recount deals, they do not announce one.
OPINION = re.compile(
    r"^\s*(?:(?:analysis|opinion|commentary|column|explainer|editorial|podcast|interview|deep\s+dive|"
    r"the\s+big\s+picture)\s*[:|\u2014\u2013-]|(?:why|how|what|is|are|can|could|should|will|do|does)\b)",
    re.IGNORECASE,
)
