"""check-html.py REPORT.html: prints the structure of an arcdsl-run HTML
report for FileCheck: per task section its id, status, how many grids, how
many cells marked as differing, the "N cells differ" notes and the error
messages; then whether the page loads anything from outside."""
import re
import sys
from html.parser import HTMLParser

text = open(sys.argv[1], encoding="utf-8").read()


class Sections(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections = []
        self.depth = 0
        self.capture = None
        self.buf = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "section" and "task" in cls:
            self.sections.append({"id": a.get("id"), "status": a.get("data-status"),
                                  "grids": 0, "marked": 0, "notes": [], "errors": []})
        if not self.sections:
            return
        s = self.sections[-1]
        if tag == "table":
            s["grids"] += 1
        if tag == "td" and "x" in cls:
            s["marked"] += 1
        if tag == "p" and ("errmsg" in cls or "shape" in cls):
            self.capture = "errors" if "errmsg" in cls else "notes"
            self.buf = ""

    def handle_data(self, data):
        if self.capture:
            self.buf += data

    def handle_endtag(self, tag):
        if tag == "p" and self.capture:
            self.sections[-1][self.capture].append(self.buf)
            self.capture = None


p = Sections()
p.feed(text)
for s in p.sections:
    print(f"section {s['id']} {s['status']}: {s['grids']} grids, "
          f"{s['marked']} cells marked")
    for n in s["notes"]:
        print("  note:", n)
    for e in s["errors"]:
        print("  error:", e)
external = re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}|<script|<link|@import|src=", text, re.I)
print("external references:", len(external), external[:3])
print("sections:", len(p.sections))
