#!/usr/bin/env bash
# Checks the HTML report as a user sees it: renders it with the speelveld binary, opens it
# in headless Chromium, and checks that the page rendered (a screenshot that is not blank),
# that the expected headings are in the DOM, that the console shows no errors, and that the
# file asks for nothing outside itself.
#
# Usage: tests/browser/check_report.sh [--update-docs]
#   --update-docs  also copy the screenshots to docs/report.png and docs/map.png
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

# Self-contained: no external script, style, font, image or frame.
if grep -Eiq '(src|href)="(https?:)?//|url\((https?:)?//|@import|<link ' "$tmp/report.html"; then
    fail "the report refers to something outside itself"
fi

chrome() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$tmp")" --enable-logging=stderr --v=0 "$@"
}

chrome --window-size=1200,2400 --screenshot="$tmp/report.png" "file://$tmp/report.html" \
    >/dev/null 2>"$tmp/shot.log" || { cat "$tmp/shot.log" >&2; fail "chromium could not take a screenshot"; }
chrome --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" 2>"$tmp/dom.log" \
    || { cat "$tmp/dom.log" >&2; fail "chromium could not dump the DOM"; }
chrome --window-size=800,940 --screenshot="$tmp/map.png" "file://$tmp/map.svg" \
    >/dev/null 2>"$tmp/map.log" || { cat "$tmp/map.log" >&2; fail "chromium could not take a screenshot of the map"; }

# No console output at all: the page logs nothing, so any CONSOLE line (an uncaught
# exception, console.error) is a fault.
if grep -Eh 'Uncaught|:CONSOLE[:(]' "$tmp/shot.log" "$tmp/dom.log" "$tmp/map.log"; then
    fail "the browser console reported errors"
fi

# The headings the report must show, in the DOM as the browser built it.
for h in 'id="layouts"' 'id="swv-gemeenten"' 'id="po-vo"' 'id="jeugdzorg"' 'id="clusters"' \
         'id="oogo"' 'id="congruence"' 'id="herindeling"' 'id="validation"'; do
    grep -q "<h2 $h" "$tmp/dom.html" || fail "heading <h2 $h> is missing from the DOM"
done
svgs="$(grep -o '<svg' "$tmp/dom.html" | wc -l)"
[[ "$svgs" -ge 6 ]] || fail "expected at least 6 inline maps in the DOM, found $svgs"

# Screenshots are not blank: many colours, and a fair share of non-white pixels.
python3 - "$tmp/report.png" "$tmp/map.png" <<'PY'
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
    echo "check_report: updated docs/report.png and docs/map.png" >&2
fi
echo "check_report: ok ($(wc -c <"$tmp/report.html") bytes of HTML, $svgs maps, rendered by $bin)"
