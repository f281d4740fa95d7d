#!/usr/bin/env python3
"""Take the screenshots in the editor's guide from the running site.

Usage: docs/screenshots/capture.py [DOCKET_BINARY]

Starts `docket serve` on the sample standards in a throw-away data directory,
leaves a few comments on poll-workers version 2 as members of the public
(verifying each from the .eml file the site writes), signs in as an editor,
and saves screenshots of the editor's pages to docs/images/ with headless
Chromium driven through chromedriver (Debian: apt-get install chromium
chromium-driver). Standard library only.
"""
import base64
import json
import os
import quopri
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "images"
BIN = (Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "release" / "docket").resolve()
PASSWORD = "correct horse battery staple"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as resp:
        return json.loads(resp.read() or b"null")


def wait(what, ok, tries=300):
    for _ in range(tries):
        try:
            if ok():
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"gave up waiting for {what}")


class Browser:
    def __init__(self, profile):
        self.port = free_port()
        self.proc = subprocess.Popen(["chromedriver", f"--port={self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        wait("chromedriver", lambda: http("GET", f"{self.base}/status")["value"]["ready"])
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": shutil.which("chromium") or "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     "--window-size=1280,1200", f"--user-data-dir={profile}"]}}}}
        self.session = http("POST", f"{self.base}/session", caps)["value"]["sessionId"]

    def cmd(self, method, path, body=None):
        return http(method, f"{self.base}/session/{self.session}{path}", body)["value"]

    def goto(self, url):
        self.cmd("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def fill_and_submit(self, fields, form_selector="main form"):
        self.js("""
            const [fields, sel] = arguments;
            const form = [...document.querySelectorAll(sel)]
                .find(f => Object.keys(fields).every(n => f.elements[n]));
            for (const [name, value] of Object.entries(fields)) {
                const el = form.elements[name];
                if (el instanceof RadioNodeList) {
                    [...el].forEach(r => r.checked = (r.value === value));
                } else { el.value = value; }
            }
            HTMLFormElement.prototype.submit.call(form);
        """, fields, form_selector)
        time.sleep(0.5)

    def submit_form(self, action_suffix, fields=None, index=0):
        """Fill and submit the index-th form whose action ends with action_suffix."""
        found = self.js("""
            const [suffix, fields, index] = arguments;
            const forms = [...document.querySelectorAll('form')]
                .filter(f => (f.getAttribute('action') || '').endsWith(suffix));
            const form = forms.at(index);
            if (!form) return false;
            for (const [name, value] of Object.entries(fields)) { form.elements[name].value = value; }
            HTMLFormElement.prototype.submit.call(form);
            return true;
        """, action_suffix, fields or {}, index)
        if not found:
            sys.exit(f"no form posting to ...{action_suffix} on {self.cmd('GET', '/url')}")
        time.sleep(0.7)

    def shot(self, name, scroll_to=None, nth=0, above=80):
        """Save the viewport, first scrolled to the nth element matching scroll_to."""
        if scroll_to:
            self.js("const e = document.querySelectorAll(arguments[0])[arguments[1]];"
                    "if (e) { e.scrollIntoView(); window.scrollBy(0, -arguments[2]); }",
                    scroll_to, nth, above)
        png = base64.b64decode(self.cmd("GET", "/screenshot"))
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / f"{name}.png").write_bytes(png)
        print(f"docs/images/{name}.png")

    def close(self):
        try:
            self.cmd("DELETE", "")
        finally:
            self.proc.kill()


def verification_links(mail_dir):
    links = []
    for eml in sorted(Path(mail_dir).glob("*.eml")):
        text = quopri.decodestring(eml.read_bytes()).decode("utf-8", "replace")
        links += re.findall(r"https?://\S+/verify/(?:list/)?[0-9a-fA-F]+", text)
    return links


def axe_check(browser, source, url):
    """Run axe-core on one page and print its violations."""
    browser.goto(url)
    browser.js(source)
    found = browser.cmd("POST", "/execute/async", {"script": """
        const done = arguments[arguments.length - 1];
        axe.run().then(r => done(r.violations.map(
            v => `${v.id} (${v.impact}): ${v.nodes.length} element(s)`)));
    """, "args": []})
    path = url.split("/", 3)[3]
    print(f"axe-core /{path}: " + ("; ".join(found) if found else "no violations"))


