"""Careers: the front door into health and care. The career roles of every sector and the
pathways between them (``pathways``), the public job board over the talent hub's vacancies
(``jobs``), the partnership's prospectus (``prospectus``), and ambassadors in schools and
colleges with the coverage they reach (``schools``)."""
