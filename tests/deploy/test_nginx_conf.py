"""The nginx configuration: rendered from deploy/nginx.conf.template and checked by nginx -t."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from deploy_helpers import REPO_ROOT

RENDER = REPO_ROOT / "deploy" / "render-nginx-conf.sh"


def render(run_dir: Path, listen: str, *ports: int, env: dict[str, str] | None = None) -> str:
    """The configuration ``deploy/render-nginx-conf.sh`` prints."""
    result = subprocess.run(
        ["bash", str(RENDER), str(run_dir), listen, *map(str, ports)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return result.stdout


def location(conf: str, name: str) -> str:
    """The body of ``location <name> { ... }`` (no nested blocks in ours)."""
    match = re.search(rf"location {re.escape(name)} \{{(.*?)\}}", conf, re.S)
    assert match, f"no 'location {name}' block"
    return match.group(1)


def test_every_placeholder_is_filled(tmp_path: Path) -> None:
    conf = render(tmp_path, "127.0.0.1:8501", 8502, 8503, 8504)
    assert "@@" not in conf
    assert re.findall(r"^\s*server 127\.0\.0\.1:(\d+);$", conf, re.M) == ["8502", "8503", "8504"]
    assert "listen 127.0.0.1:8501 default_server;" in conf
    assert f"pid {tmp_path}/nginx.pid;" in conf
    # nothing is written outside the run directory (no /var/lib/nginx, no /var/log)
    for directive in re.findall(r"^\s*\w+_temp_path (\S+);", conf, re.M):
        assert directive.startswith(str(tmp_path))
    assert "access_log off;" in conf


def test_sticky_sessions_use_a_cookie_not_the_address(tmp_path: Path) -> None:
    conf = render(tmp_path, "8501", 8502, 8503)
    assert re.search(r"hash \$streamlit_route consistent;", conf)
    assert "$remote_addr" not in conf.split("upstream", 1)[1]
    # a valid cookie routes; anything else gets the request's own random id,
    # which the same response sets as the cookie
    assert re.search(r'"~\^\[0-9a-f\]\{32\}\$" \$cookie_streamlit_route;', conf)
    assert re.search(r"default \$request_id;", conf)
    assert 'default "streamlit_route=$request_id; Path=/; HttpOnly; SameSite=Lax";' in conf
    assert "add_header Set-Cookie $streamlit_route_set_cookie always;" in conf


def test_websocket_upgrade_and_gzip(tmp_path: Path) -> None:
    conf = render(tmp_path, "8501", 8502, 8503)
    assert "proxy_http_version 1.1;" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    # Streamlit accepts a websocket only if Origin matches Host (port included)
    assert "proxy_set_header Host $http_host;" in conf
    stream = location(conf, "= /_stcore/stream")
    assert "proxy_read_timeout 1h;" in stream
    assert "proxy_buffering off;" in stream
    assert "gzip on;" in conf
    gzip_types = re.search(r"gzip_types([^;]*);", conf)
    assert gzip_types
    for mime in ("text/css", "application/javascript", "text/javascript", "application/json"):
        assert mime in gzip_types.group(1).split()


def test_user_directive_only_for_root(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "NGINX_USER": ""}
    assert not re.search(r"^user ", render(tmp_path, "8501", 8502, env=env), re.M)
    env["NGINX_USER"] = "www-data"
    assert re.search(r"^user www-data;$", render(tmp_path, "8501", 8502, env=env), re.M)


@pytest.mark.parametrize(
    "args",
    [
        ["relative/dir", "8501", "8502"],
        ["/tmp/x y", "8501", "8502"],
        ["/tmp/x", "8501;", "8502"],
        ["/tmp/x", "8501", "0"],
        ["/tmp/x", "8501", "70000"],
        ["/tmp/x", "8501", "85o2"],
        ["/tmp/x", "8501"],
    ],
)
def test_bad_arguments_are_refused(args: list[str]) -> None:
    result = subprocess.run(["bash", str(RENDER), *args], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip()


@pytest.mark.parametrize("workers", [1, 2, 4])
@pytest.mark.parametrize("listen", ["8501", "127.0.0.1:8501", "[::1]:8501"])
def test_nginx_accepts_the_rendered_configuration(
    nginx: str, tmp_path: Path, workers: int, listen: str
) -> None:
    """``nginx -t`` with the same -p/-c as run-app.sh (as root: user nobody nogroup)."""
    tmp_path.chmod(0o755)
    conf = tmp_path / "nginx.conf"
    conf.write_text(render(tmp_path, listen, *range(8502, 8502 + workers)))
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
