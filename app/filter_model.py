"""The shared filters as a value: what every filtered query takes. No Streamlit here, so the
query module can import it (the widgets that set it are in app/filters.py)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

DOC_TYPES = ("plan", "report", "directive", "news", "other")
LEVELS = ("province", "district", "commune", "department", "party", "military", "other")


@dataclass(frozen=True)
class Filters:
    instrument: str | None = None          # instrument_key implemented; None = any
    year_from: int | None = None           # None = open (undated documents included)
    year_to: int | None = None
    provinces: tuple[str, ...] = field(default_factory=tuple)   # GSO codes; () = all
    doc_types: tuple[str, ...] = field(default_factory=tuple)
    levels: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_default(self) -> bool:
        return self == Filters()

    def only(self, *province_codes: str) -> Filters:
        """The same filters with the province filter replaced by these provinces (none:
        every province), e.g. for one province's profile."""
        return replace(self, provinces=tuple(str(c) for c in province_codes))
