"""Data shipped with orgmodel: the areas (DAGI), the vocabulary, the glossary and the UI words."""
