"""The fuzz targets of ``bench/fuzz_inputs.py``: what reads bytes from a card, what the virtual
card reads from the reader, and every input a person (or a forged websocket message) types into
the portal's forms. Each target makes seeded inputs and hands them to the real parser; an answer
other than a value or the parser's own refusal is a crash."""
