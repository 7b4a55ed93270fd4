"""All SQL the app runs: one function per question, named parameters only.

Each function takes a connection and plain values and returns a DataFrame whose columns
are documented in its docstring. Modules are split by page; shared read models and the
filter macros live in lpipdata/sql/.
"""
