"""The language's shared semantics: types, built-in functions, fact kinds.

Both the checker and the engine import these; this package imports neither (nor any
renderer, file format or the CLI), so what a name, a type or a function means is
decided in one place.
"""
