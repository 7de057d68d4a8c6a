"""Lighthouse's mobile performance score of journey pages, opened at the top and at ``#sentiment``.

    .venv/bin/python bench/lighthouse.py                                 # journeys/first-week-setup/, 3 runs
    .venv/bin/python bench/lighthouse.py journeys/priya-saturday/ --runs 5 --json lh.json --reports bench/out/lh
    .venv/bin/python bench/lighthouse.py --plain                         # the baseline: plain MkDocs pages

Builds content/ with the repository's mkdocs.yml into a temporary folder and serves it from
127.0.0.1 the way a real host would: HTML, CSS, JavaScript, JSON, SVG and XML go gzip-compressed
to a browser that accepts gzip, over HTTP/1.1 keep-alive, with GitHub Pages' ``Cache-Control:
max-age=600`` and no validators (no 304s). Lighthouse starts every run with an empty cache, so a
run fetches every byte once, and within a load the cache works as on a real host. (Material's
instant navigation sets the stylesheets' addresses again on load: with ``no-store`` they would
be fetched twice.)

Then it runs Lighthouse's performance category with Lighthouse's defaults: a phone (Moto G
Power emulation, 412 × 823) with simulated throttling (slow 4G, 4× CPU slowdown), in Debian's
Chromium (/usr/bin/chromium, or CJM_CHROMIUM) with ``--headless=new --no-sandbox
--disable-gpu``. Each page is loaded opened at its top and opened at ``#sentiment`` (the anchor
of the sentiment figure: that load starts with the chart in view), the two alternating,
``--runs`` times each, every run in a fresh Chromium.

It prints, for each page and opening, the median performance score and every run's score, the
medians of TBT, LCP, CLS and FCP, and the bytes fetched on load: transferred (compressed, with
headers; Lighthouse's "total byte weight") and decoded, with the number of requests. Then the
largest responses of the run with the median score. A run that fails or times out is reported
with its reason and left out of the medians; the exit status is 1 when an opening has no run left.

Needs, beyond `make install`: Node.js and npm, for Lighthouse itself. Lighthouse 13.5.0 is
installed with npm once, when missing, into ``~/.cache/mkdocs-cjm-bench/lighthouse-13.5.0``
(``$XDG_CACHE_HOME`` is honoured; ``--lighthouse-dir`` picks another folder), never into the
repository. Lighthouse 13 asks for node ≥ 22.19; Debian's node 20 runs it.

Scores move with the machine: Lighthouse's simulated throttling multiplies the CPU time it
observes, so a busy machine scores lower. The report shows Lighthouse's benchmark index of the
machine (Lighthouse warns below 1,000; a desktop is around 1,000–2,000) and its warnings. To see
how a page fares on a slower machine, ``--cpu-slowdown`` raises the slowdown: 12 on a machine of
index ~3,000 is about Lighthouse's default of 4 on one of ~1,000.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import io
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from browser.conftest import CHROMIUM, JOURNEY, build_example  # noqa: E402

LIGHTHOUSE = "13.5.0"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
ANCHOR = "sentiment"
# Lighthouse's numbers kept for each run: name → audit id (each audit's numericValue).
METRICS = {
    "tbt_ms": "total-blocking-time",
    "lcp_ms": "largest-contentful-paint",
    "cls": "cumulative-layout-shift",
    "fcp_ms": "first-contentful-paint",
    "transfer_bytes": "total-byte-weight",
}
MAX_AGE = 600  # seconds a response may be reused, as GitHub Pages sends
COMPRESSIBLE = {
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
}


class BenchError(Exception):
    """Something the benchmark needs is missing or broken; the message says what to do."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def tail(text: str, lines: int = 6) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:] if line.strip())


# ---------------------------------------------------------------------------------------------
# The site, served with gzip


