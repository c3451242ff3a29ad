"""Render catalogue entries for `factlint rules`."""

from __future__ import annotations

from factlint.catalogue import Rule


def rule_table(catalogue: dict[str, Rule]) -> str:
    """One line per rule: code, name, default severity, summary."""
    rows = []
    for rule in catalogue.values():
        level = rule.severity if rule.enabled else f"{rule.severity}, off by default"
        rows.append(f"{rule.id}  {rule.name:<24} {level:<9} {rule.summary}")
    return "\n".join(rows)


def _example_block(example: dict) -> str:
    """An example's draft, indented; examples of other commands (a page, a ledger) show all their fields."""
    import yaml

    if "draft" in example:
        text = example["draft"].rstrip("\n")
    elif isinstance(example.get("ledger"), str):  # ledger examples are YAML text, shown as written
        text = example["ledger"].rstrip("\n")
    else:
        text = yaml.safe_dump(example, sort_keys=False, allow_unicode=True, width=100).rstrip()
    return "\n".join("    " + line for line in text.splitlines())


def rule_doc(rule: Rule) -> str:
    """A rule's full documentation: header, description and examples."""
    default = "" if rule.enabled else " (off by default)"
    parts = [f"{rule.id} {rule.name} [{rule.severity}{default}]", "", rule.summary, "", rule.description.rstrip()]
    examples = rule.examples
    if examples.get("ledger"):
        import yaml

        parts += ["", "Example ledger:", yaml.safe_dump(examples["ledger"], sort_keys=False, allow_unicode=True).rstrip()]
    for label, key in (("Flagged", "fail"), ("Not flagged", "pass")):
        for example in examples.get(key, []):
            parts += ["", f"{label}:", _example_block(example)]
    return "\n".join(parts) + "\n"
