"""`python -m ytxa_rules.cli`."""

from ytxa_rules.cli import main_entry

main_entry()