def compressible(content_type: str) -> bool:
    return content_type.startswith("text/") or content_type in COMPRESSIBLE


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip: ``gzip`` (or else ``*``) with a q-value above 0."""
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[coding.lower()] = weight
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


class GzipServer(ThreadingHTTPServer):
    """A threaded HTTP server of one folder that compresses each text file once."""

    daemon_threads = True

    def __init__(self, site_dir: Path) -> None:
        self._gzipped: dict[tuple[Path, int, int], bytes] = {}
        self._lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site_dir)))

    def gzipped(self, path: Path, data: bytes) -> bytes:
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            body = self._gzipped.get(key)
        if body is None:
            body = gzip.compress(data, compresslevel=6, mtime=0)
            with self._lock:
                self._gzipped[key] = body
        return body

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet when the browser drops a connection (Lighthouse closes Chromium mid-transfer)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class GzipHandler(SimpleHTTPRequestHandler):
    """The site's files; text types gzip-compressed when the request accepts gzip."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real hosts do (every response has a Content-Length)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> io.BytesIO | None:
        parts = urlsplit(self.path)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not parts.path.endswith("/"):  # like SimpleHTTPRequestHandler: the folder's own address
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", urlunsplit(parts._replace(path=parts.path + "/")))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        if not path.is_file():
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        data = path.read_bytes()
        content_type = self.guess_type(str(path))
        headers = {"Content-Type": content_type, "Cache-Control": f"max-age={MAX_AGE}"}
        if compressible(content_type):
            headers["Vary"] = "Accept-Encoding"
            if accepts_gzip(self.headers.get("Accept-Encoding", "")):
                assert isinstance(self.server, GzipServer)
                data = self.server.gzipped(path, data)
                headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(data))
        self.send_response(HTTPStatus.OK)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        return io.BytesIO(data)


