"""One thin module per feature that another part of the package provides (or will):

- `tabular`: CSV and XLSX uploads, through the batch readers of `ytxa_rules.facts`;
- `plans`: plan targets (the share of communes recognised by a year);
- `html`: a station's explanation as an HTML page;
- `impact`: what an amendment changes for a set of stations.

Routes call only these functions, so a feature landing elsewhere changes one module here.
"""
