#!/usr/bin/env bash
# Checks the HTML report and the profile pages (of a gemeente and of a region) as a user
# sees them: renders them with the
# speelveld binary, opens them in headless Chromium, and checks that the pages rendered (a
# screenshot that is not blank), that the expected headings are in the DOM, that the console
# shows no errors, that the files ask for nothing outside themselves, and that the search
# box filters: with `?q=Zwolle` in the address the page's script fills the box, and every
# table row left visible must be one of Zwolle's.
#
# Usage: tests/browser/check_report.sh [--update-docs]
#   --update-docs  also copy the screenshots to docs/report.png, docs/map.png,
#                  docs/profile.png and docs/region-profile.png
# Installs Debian's chromium package with apt-get when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

update_docs=0
[[ "${1:-}" == "--update-docs" ]] && update_docs=1

fail() { echo "check_report: FAIL: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
    echo "check_report: installing chromium" >&2
    sudo=""
    [[ "$(id -u)" != 0 ]] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq >/dev/null
    $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to inspect the screenshot"

# The newest built binary (release or debug); build the debug one when there is none.
bin=""
for b in target/release/speelveld target/debug/speelveld; do
    if [[ -x "$b" && ( -z "$bin" || "$b" -nt "$bin" ) ]]; then bin="$b"; fi
done
if [[ -z "$bin" ]]; then
    cargo build --quiet
    bin=target/debug/speelveld
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$bin" report -o "$tmp/report.html" 2>"$tmp/render.log" || { cat "$tmp/render.log" >&2; fail "speelveld report failed"; }
"$bin" map swv-po jeugdzorgregio -o "$tmp/map.svg" 2>>"$tmp/render.log" || { cat "$tmp/render.log" >&2; fail "speelveld map failed"; }
"$bin" profiel Zwolle -o "$tmp/zwolle.html" 2>>"$tmp/render.log" || { cat "$tmp/render.log" >&2; fail "speelveld profiel failed"; }
"$bin" profiel swv-vo VO2305 -o "$tmp/vo2305.html" 2>>"$tmp/render.log" || { cat "$tmp/render.log" >&2; fail "speelveld profiel swv-vo VO2305 failed"; }

# Self-contained: no external script, style, font, image or frame.
for page in report.html zwolle.html vo2305.html; do
    if grep -Eiq '(src|href)="(https?:)?//|url\((https?:)?//|@import|<link ' "$tmp/$page"; then
        fail "$page refers to something outside itself"
    fi
done

chrome() {
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$tmp")" --enable-logging=stderr --v=0 "$@"
}

chrome --window-size=1200,2400 --screenshot="$tmp/report.png" "file://$tmp/report.html" \
    >/dev/null 2>"$tmp/shot.log" || { cat "$tmp/shot.log" >&2; fail "chromium could not take a screenshot"; }
chrome --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" 2>"$tmp/dom.log" \
    || { cat "$tmp/dom.log" >&2; fail "chromium could not dump the DOM"; }
chrome --window-size=800,914 --screenshot="$tmp/map.png" "file://$tmp/map.svg" \
    >/dev/null 2>"$tmp/map.log" || { cat "$tmp/map.log" >&2; fail "chromium could not take a screenshot of the map"; }
chrome --window-size=1200,2400 --screenshot="$tmp/profile.png" "file://$tmp/zwolle.html" \
    >/dev/null 2>"$tmp/pshot.log" || { cat "$tmp/pshot.log" >&2; fail "chromium could not take a screenshot of the profile"; }
chrome --window-size=1200,2400 --screenshot="$tmp/region-profile.png" "file://$tmp/vo2305.html" \
    >/dev/null 2>"$tmp/rshot.log" || { cat "$tmp/rshot.log" >&2; fail "chromium could not take a screenshot of the region profile"; }
# The search: the address's ?q=Zwolle fills the box; the script hides the other rows.
for page in report zwolle vo2305; do
    chrome --virtual-time-budget=5000 --dump-dom "file://$tmp/$page.html?q=Zwolle" \
        >"$tmp/$page.q.html" 2>"$tmp/$page.q.log" \
        || { cat "$tmp/$page.q.log" >&2; fail "chromium could not dump the DOM of $page.html?q=Zwolle"; }
done

# No console output at all: the page logs nothing, so any CONSOLE line (an uncaught
# exception, console.error) is a fault.
if grep -Eh 'Uncaught|:CONSOLE[:(]' "$tmp/shot.log" "$tmp/dom.log" "$tmp/map.log" \
    "$tmp/pshot.log" "$tmp/rshot.log" "$tmp/report.q.log" "$tmp/zwolle.q.log" "$tmp/vo2305.q.log"; then
    fail "the browser console reported errors"
fi

# The headings the report must show, in the DOM as the browser built it.
for h in 'id="herkomst"' 'id="bevindingen"' 'id="layouts"' 'id="swv-gemeenten"' 'id="po-vo"' \
         'id="jeugdzorg"' 'id="clusters"' 'id="oogo"' 'id="congruence"' 'id="herindeling"' \
         'id="validation"'; do
    grep -q "<h2 $h" "$tmp/dom.html" || fail "heading <h2 $h> is missing from the DOM"
done
for h in 'id="regios"' 'id="kaart"' 'id="aan-tafel"' 'id="po-vo"'; do
    grep -q "<h2 $h" "$tmp/zwolle.q.html" || fail "heading <h2 $h> is missing from the profile's DOM"
done
for h in 'id="gemeenten"' 'id="oogo"' 'id="kaart"' 'id="overlap-1"' 'id="po-vo"' 'id="bronnen"'; do
    grep -q "<h2 $h" "$tmp/vo2305.q.html" || fail "heading <h2 $h> is missing from the region profile's DOM"
done
grep -q '<svg' "$tmp/vo2305.q.html" || fail "the region profile has no map in its DOM"

# After the search for Zwolle: the box holds it, rows are hidden, and every visible row of
# every searchable table names Zwolle (GM0193); a row known to be Zwolle's is among them.
python3 - "$tmp/report.q.html" "$tmp/zwolle.q.html" "$tmp/vo2305.q.html" <<'PY'
import sys
from html.parser import HTMLParser

class Rows(HTMLParser):
    """The rows of the tables with class 'search': (hidden, text) per body row; the search
    box's value and the count beside it."""
    def __init__(self):
        super().__init__()
        self.depth, self.in_body, self.row, self.rows = 0, False, None, []
        self.box, self.in_count, self.count = None, False, ""
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("id") == "zoek":
            self.box = a.get("value")
        if tag == "span" and a.get("id") == "zoek-count":
            self.in_count = True
        if tag == "table" and ("search" in (a.get("class") or "").split() or self.depth):
            self.depth += 1
        if tag == "tbody" and self.depth:
            self.in_body = True
        if tag == "tr" and self.in_body:
            self.row = ["hidden" in a, ""]
    def handle_endtag(self, tag):
        if tag == "span":
            self.in_count = False
        if tag == "tr" and self.row is not None:
            self.rows.append(tuple(self.row))
            self.row = None
        if tag == "tbody":
            self.in_body = False
        if tag == "table" and self.depth:
            self.depth -= 1
    def handle_data(self, data):
        if self.row is not None:
            self.row[1] += data
        if self.in_count:
            self.count += data

for path in sys.argv[1:]:
    p = Rows()
    p.feed(open(path, encoding="utf-8").read())
    name = path.rsplit("/", 1)[-1]
    shown = [t for hidden, t in p.rows if not hidden]
    hidden = [t for h, t in p.rows if h]
    print(f"check_report: {name}: search 'Zwolle': {len(shown)} of {len(p.rows)} rows visible "
          f"(the page says: {p.count.strip()})")
    if p.box != "Zwolle":
        sys.exit(f"check_report: FAIL: {name}: the search box holds {p.box!r}, not 'Zwolle'")
    if not p.count.startswith(f"{len(shown)} "):
        sys.exit(f"check_report: FAIL: {name}: the count says {p.count!r}, {len(shown)} rows are visible")
    if not shown:
        sys.exit(f"check_report: FAIL: {name}: no row is visible after searching for Zwolle")
    if name.startswith(("report", "vo2305")) and not hidden:
        sys.exit(f"check_report: FAIL: {name}: searching hid no row")
    stray = [t for t in shown if "zwolle" not in t.lower()]
    if stray:
        sys.exit(f"check_report: FAIL: {name}: visible rows that are not Zwolle's: {stray[:3]}")
    if name.startswith("report") and not any(t.startswith("PO2305") for t in shown):
        sys.exit(f"check_report: FAIL: {name}: Zwolle's SWV PO 23-05 row is not visible")
    # In VO 23-05's page: Zwolle's own gemeente row and its OOGO row.
    if name.startswith("vo2305") and sum(t.startswith("GM0193Zwolle") for t in shown) < 2:
        sys.exit(f"check_report: FAIL: {name}: Zwolle's gemeente and OOGO rows are not visible")
PY
svgs="$(grep -o '<svg' "$tmp/dom.html" | wc -l)"
[[ "$svgs" -ge 6 ]] || fail "expected at least 6 inline maps in the DOM, found $svgs"

# Screenshots are not blank: many colours, and a fair share of non-white pixels.
python3 - "$tmp/report.png" "$tmp/map.png" "$tmp/profile.png" "$tmp/region-profile.png" <<'PY'
import struct, sys, zlib

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), f"{path}: unexpected PNG type {ctype}/{depth}"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, prev, out = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.extend(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    return out

for path in sys.argv[1:]:
    px = pixels(path)
    colours = len(set(px))
    coloured = sum(1 for p in px if p != b"\xff\xff\xff") / len(px)
    print(f"check_report: {path.rsplit('/', 1)[-1]}: {colours} colours, {coloured:.0%} not white")
    if colours < 16 or coloured < 0.05:
        sys.exit(f"check_report: FAIL: {path} looks blank")
PY

if [[ "$update_docs" == 1 ]]; then
    mkdir -p docs
    cp "$tmp/report.png" docs/report.png
    cp "$tmp/map.png" docs/map.png
    cp "$tmp/profile.png" docs/profile.png
    cp "$tmp/region-profile.png" docs/region-profile.png
    echo "check_report: updated docs/report.png, docs/map.png, docs/profile.png and docs/region-profile.png" >&2
fi
echo "check_report: ok ($(wc -c <"$tmp/report.html") bytes of HTML, $svgs maps, rendered by $bin)"
