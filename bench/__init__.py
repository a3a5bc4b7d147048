"""The benchmark runner: ``python -m bench [--quick] [--json FILE]``.

Measures the speed and memory figures named in ``shared/benchmarks.md`` on generated voter lists,
each time figure beside its reference in the same run, and prints one JSON object. Never a test:
targets are reported, not asserted. This package stays import-light (child processes import it).
"""
