"""Benchmark harness for factlint (issue 6): seeded workloads, timed runs, docs/performance.md.

``python -m benchmarks all`` generates the workloads under benchmarks/out/, times whole
``factlint check`` processes and in-process stages, runs proselint for comparison and writes
docs/performance.md. Nothing is downloaded and nothing here is imported by factlint itself.
"""
