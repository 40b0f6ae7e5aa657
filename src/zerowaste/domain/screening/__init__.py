"""Safety screening before a restrictive plan (seed 003): the risk score and level of a user's
answers (`rules`), what makes a plan restrictive (`restrictive`), the warnings in the user's
language (`messages`) and the audit trail of screenings and plan generations (`audit`).

Screenings and audit rows are personal health data: they belong to the user who answered or
asked, never to the household (another member of the same household sees none of them).
"""
