"""HTML input for the coalitions app (ledger, coalitions and partnerships); saving goes through
`services`."""
