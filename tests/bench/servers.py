"""The processes ``make bench`` starts and talks to: Django's ``manage.py`` under the bench
settings, gunicorn, nginx over the static export, and wrk.

Kept apart from the measurements so that ``pdf_load.py`` starts its servers the same way;
every server listens on loopback and is stopped by its caller.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "tests" / "bench"
DATA = BENCH / ".data"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
APP_PORT, NGINX_PORT = 8701, 8702
CONNECTIONS = 16


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def ensure_tools() -> None:
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing:
        log(f"installing {', '.join(missing)} with apt-get")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        packages = ["wrk" if tool == "wrk" else "nginx-light" for tool in missing]
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True)


def django_env(database_url: str, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(DATA / "media"),
        "STATIC_ROOT": str(DATA / "static"),
        "PUBLIC_APP_URL": f"http://127.0.0.1:{APP_PORT}",
        "PUBLIC_SITE_URL": f"http://127.0.0.1:{NGINX_PORT}",
        "LEADS_TRUST_X_FORWARDED_FOR": "true",  # each simulated visitor has its own address
        "LEADS_MIN_FILL_SECONDS": "1",
        "PYTHONPATH": str(ROOT),
        **{key: str(value) for key, value in extra.items()},
    }


def manage(env: dict, *args: str, quiet: bool = True) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    return result.stdout


class Server:
    """A background process that listens on ``port``; stopped on exit."""

    def __init__(self, command: list[str], port: int, env: dict | None = None):
        self.port = port
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{command[0]} did not start on port {port}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def gunicorn(env: dict) -> Server:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi:application",
        "--workers=2",
        f"--bind=127.0.0.1:{APP_PORT}",
        "--log-level=warning",
    ]
    return Server(command, APP_PORT, env)


def nginx_headers(export_dir: Path) -> str:
    """``add_header`` lines for the security headers the export lists in its ``_headers``."""
    rules = export_dir / "_headers"
    lines = rules.read_text().splitlines() if rules.is_file() else []
    headers = [line.strip().split(": ", 1) for line in lines if line.startswith("  ")]
    return "\n".join(f'    add_header {name} "{value}" always;' for name, value in headers)


def nginx_server(
    data: Path, port: int, server: str, *, workers=2, connections=1024, http=""
) -> Server:
    """nginx on ``port`` with its files under ``data/nginx``: ``server`` is the body of its one
    server block, ``http`` more settings of the http block."""
    prefix = data / "nginx"
    prefix.mkdir(parents=True, exist_ok=True)
    config = prefix / "nginx.conf"
    config.write_text(
        f"""worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
daemon off;
events {{ worker_connections {connections}; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
{http}
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  server {{
    listen 127.0.0.1:{port};
{server}
  }}
}}
"""
    )
    return Server(["nginx", "-c", str(config), "-p", str(prefix)], port)


def nginx(export_dir: Path) -> Server:
    """nginx serving the static export, with its headers."""
    return nginx_server(
        DATA,
        NGINX_PORT,
        f"""    root {export_dir};
    index index.html;
{nginx_headers(export_dir)}""",
    )


def wrk(url: str, duration: int, *extra: str) -> dict:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "-s", str(BENCH / "report.lua")]
    output = subprocess.run(
        [*command, *extra, url], check=True, text=True, stdout=subprocess.PIPE
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))
