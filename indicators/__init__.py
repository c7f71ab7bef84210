"""Areas, denominators, the indicator catalogue, periods, figures, targets and comparisons."""
