"""Citation coverage: how many check-worthy claims are supported, cited, or neither."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Coverage:
    """Counts over all check-worthy claims of a run."""

    claims: int = 0
    supported: int = 0  # bound to a ledger fact
    cited: int = 0  # their sentence carries a citation
    uncited: int = 0  # neither supported nor cited: what FL201 reports

    @classmethod
    def of(cls, claims) -> "Coverage":
        """Count one document's claims."""
        claims = list(claims)
        supported = sum(1 for c in claims if c.supported)
        cited = sum(1 for c in claims if c.citations)
        uncited = sum(1 for c in claims if not c.supported and not c.citations)
        return cls(len(claims), supported, cited, uncited)

    def __add__(self, other: "Coverage") -> "Coverage":
        return Coverage(self.claims + other.claims, self.supported + other.supported,
                        self.cited + other.cited, self.uncited + other.uncited)

    def as_dict(self) -> dict[str, int]:
        """For JSON output."""
        return {"claims": self.claims, "supported": self.supported, "cited": self.cited, "uncited": self.uncited}

    def line(self) -> str:
        """One summary line for text output."""
        return (f"Citation coverage: {self.claims} check-worthy claims; {self.supported} supported by the ledger, "
                f"{self.cited} cited, {self.uncited} neither.")
