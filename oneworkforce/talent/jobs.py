"""Time-driven talent hub work, run by ``manage.py run_due_jobs`` (see ``core/jobs.py``)."""