def main():
    if not BIN.exists():
        sys.exit(f"no Docket binary at {BIN}: run cargo build --release first")
    work = Path(tempfile.mkdtemp())
    shutil.copytree(ROOT / "content", work / "content")
    data = work / "data"
    subprocess.run([BIN, "--data", data, "user", "add", "eleanor", "--role", "editor",
                    "--password-stdin"], input=PASSWORD.encode(), check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([BIN, "--data", data, "user", "add", "molly", "--role", "moderator",
                    "--password-stdin"], input=PASSWORD.encode(), check=True,
                   stdout=subprocess.DEVNULL)
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([BIN, "--data", data, "serve", "--content", work / "content",
                               "--bind", f"127.0.0.1:{port}", "--base-url", site],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              cwd=work)
    browser = None
    try:
        wait("docket serve", lambda: urllib.request.urlopen(f"{site}/healthz").status == 200)
        browser = Browser(work / "profile")
        comments = [
            ("pw-oath", "Rosa Alvarez", "rosa@example.org", "League of Voters",
             "Please keep oaths on file for 24 months, to match the retention rule for other election records.",
             ""),
            ("pw-oath", "Sam Okafor", "sam@example.org", "",
             "Please keep oaths on file for 24 months, to match the retention rule for all other election records.",
             ""),
            ("pw-recruit", "Dana Whitfield", "dana@example.org", "County Clerks Association",
             "Recruiting should reach students and retirees alike.",
             "The election office shall recruit poll workers from every part of the jurisdiction, "
             "including students, retirees and people who speak the languages of its voters."),
            ("pw-oath", "Lee Park", "lee@example.org", "",
             "Could the oath form be offered in large print as well?", ""),
        ]
        for key, name, email, org, body, proposed in comments:
            browser.goto(f"{site}/standards/poll-workers/2/clauses/{key}/comments/new")
            fields = {"name": name, "email": email, "organization": org, "body": body,
                      "kind": "general"}
            if proposed:
                fields["proposed_text"] = proposed
            browser.fill_and_submit(fields)
        wait("verification mail", lambda: len(verification_links(data / "mail")) >= len(comments))
        for link in verification_links(data / "mail"):
            # Opening a link only shows the comment: the button confirms it.
            browser.goto(link)
            browser.fill_and_submit({})

        browser.goto(f"{site}/staff/login")
        browser.fill_and_submit({"name": "eleanor", "password": PASSWORD})

        browser.goto(f"{site}/editor/standards/poll-workers/2/period")
        browser.shot("editor-period")

        # Start the draft of version 3 from the editors' index.
        browser.goto(f"{site}/editor/feedback")
        browser.shot("editor-index")
        browser.submit_form("/standards/poll-workers/drafts")

        # The workspace: campaigns first, then every comment by clause.
        browser.goto(f"{site}/editor/standards/poll-workers/2/feedback")
        browser.shot("editor-feedback")
        browser.shot("editor-campaign", scroll_to=".campaign")
        browser.shot("editor-accept", scroll_to=".accept-form")
        browser.submit_form("/accept")

        # Decide the campaign with one form, and the proposal's comment.
        browser.goto(f"{site}/editor/standards/poll-workers/2/feedback")
        browser.submit_form("/dispositions", {
            "outcome": "accepted_modified",
            "rationale": "Signed oaths will be kept for 24 months, like the other records "
                         "of an election; see clause 2.1 of the next draft.",
            "clause_key": "pw-oath"}, index=0)
        browser.goto(f"{site}/editor/standards/poll-workers/2/feedback?proposed=yes")
        browser.submit_form("/dispositions", {
            "outcome": "accepted",
            "rationale": "The proposed wording is taken into clause 3.2 as written.",
            "clause_key": "pw-recruit"}, index=-1)
        browser.goto(f"{site}/editor/standards/poll-workers/2/feedback")
        browser.shot("editor-decided", scroll_to=".feedback-clause")
        browser.goto(f"{site}/standards/poll-workers/2/clauses/pw-recruit")
        browser.shot("public-decision", scroll_to=".disposition", above=250)

        browser.goto(f"{site}/editor/standards/poll-workers/drafts/3")
        browser.shot("editor-draft")
        browser.shot("editor-desk", scroll_to="#clauses")
        browser.goto(f"{site}/editor/standards/poll-workers/drafts/3/clauses/pw-recruit")
        browser.shot("editor-clause")
        browser.goto(f"{site}/editor/standards/poll-workers/drafts/3/redline")
        browser.shot("editor-draft-redline", scroll_to="ins", nth=1, above=420)
        browser.goto(f"{site}/editor/standards/poll-workers/drafts/3/publish")
        browser.shot("editor-publish")

        browser.goto(f"{site}/standards/poll-workers/compare/1...2")
        browser.shot("redline-inline", scroll_to="ins", nth=1, above=420)
        browser.goto(f"{site}/standards/poll-workers/2/dispositions")
        browser.shot("disposition-report")
        browser.shot("disposition-report-items", scroll_to=".report-item")
        # The same report as printed (print styles), then on a phone.
        browser.cmd("POST", "/goog/cdp/execute",
                    {"cmd": "Emulation.setEmulatedMedia", "params": {"media": "print"}})
        browser.shot("disposition-report-print", scroll_to=".report-item")
        browser.cmd("POST", "/goog/cdp/execute",
                    {"cmd": "Emulation.setEmulatedMedia", "params": {"media": ""}})
        browser.cmd("POST", "/window/rect", {"width": 390, "height": 900})
        browser.goto(f"{site}/standards/poll-workers/2/dispositions")
        browser.shot("disposition-report-phone", scroll_to=".report-item")
        browser.goto(f"{site}/editor/standards/poll-workers/drafts/3/clauses/pw-recruit")
        browser.shot("editor-clause-phone")
        browser.cmd("POST", "/window/rect", {"width": 1280, "height": 1200})

        # Review and release: the last comment decided as a draft, marked ready.
        browser.goto(f"{site}/editor/standards/poll-workers/2/release")
        browser.submit_form("/release-mode", {"mode": "review"})
        browser.goto(f"{site}/editor/standards/poll-workers/2/feedback?disposition=none")
        browser.submit_form("/dispositions", {
            "outcome": "noted",
            "rationale": "Large-print forms are a matter for each office; the guidance on "
                         "accessible materials covers them.",
            "clause_key": ""}, index=-1)
        browser.goto(f"{site}/editor/standards/poll-workers/2/release")
        browser.submit_form("/review", index=0)
        browser.goto(f"{site}/editor/standards/poll-workers/2/release")
        browser.shot("editor-release", scroll_to="h2", nth=1)

        # A moderator's panel on a comment's own page.
        browser.cmd("DELETE", "/cookie")
        browser.goto(f"{site}/staff/login")
        browser.fill_and_submit({"name": "molly", "password": PASSWORD})
        browser.goto(f"{site}/comments/1")
        browser.shot("moderation-panel", scroll_to=".mod-panel")

        # With AXE_JS=path/to/axe.min.js (npm install axe-core), check the
        # pages shown here with axe-core and print what it finds: the public
        # ones and a comment's page with the moderator's panel (signed in as
        # the moderator), then the editors' pages (signed in as the editor).
        axe = os.environ.get("AXE_JS")
        if axe:
            browser.cmd("POST", "/window/rect", {"width": 1280, "height": 1200})
            source = Path(axe).read_text()
            for path in ["/standards/poll-workers/2/dispositions",
                         "/search?q=%22chain+of+custody%22",
                         "/standards/poll-workers/2/clauses/pw-recruit",
                         "/comments/1"]:
                axe_check(browser, source, site + path)
            browser.cmd("DELETE", "/cookie")
            browser.goto(f"{site}/staff/login")
            browser.fill_and_submit({"name": "eleanor", "password": PASSWORD})
            for path in ["/editor/standards/poll-workers/drafts/3/clauses/pw-recruit",
                         "/editor/standards/poll-workers/2/release",
                         "/editor/standards/poll-workers/2/feedback"]:
                axe_check(browser, source, site + path)
    finally:
        if browser:
            browser.close()
        server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
