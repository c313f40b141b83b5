"""AI/HPC deals from announcement text (SPEC section 6a): signed leases, cloud contracts, GPU purchases,
acquisitions and partnerships of the watched miners, told apart from plans, LOIs and financings.

`parse_deal(text)` reads one text; `parse_deal_item(title, lede)` a news item. `cues` holds the vocabulary,
`extract` decides what the text announces, `amounts` reads the numbers, `terms` keeps the ones that are this
deal's, `parties` reads the names and places.
"""

from watchers.deals.extract import JSON_FIELDS, KINDS, DealTerms, parse_deal, parse_deal_item

__all__ = ["JSON_FIELDS", "KINDS", "DealTerms", "parse_deal", "parse_deal_item"]
