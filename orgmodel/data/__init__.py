"""Data shipped with orgmodel: the areas (DAGI), the vocabulary, the glossary."""