@contextlib.contextmanager
def gzip_server(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` (which may be built after the server starts) and yield its address."""
    server = GzipServer(site_dir)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def has_anchor(html: str, anchor: str) -> bool:
    return re.search(rf"""\sid=["']?{re.escape(anchor)}["'\s>]""", html) is not None


# ---------------------------------------------------------------------------------------------
# Lighthouse


def lighthouse_folder() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "mkdocs-cjm-bench" / f"lighthouse-{LIGHTHOUSE}"


def installed_version(folder: Path) -> str | None:
    manifest = folder / "node_modules" / "lighthouse" / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return None


def ensure_lighthouse(folder: Path, timeout: float) -> Path:
    """Lighthouse's command line in ``folder``, installed there with npm first when missing."""
    cli = folder / "node_modules" / ".bin" / "lighthouse"
    if installed_version(folder) == LIGHTHOUSE and cli.exists():
        return cli
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise BenchError(
                f"`{tool}` is not on PATH: Lighthouse needs Node.js and npm (Debian: apt-get install nodejs npm)"
            )
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    command = ["npm", "install", "--prefix", str(staging), "--no-audit", "--no-fund", "--loglevel=error"]
    log(f"installing lighthouse@{LIGHTHOUSE} into {folder} with npm (once; a minute or two) …")
    try:
        done = subprocess.run(
            [*command, f"lighthouse@{LIGHTHOUSE}"], cwd=staging, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise BenchError(
                f"npm install lighthouse@{LIGHTHOUSE} failed (exit status {done.returncode}): {tail(done.stderr)}"
            )
        if installed_version(staging) != LIGHTHOUSE:
            raise BenchError(f"npm install lighthouse@{LIGHTHOUSE} left no lighthouse {LIGHTHOUSE} in {staging}")
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)  # only a complete install gets the folder's name
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"npm install lighthouse@{LIGHTHOUSE} did not finish in {timeout:.0f} s") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return cli


def child_pids(pid: int) -> list[int]:
    pids: list[int] = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            pids += [int(child) for child in children.read_text().split()]
    return pids


def stop(process: subprocess.Popen[str]) -> None:
    """Stop a Lighthouse that ran out of time, and its Chromium. chrome-launcher starts Chromium
    in a process group of its own and kills that group when Lighthouse gets SIGINT; should
    Lighthouse not exit, its group and the groups its children lead are killed."""
    children = child_pids(process.pid)
    process.send_signal(signal.SIGINT)
    try:
        process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
    for pid in children:
        with contextlib.suppress(OSError):
            if os.getpgid(pid) == pid:
                os.killpg(pid, signal.SIGKILL)


def run_lighthouse(cli: Path, url: str, report: Path, timeout: float, slowdown: float | None = None) -> str | None:
    """Run Lighthouse (performance only, default mobile settings; ``slowdown`` replaces its CPU
    slowdown of 4) on ``url``, writing its JSON report to ``report``. An error message when it
    fails, else None."""
    command = [
        str(cli),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
        *([f"--throttling.cpuSlowdownMultiplier={slowdown:g}"] if slowdown else []),
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(process)
        return f"Lighthouse did not finish in {timeout:.0f} s (--timeout)"
    if report.is_file():
        return None  # a report with a runtime error is read as one
    return f"Lighthouse failed (exit status {process.returncode}) without a report: {tail(stderr) or 'no message'}"


# ---------------------------------------------------------------------------------------------
# Runs and their medians


@dataclass
class Response:
    url: str
    transfer_bytes: int
    decoded_bytes: int


@dataclass
class Run:
    """One Lighthouse run: its score and numbers, or why there are none."""

    url: str
    seconds: float = 0.0
    error: str | None = None
    score: float | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    responses: list[Response] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    benchmark_index: float | None = None


def read_report(run: Run, lhr: dict[str, Any]) -> Run:
    """Fill ``run`` from a Lighthouse JSON report (a runtime error or a missing number is an error)."""
    environment = lhr.get("environment", {})
    run.benchmark_index = environment.get("benchmarkIndex")
    run.warnings = [str(warning) for warning in lhr.get("runWarnings", [])]
    if lhr.get("runtimeError"):
        run.error = f"{lhr['runtimeError'].get('code')}: {lhr['runtimeError'].get('message')}"
        return run
    audits = lhr.get("audits", {})
    for name, audit_id in METRICS.items():
        value = audits.get(audit_id, {}).get("numericValue")
        if value is None:
            run.error = f"no {audit_id}: {audits.get(audit_id, {}).get('errorMessage', 'audit missing')}"
            return run
        run.metrics[name] = float(value)
    items = audits.get("network-requests", {}).get("details", {}).get("items", [])
    run.responses = [  # data: addresses (Material's inline icons) are not fetched
        Response(i["url"], int(i.get("transferSize") or 0), int(i.get("resourceSize") or 0))
        for i in items
        if not str(i["url"]).startswith("data:")
    ]
    run.metrics["decoded_bytes"] = float(sum(r.decoded_bytes for r in run.responses))
    run.metrics["requests"] = float(len(run.responses))
    score = lhr.get("categories", {}).get("performance", {}).get("score")
    if score is None:
        run.error = "Lighthouse gave no performance score"
    else:
        run.score = round(float(score) * 100)
    return run


def measure(cli: Path, url: str, report: Path, timeout: float, slowdown: float | None = None) -> Run:
    started = time.monotonic()
    run = Run(url)
    run.error = run_lighthouse(cli, url, report, timeout, slowdown)
    if run.error is None:
        try:
            read_report(run, json.loads(report.read_text(encoding="utf-8")))
        except (OSError, ValueError, AttributeError, TypeError, KeyError) as error:
            run.error = f"unreadable report {report}: {error!r}"
    run.seconds = time.monotonic() - started
    return run


@dataclass
class Opening:
    """A page opened one way (at its top, or at an anchor), and its runs."""

    page: str
    label: str
    url: str
    runs: list[Run] = field(default_factory=list)

    @property
    def good(self) -> list[Run]:
        return [run for run in self.runs if run.error is None]

    def median(self, metric: str) -> float | None:
        values = [run.metrics[metric] for run in self.good]
        return statistics.median(values) if values else None

    def median_score(self) -> float | None:
        scores = [run.score for run in self.good if run.score is not None]
        return statistics.median(scores) if scores else None

    def median_run(self) -> Run | None:
        """The run whose score is the median (the lower middle one of an even number of runs)."""
        ranked = sorted(self.good, key=lambda run: run.score or 0)
        return ranked[(len(ranked) - 1) // 2] if ranked else None

    def summary(self) -> dict[str, Any]:
        medians = {name: self.median(name) for name in [*METRICS, "decoded_bytes", "requests"]}
        return {"page": self.page, "opened_at": self.label, "url": self.url, "score": self.median_score(), **medians}


# ---------------------------------------------------------------------------------------------
# The report


def chromium_version() -> str:
    try:
        done = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "Chromium ?"
    return done.stdout.strip() or "Chromium ?"


def number(value: float | None, unit: str = "", digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{unit}"


def table(openings: list[Opening], runs: int) -> list[str]:
    head = f"{'page':<34} {'opened at':<11} {'score':>5}  {'runs':<12} {'TBT':>8} {'LCP':>7} {'CLS':>6} {'FCP':>7} {'transferred':>12} {'decoded':>11} {'requests':>8}"
    lines = [head, "-" * len(head)]
    for o in openings:
        scores = " ".join(number(run.score) if run.error is None else "×" for run in o.runs)
        if len(o.good) < runs:
            scores += f" ({len(o.good)}/{runs} ok)"
        lcp, fcp = o.median("lcp_ms"), o.median("fcp_ms")
        lines.append(
            f"{o.page:<34} {o.label:<11} {number(o.median_score()):>5}  {scores:<12} {number(o.median('tbt_ms'), ' ms'):>8}"
            f" {number(lcp and lcp / 1000, ' s', 1):>7} {number(o.median('cls'), '', 3):>6} {number(fcp and fcp / 1000, ' s', 1):>7}"
            f" {number(o.median('transfer_bytes')):>12} {number(o.median('decoded_bytes')):>11} {number(o.median('requests')):>8}"
        )
    return lines


def largest(opening: Opening, base: str, count: int = 6) -> list[str]:
    run = opening.median_run()
    if run is None:
        return []
    lines = [f"largest responses of the median run, /{opening.page} at {opening.label} (transferred, decoded):"]
    for response in sorted(run.responses, key=lambda r: -r.transfer_bytes)[:count]:
        lines.append(
            f"  {response.transfer_bytes:>11,} {response.decoded_bytes:>11,}  {response.url.removeprefix(base)}"
        )
    return lines


def report(openings: list[Opening], base: str, args: argparse.Namespace) -> list[str]:
    runs = [run for opening in openings for run in opening.runs]
    indexes = sorted(run.benchmark_index for run in runs if run.benchmark_index is not None)
    lines = [
        f"Lighthouse {LIGHTHOUSE}, performance, "
        + (
            f"mobile settings with a {args.cpu_slowdown:g}× CPU slowdown"
            if args.cpu_slowdown
            else "default mobile settings"
        )
        + " (Moto G Power, simulated slow 4G"
        + ("" if args.cpu_slowdown else ", 4× CPU slowdown")
        + ");",
        f"{chromium_version()}; {f'median of {args.runs} runs' if args.runs > 1 else 'one run'}; site gzip-compressed from 127.0.0.1;"
        f" machine benchmark index {number(indexes[0]) if indexes else '?'}–{number(indexes[-1]) if indexes else '?'}",
        "",
        *table(openings, args.runs),
        "",
        "TBT total blocking time, LCP largest contentful paint, CLS cumulative layout shift, FCP first contentful",
        "paint; transferred: bytes on the wire on load (compressed, with headers), decoded: the same bodies decoded.",
    ]
    for opening in openings:
        if biggest := largest(opening, base):
            lines += ["", *biggest]
    failures = [
        f"  /{o.page} at {o.label}, run {i}: {run.error}"
        for o in openings
        for i, run in enumerate(o.runs, 1)
        if run.error
    ]
    if failures:
        lines += ["", "failed runs:", *failures]
    warnings = sorted({warning for run in runs for warning in run.warnings})
    if warnings:
        lines += ["", "Lighthouse's warnings:", *(f"  {warning}" for warning in warnings)]
    command = ["bench/lighthouse.py", *args.pages, "--runs", str(args.runs)]
    command += ["--anchor", args.anchor] if args.anchor != ANCHOR else []
    command += ["--cpu-slowdown", f"{args.cpu_slowdown:g}"] if args.cpu_slowdown else []
    lines += ["", "reproduce: .venv/bin/python " + " ".join(command)]
    return lines


# ---------------------------------------------------------------------------------------------
# Main


def openings_of(site_dir: Path, base: str, pages: list[str], anchor: str) -> list[Opening]:
    """Each page opened at its top and at ``#anchor`` (a page without that anchor is an error)."""
    openings = []
    for page in pages:
        page = page.strip("/") + "/" if page.strip("/") else ""
        html = site_dir / page / "index.html"
        if not html.is_file():
            raise BenchError(f"no page /{page} in the built site ({html} is missing)")
        if not has_anchor(html.read_text(encoding="utf-8"), anchor):
            raise BenchError(f"/{page} has no element with id={anchor!r} to open the page at")
        openings += [Opening(page, "top", base + page), Opening(page, f"#{anchor}", f"{base}{page}#{anchor}")]
    return openings


def run_all(cli: Path, openings: list[Opening], reports: Path, args: argparse.Namespace) -> None:
    """``args.runs`` runs of every opening, the openings alternating (so a busier spell of the
    machine does not fall on one of them only)."""
    total = args.runs * len(openings)
    for index in range(args.runs):
        for number_, opening in enumerate(openings, 1):
            slug = re.sub(r"[^\w-]+", "-", f"{opening.page}-{opening.label}").strip("-")
            run = measure(cli, opening.url, reports / f"{slug}-{index + 1}.json", args.timeout, args.cpu_slowdown)
            opening.runs.append(run)
            done = index * len(openings) + number_
            result = f"score {number(run.score)}" if run.error is None else f"FAILED: {run.error}"
            result += f", benchmark index {number(run.benchmark_index)}" if run.benchmark_index else ""
            log(f"[{done}/{total}] /{opening.page} at {opening.label}: {result} ({run.seconds:.0f} s)")


def build_plain(docs_dir: Path, site_dir: Path, base: str) -> None:
    """The baseline: the example portfolio as the hand-written Markdown pages of bench/plain.py,
    built by plain MkDocs + Material (no plugin) with bench/run.py's configuration."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from plain import write_plain
    from run import plain_config

    from mkdocs_cjm.core.project import read_project

    write_plain(read_project(REPO / "mkdocs.yml").load(), docs_dir, "Tillwise journey maps")
    config = plain_config(docs_dir, site_dir)
    config["site_url"] = base
    config_file = docs_dir.parent / "plain.yml"
    config_file.write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
    build(load_config(str(config_file)))


def measure_site(cli: Path, args: argparse.Namespace, reports: Path) -> tuple[list[str], bool]:
    """Build and serve the site, run Lighthouse: the report's lines, and whether every opening
    has at least one successful run."""
    with tempfile.TemporaryDirectory() as tmp, gzip_server(Path(tmp) / "site") as base:
        site_dir = Path(tmp) / "site"
        if args.plain:
            log(f"writing content/ as plain Markdown pages, building them into {site_dir} (served at {base}) …")
            build_plain(Path(tmp) / "plain", site_dir, base)
        else:
            log(f"building content/ with mkdocs.yml into {site_dir} (served at {base}) …")
            build_example(site_dir, base)
        openings = openings_of(site_dir, base, args.pages, args.anchor)
        run_all(cli, openings, reports, args)
    lines = report(openings, base, args)
    if args.json:
        runs = {f"/{o.page} {o.label}": [asdict(run) for run in o.runs] for o in openings}
        result = {"lighthouse": LIGHTHOUSE, "medians": [o.summary() for o in openings], "runs": runs}
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return lines, all(opening.good for opening in openings)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", default=[JOURNEY], help=f"site paths of pages (default {JOURNEY})")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs of each page and opening (default 3)")
    parser.add_argument("--anchor", default=ANCHOR, help=f"the second opening's anchor (default {ANCHOR})")
    parser.add_argument("--timeout", type=float, default=300, help="seconds one Lighthouse run may take (default 300)")
    parser.add_argument("--install-timeout", type=float, default=900, help="seconds npm may take (default 900)")
    parser.add_argument(
        "--lighthouse-dir", type=Path, default=lighthouse_folder(), help="where Lighthouse is installed"
    )
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    parser.add_argument(
        "--plain", action="store_true", help="measure the baseline instead: the same content as plain Markdown pages"
    )
    parser.add_argument("--json", type=Path, help="also write the medians and every run as JSON to this file")
    parser.add_argument(
        "--cpu-slowdown",
        type=float,
        help="Lighthouse's CPU slowdown instead of its 4: on a fast machine (benchmark index ~3,000), "
        "12 scores as 4 does on one of ~1,000",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        if not Path(CHROMIUM).is_file():
            raise BenchError(f"Chromium is not at {CHROMIUM}: `make chromium` installs it (or set CJM_CHROMIUM)")
        cli = ensure_lighthouse(args.lighthouse_dir, args.install_timeout)
        with tempfile.TemporaryDirectory() as tmp:
            reports = args.reports or Path(tmp)
            reports.mkdir(parents=True, exist_ok=True)
            lines, complete = measure_site(cli, args, reports)
    except BenchError as error:
        log(f"\nbench/lighthouse.py: {error}")
        return 1
    print("\n".join(lines), flush=True)
    if not complete:
        log("\nbench/lighthouse.py: a page and opening has no successful run (see 'failed runs')")
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
