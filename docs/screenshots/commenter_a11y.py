#!/usr/bin/env python3
"""Check the commenter's pages in Spanish with axe-core.

Usage: AXE_JS=path/to/axe.min.js docs/screenshots/commenter_a11y.py [DOCKET_BINARY]

Starts `docket serve` on the sample standards, switches the site to Spanish
with the header's button, and walks the way an office comments on several
clauses: the comment form, its preview, "Add to my list", the list, the page
after sending, the page the one confirmation link opens and the page after
its button. Runs axe-core (npm install axe-core) on each page as it is shown,
forms posted included, and prints what it finds. Exits 1 if any page has a
violation. Needs Chromium and chromedriver (Debian: chromium chromium-driver).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from capture import Browser, ROOT, free_port, verification_links, wait  # noqa: E402

BIN = (Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "release" / "docket").resolve()
AXE_RUN = """
    const done = arguments[arguments.length - 1];
    axe.run().then(r => done(r.violations.map(
        v => `${v.id} (${v.impact}): ${v.nodes.length} element(s)`)));
"""


def check_here(browser, source, what):
    """Run axe-core on the page the browser shows now; return its violations."""
    browser.js(source)
    found = browser.cmd("POST", "/execute/async", {"script": AXE_RUN, "args": []})
    lang = browser.js("return document.documentElement.lang;")
    print(f"axe-core {what} (lang={lang}): " + ("; ".join(found) if found else "no violations"))
    return found


def press(browser, selector):
    if not browser.js("const b = document.querySelector(arguments[0]);"
                      "if (!b) return false; b.click(); return true;", selector):
        sys.exit(f"no {selector} on {browser.cmd('GET', '/url')}")
    time.sleep(0.7)


def main():
    axe = os.environ.get("AXE_JS")
    if not axe:
        sys.exit("set AXE_JS to axe-core's axe.min.js (npm install axe-core)")
    if not BIN.exists():
        sys.exit(f"no Docket binary at {BIN}: run cargo build --release first")
    source = Path(axe).read_text()
    work = Path(tempfile.mkdtemp())
    shutil.copytree(ROOT / "content", work / "content")
    data = work / "data"
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([BIN, "--data", data, "serve", "--content", work / "content",
                               "--bind", f"127.0.0.1:{port}", "--base-url", site],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    browser = None
    problems = []
    try:
        wait("docket serve", lambda: urllib.request.urlopen(f"{site}/healthz").status == 200)
        browser = Browser(work / "profile")
        browser.goto(f"{site}/standards/voter-communications/2")
        press(browser, "form.language-switch button[lang=es]")
        clauses = [key for key in browser.js(
            "return [...document.querySelectorAll('a[href*=\"/comments/new\"]')]"
            ".map(a => a.getAttribute('href').split('/clauses/')[1]).filter(Boolean)"
            ".map(k => k.split('/')[0]);")][:2]
        if len(clauses) < 2:
            sys.exit("fewer than two clauses to comment on")
        for n, key in enumerate(clauses):
            browser.goto(f"{site}/standards/voter-communications/2/clauses/{key}/comments/new")
            if n == 0:
                problems += check_here(browser, source, "comment form")
            browser.js("""
                document.getElementById('f-name').value = 'Oficina Electoral del Condado';
                document.getElementById('f-email').value = 'oficina@condado.example.org';
                document.getElementById('f-body').value = arguments[0];
            """, f"Comentario de prueba número {n + 1} sobre esta cláusula.")
            press(browser, "button[name=preview]")
            if n == 0:
                problems += check_here(browser, source, "comment form with its preview")
            press(browser, "button[name=gather]")
        problems += check_here(browser, source, "list of comments")
        press(browser, "form[action='/comments/gathered'] button[type=submit]")
        problems += check_here(browser, source, "page after sending the list")
        wait("the confirmation mail", lambda: any(
            "/verify/list/" in link for link in verification_links(data / "mail")))
        link = next(link for link in verification_links(data / "mail")
                    if "/verify/list/" in link)
        browser.goto(link)
        problems += check_here(browser, source, "page the list's link opens")
        press(browser, "main form button[type=submit]")
        problems += check_here(browser, source, "page after confirming")
    finally:
        if browser:
            browser.close()
        server.kill()
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
