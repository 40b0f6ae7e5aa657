"""Admin routes (issue #11 part 3, contract row 67): for users whose admin flag is set by
`zerowaste admin grant <email>`; every call is checked and audit-logged (`access`)."""
