"""The Docker image's pieces, as far as they can be checked without Docker.

The image build itself is not run here (no Docker in the test environment).
What is tested: the entrypoint runs the same workers + nginx from the same
scripts and stops on SIGTERM; the image's health check command answers; the
Dockerfile and compose file name files that exist and the settings the
entrypoint reads; the shell scripts pass shellcheck (when installed).
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys

import pytest
from deploy_helpers import (
    REPO_ROOT,
    assert_all_gone,
    free_port_block,
    get,
    listening,
    start,
)

DOCKERFILE = REPO_ROOT / "deploy" / "Dockerfile"
COMPOSE = REPO_ROOT / "deploy" / "compose.yaml"
ENTRYPOINT = REPO_ROOT / "deploy" / "entrypoint.sh"
SCRIPTS = [
    REPO_ROOT / "scripts" / "run-app.sh",
    ENTRYPOINT,
    REPO_ROOT / "deploy" / "render-nginx-conf.sh",
]


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def test_entrypoint_runs_nginx_and_stops_on_sigterm(nginx: str) -> None:
    """``deploy/entrypoint.sh`` with WORKERS=1: nginx in front even of one worker."""
    port = free_port_block(2)
    app = start(
        ["bash", str(ENTRYPOINT)],
        1,
        port,
        env={"WORKERS": "1", "PORT": str(port), "ADDRESS": "127.0.0.1"},
    )
    try:
        app.wait_healthy()
        status, headers, _ = get(port, "/", {"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert any(h.startswith("streamlit_route=") for h in headers.get_all("Set-Cookie"))
        # The image's HEALTHCHECK command, with this interpreter for /app/.venv's.
        health = next(args for word, args in dockerfile_instructions() if word == "HEALTHCHECK")
        command = json.loads(health.split(" CMD ", 1)[1])
        assert command[0] == "/app/.venv/bin/python"
        probe = subprocess.run(
            [sys.executable, *command[1:]], env={"PORT": str(port)}, timeout=30, check=False
        )
        assert probe.returncode == 0
        tree = app.tree()
        app.process.send_signal(signal.SIGTERM)
        app.process.wait(timeout=30)
        assert app.process.returncode == 143
        assert_all_gone(tree)
        assert not listening(port)
    finally:
        app.stop()


@pytest.mark.parametrize("workers", ["0", "two", "100"])
def test_entrypoint_refuses_bad_workers(workers: str) -> None:
    result = subprocess.run(
        ["bash", str(ENTRYPOINT)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "WORKERS": workers, "APP_PYTHON": sys.executable},
        timeout=30,
    )
    assert result.returncode == 2
    assert "--workers must be a whole number" in result.stderr


def test_dockerfile_installs_the_locked_app_and_runs_the_entrypoint() -> None:
    instructions = dockerfile_instructions()
    assert instructions[0] == ("FROM", "python:3.11-slim")
    runs = " ".join(args for word, args in instructions if word == "RUN")
    assert re.search(r"apt-get install .*\bnginx\b", runs)
    assert ".venv/bin/pip install --quiet --require-hashes -r requirements/app.lock" in runs
    assert ".venv/bin/pip install --quiet --no-deps ." in runs
    for word, args in instructions:
        if word == "COPY":
            source = args.split()[0]
            assert (REPO_ROOT / source).exists(), source
    users = [args for word, args in instructions if word == "USER"]
    assert users and users[-1] not in ("root", "0")
    entrypoint = json.loads(next(args for word, args in instructions if word == "ENTRYPOINT"))
    assert entrypoint == ["/app/deploy/entrypoint.sh"]
    assert ENTRYPOINT.stat().st_mode & 0o111, "the entrypoint must be executable"
    assert ("EXPOSE", "8501") in instructions
    # the variables the entrypoint reads
    entry = ENTRYPOINT.read_text()
    for name in ("WORKERS", "PORT", "ADDRESS"):
        assert f"${{{name}:-" in entry
    assert "--no-install --nginx" in entry


def test_dockerignore_keeps_local_state_out_of_the_image() -> None:
    ignored = (REPO_ROOT / "deploy" / "Dockerfile.dockerignore").read_text().split()
    for entry in (".git", ".venv", "test-output", "benchmarks/output"):
        assert entry in ignored


def test_compose_builds_the_image_and_passes_workers() -> None:
    text = COMPOSE.read_text()
    assert re.search(r"^\s+context: \.\.$", text, re.M)
    assert re.search(r"^\s+dockerfile: deploy/Dockerfile$", text, re.M)
    assert re.search(r"^\s+WORKERS: \$\{WORKERS:-2\}$", text, re.M)
    assert re.search(r'^\s+- "\$\{HOST_PORT:-8501\}:8501"$', text, re.M)
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in text
    assert "\t" not in text


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
def test_shell_scripts_pass_shellcheck() -> None:
    result = subprocess.run(
        ["shellcheck", "-x", *map(str, SCRIPTS)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
