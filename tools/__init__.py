"""Developer tools of the repository (not installed): the Babel extractor and the bilingual-pair converter."""
