from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from oneworkforce import __version__
from oneworkforce.core import cli
from oneworkforce.partners.accounts import services
from oneworkforce.partners.models import SignInToken


def test_the_console_command_is_installed_and_prints_its_version():
    result = subprocess.run(
        [sys.executable, "-m", "oneworkforce.core.cli", "version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"One Workforce {__version__}"


def test_without_a_command_it_shows_help(capsys):
    assert cli.main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


@pytest.mark.django_db
def test_run_due_jobs_purges_old_sign_in_links_and_is_safe_to_repeat():
    services.sign_in_link_request(email="old@example.org", ip="192.0.2.1", link_builder=str)
    SignInToken.objects.update(expires_at=timezone.now() - dt.timedelta(hours=3))
    out = io.StringIO()
    call_command("run_due_jobs", stdout=out)
    # The link expired three hours ago; the rate-limit record is recent and stays.
    assert "purge_sign_in_records: 1" in out.getvalue().splitlines()
    assert not SignInToken.objects.exists()
    out = io.StringIO()
    call_command("run_due_jobs", stdout=out)
    assert "purge_sign_in_records: 0" in out.getvalue().splitlines()


@pytest.mark.django_db
def test_run_due_jobs_refuses_an_unknown_job():
    with pytest.raises(CommandError, match="no_such_job"):
        call_command("run_due_jobs", only=["no_such_job"])
