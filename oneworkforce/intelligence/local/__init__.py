"""Partners' local figures: vacancies, leaving reasons, social care, population projections."""
