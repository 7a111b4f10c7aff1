"""County datasets in and out: CSV folders, Excel workbooks, JSON/YAML documents, and the built-in demo."""
