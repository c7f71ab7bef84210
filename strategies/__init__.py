"""Strategies, objectives, annual priorities, actions and their quarterly progress."""
