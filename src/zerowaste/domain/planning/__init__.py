"""Meal-plan generation (issue #10, part 3): which recipe goes in which slot of a window of days,
chosen by an integer program that uses first what expires first (`optimiser`), with the rules
it shares with its greedy fallback (`plan`, `pool`, `evaluation`).
"""
