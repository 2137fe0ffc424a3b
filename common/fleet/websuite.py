"""``python -m common.fleet.websuite``: the web front end's tests, component then browser.

0. The first page's JavaScript is held to its budget (``web/scripts/budget.mjs``: 200 KB gzipped).
1. Vitest runs the component tests (``web/src/**/*.test.tsx``) in jsdom.
2. The real fleet starts as ``tests/e2e`` starts its own (``python -m common.fleet.up``), on its
   own ports (31000-31007, localstripe 31420, the mail sink 26025), databases
   (``bazaar_web_*``, dropped and made anew), RabbitMQ vhost and Redis database, with ``FRONTEND_URL`` at its gateway,
   which serves the freshly built ``web/dist``.
3. Playwright drives Debian's Chromium (``deploy/ensure-chromium.sh``) through the pages against
   it; the tests read one-time codes and links from the mail sink's folder. Screenshots land in
   ``web/test-results/screens/``.

Extra arguments go to Playwright (``-g journey``). The last line sums both runs up.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time

from common.fleet.services import ROOT
from common.testing.broker import fresh_vhost

WEB = ROOT / "web"
PORT_OFFSET = 23000
GATEWAY_URL = f"http://127.0.0.1:{8000 + PORT_OFFSET}"
FLEET = "gateway,auth,users,gigs,chat,orders,reviews,notifications"
# Databases 5 to 11 belong to other suites' fleets; this one is the web suite's alone, emptied at start.
REDIS_URL = "redis://127.0.0.1:6379/12"
VHOST = "bazaar_web"
MAIL_DIR = WEB / "test-results" / "mail"
READY_LINE = "Bazaar is up"
_COUNT = re.compile(r"(\d+) (passed|failed)")


def fleet_env() -> dict[str, str]:
    """The environment of the suite's fleet (see the module's docstring)."""
    return {
        **{name: value for name, value in os.environ.items() if name not in ("STRIPE_API_BASE", "EMAIL_PORT")},
        "BAZAAR_ENV": "local",
        "PYTHONUNBUFFERED": "1",
        "POSTGRES_DB_PREFIX": "bazaar_web_",
        "FLEET_PORT_OFFSET": str(PORT_OFFSET),
        "REDIS_URL": REDIS_URL,
        "RABBITMQ_URL": fresh_vhost(VHOST),
        "FRONTEND_URL": GATEWAY_URL,
        "GATEWAY_URL": GATEWAY_URL,
        "MAIL_SINK_DIR": str(MAIL_DIR),
        "WEB_DIST_DIR": str(WEB / "dist"),
        # Every browser of the tests comes from 127.0.0.1; the gateway's suite proves the per-IP budget.
        "RATE_LIMIT_PER_IP": "100000",
        "RATE_LIMIT_PER_USER": "100000",
    }


def run(command: list[str], counts: dict[str, int], env: dict[str, str] | None = None) -> int:
    """Run ``command`` in ``web/``, echoing its output and adding its pass/fail counts to ``counts``."""
    process = subprocess.Popen(command, cwd=WEB, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    found: dict[str, int] = {}
    for line in process.stdout:
        sys.stdout.write(line)
        for number, word in _COUNT.findall(line):
            found[word] = int(number)
    code = process.wait()
    for word, number in found.items():
        counts[word] += number
    if code and not found.get("failed"):
        counts["failed"] += 1
    return code


def drop_databases() -> None:
    """The suite's databases, dropped: the fleet makes and migrates them anew.

    Branches worked on side by side run this suite on the same machine; a database another
    branch migrated further (a column, a constraint this branch's code knows nothing of)
    would fail this branch's tests for no fault of theirs.
    """
    from common.fleet.databases import connect_admin
    from common.fleet.health import port_is_free

    # A fleet of this suite still running uses them: leave them, and let the runner say so.
    if not port_is_free(8000 + PORT_OFFSET):
        return
    with connect_admin() as admin:
        for name in FLEET.split(",")[1:]:
            admin.execute(f'DROP DATABASE IF EXISTS "bazaar_web_{name}" WITH (FORCE)')


def start_fleet(env: dict[str, str], timeout: float = 180) -> subprocess.Popen[str]:
    """The fleet on fresh databases, once it printed its ready line; its output goes on to ours."""
    import redis

    drop_databases()
    redis.Redis.from_url(REDIS_URL).flushdb()
    process = subprocess.Popen(
        [sys.executable, "-m", "common.fleet.up", "--only", FLEET],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    ready = threading.Event()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if READY_LINE in line or line.startswith("fleet ") or "Traceback" in line or "Error" in line:
                sys.stdout.write(f"fleet | {line}")
            if READY_LINE in line:
                ready.set()

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + timeout
    while not ready.wait(0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            stop_fleet(process)
            raise RuntimeError("the web suite's fleet did not start")
    return process


def stop_fleet(process: subprocess.Popen[str]) -> None:
    """SIGTERM, as Ctrl-C would; the runner stops its children."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def prepare() -> None:
    """Chromium installed, the locked packages installed and ``web/dist`` built from the sources."""
    subprocess.run([str(ROOT / "deploy" / "ensure-chromium.sh")], check=True)
    subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "web"], check=True)


def main(argv: list[str] | None = None) -> int:
    """Component tests, then browser tests against a fleet of the suite's own; 1 if anything failed."""
    extra = sys.argv[1:] if argv is None else argv
    prepare()
    counts = {"passed": 0, "failed": 0}
    browser_env = {**os.environ, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1", "CI": os.environ.get("CI", "")}
    codes = [run(["node", "scripts/budget.mjs"], counts), run(["npx", "vitest", "run"], counts, browser_env)]
    for stale in MAIL_DIR.glob("*.eml"):
        stale.unlink()
    MAIL_DIR.mkdir(parents=True, exist_ok=True)
    env = fleet_env()
    fleet = start_fleet(env)
    try:
        codes.append(
            run(
                ["npx", "playwright", "test", *extra],
                counts,
                {**browser_env, "GATEWAY_URL": GATEWAY_URL, "MAIL_SINK_DIR": str(MAIL_DIR)},
            )
        )
    finally:
        stop_fleet(fleet)
    # The one summary line the suites' runner reads: both runs together.
    print(f"web: {counts['passed']} passed, {counts['failed']} failed")
    return 1 if any(codes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
