"""The nginx template of the production run renders into a config nginx itself accepts."""

from __future__ import annotations

import subprocess
from pathlib import Path

from common.fleet import nginx
from common.fleet.tls import self_signed


def rendered(tmp_path: Path) -> Path:
    certificate, key = self_signed(tmp_path / "tls")
    edge = nginx.Edge(
        run_dir=tmp_path / "nginx",
        listen="127.0.0.1:39443",
        gateway="127.0.0.1:39000",
        certificate=certificate,
        certificate_key=key,
        max_body_bytes=10 * 1024 * 1024,
    )
    return nginx.write_config(edge)


def test_every_placeholder_is_filled_and_the_forwarding_headers_are_sent(tmp_path):
    config = rendered(tmp_path).read_text()

    assert "{{" not in config
    for header in (
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_set_header X-Forwarded-Host $http_host;",
        "proxy_set_header Upgrade $http_upgrade;",
        f"proxy_bind {nginx.PROXY_ADDRESS};",
    ):
        assert header in config


def test_nginx_accepts_the_rendered_config(tmp_path):
    executable = nginx.binary()
    assert executable is not None, f"nginx is not installed: run {nginx.INSTALLER}"
    config = rendered(tmp_path)

    result = subprocess.run(
        [executable, "-t", "-p", str(config.parent), "-c", str(config), "-e", "stderr"],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
