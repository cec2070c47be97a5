"""Getting your data out: the lossless JSON backup, and the contacts as CSV and vCard."""
