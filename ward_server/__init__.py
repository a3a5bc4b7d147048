"""The ward office server: receives the stations' event batches and shows the ward's turnout.

It holds no personal data by design: events carry list numbers, times and flags only.
"""

__version__ = "0.1.0"
