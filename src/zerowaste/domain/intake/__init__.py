"""Energy and macro targets from a user's body data, and what they eat against them.

`profile` holds the body data and goal, `targets` the Mifflin-St Jeor energy need and the macro
grams, `log` the food log entries and date ranges, `balance` the daily and weekly caloric
balance. A package of its own, apart from the safety screening (`domain.screening`), which
uses the energy need here to decide whether a plan is restrictive.

These are personal health data: they belong to the user, never to the household.
"""
