"""The outlet registry (config/outlets.yml), validated: which outlet a masthead, site name, lead prefix,
domain or credit names, and each outlet's English name."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scripts.core.schema import Document, Field, SchemaError, field_problems
from scripts.core.vietnamese import match_key

KINDS = ("newspaper", "provincial", "magazine", "agency", "broadcaster", "online", "aggregator")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
FIELDS = {
    "name": Field(str, "the outlet's name as it writes it", required=True),
    "name_en": Field(str, "the outlet's name in English", required=True),
    "kind": Field(str, f"one of {', '.join(KINDS)}", required=True, choices=KINDS),
    "domains": Field(list, "a list of domains like vnexpress.net", items=str),
    "mastheads": Field(list, "a list of names", items=str),
    "short_names": Field(list, "a list of names", items=str),
    "prefixes": Field(list, "a list of lead prefixes without brackets or dash", items=str),
    "dates": Field(list, "a list of dates as the outlet prints them", items=str),
    "bylines": Field(list, "a list of {printed, author} mappings"),
}
# Words around an outlet's name that do not change which outlet it is: "Logo báo điện tử X",
# "Báo X điện tử", "X Online".
_LEAD_WORDS = re.compile(r"^(?:logo|trang chủ|trang tin điện tử|cổng thông tin điện tử|báo điện tử|báo|tạp chí)\s+")
_TAIL_WORDS = re.compile(r"\s+(?:điện tử|online|news|\.vn)$")
_TAIL_DIGITAL = re.compile(r"\s+điện tử$")


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    name_en: str
    kind: str
    domains: tuple[str, ...] = ()
    mastheads: tuple[str, ...] = ()
    short_names: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    bylines: tuple[tuple[str, str], ...] = ()


def core(text: str, tails: bool = True) -> str | None:
    """The part of a name that tells outlets apart: "Logo báo điện tử Đảng Cộng sản Việt Nam" and
    "Báo Hà Tĩnh điện tử" → "đảng cộng sản việt nam", "hà tĩnh" (match keys). None when the name
    has no such words around it (a bare "Lao Động" is no masthead: it is a menu word too).
    `tails`: strip "Online" and "News" as well (not from the registry's own names: "Việt Nam News"
    is a name, not "Việt Nam")."""
    key = match_key(" ".join(text.split()).strip(" .-|()"))
    stripped = key
    for _ in range(2):
        stripped = _LEAD_WORDS.sub("", stripped)
        stripped = (_TAIL_WORDS if tails else _TAIL_DIGITAL).sub("", stripped)
    return stripped if stripped != key and stripped else None


def host_of(url_or_host: str) -> str | None:
    """The lower-case host of an address or of a bare host name, without "www."."""
    text = url_or_host.strip().lower()
    host = urlsplit(text).hostname if "://" in text or text.startswith("//") else text.split("/")[0]
    if not host or not DOMAIN.match(host):
        return None
    return host.removeprefix("www.")


@dataclass(frozen=True)
class Outlets:
    """The registry: lookups by name, masthead, short name, prefix and domain (all by match key)."""

    outlets: tuple[Outlet, ...]
    digest: str = field(default="", compare=False)

    def __post_init__(self):
        full, short, prefix, domains, cores = {}, {}, {}, {}, {}
        for outlet in self.outlets:
            for name in (outlet.name, *outlet.mastheads):
                full.setdefault(match_key(name), outlet)
                cores.setdefault(core(name, tails=False) or match_key(name), outlet)
            for name in outlet.short_names:
                short.setdefault(match_key(name), outlet)
            for marker in outlet.prefixes:
                prefix.setdefault(match_key(marker), outlet)
            for domain in outlet.domains:
                domains.setdefault(domain.lower(), outlet)
        for name, table in (("_full", full), ("_short", short), ("_prefix", prefix), ("_domains", domains),
                            ("_cores", cores), ("_by_name", {match_key(o.name): o for o in self.outlets})):
            object.__setattr__(self, name, table)
        names = sorted({*full, *short}, key=len, reverse=True)
        pattern = r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)" if names else r"(?!)"
        object.__setattr__(self, "_anywhere", re.compile(pattern))

    def __len__(self) -> int:
        return len(self.outlets)

    def named(self, text: str | None, short: bool = True) -> Outlet | None:
        """The outlet a name, masthead or site name stands for ("BÁO THANH HÓA", "Báo Hà Tĩnh điện tử",
        "Logo báo điện tử Đảng Cộng sản Việt Nam", "vnexpress.net"); with `short`, short names
        ("Dân trí") count too. None when the registry knows no such outlet."""
        if not text or not text.strip():
            return None
        key = match_key(" ".join(text.split()).strip(" .-|()"))
        stripped = core(text)
        found = self._full.get(key) or (self._cores.get(stripped) if stripped else None)
        if found is None and short:
            found = self._short.get(key) or (self._short.get(stripped) if stripped else None)
        if found is None and (host := host_of(text)) and "." in text:
            found = self.by_domain(host)
        return found

    def mentioned(self, text: str | None) -> Outlet | None:
        """The outlet whose name (or short name) a line mentions, the longest name first: "© Bản
        quyền thuộc Báo Nhân Dân." → Báo Nhân Dân. None when the line names none."""
        match = self._anywhere.search(match_key(text)) if text else None
        return (self._full.get(match.group()) or self._short.get(match.group())) if match else None

    def by_prefix(self, marker: str | None) -> Outlet | None:
        """The outlet whose lead prefix is `marker` ("Dân trí" of "(Dân trí) -", "TTO")."""
        if not marker:
            return None
        key = match_key(marker.strip(" .-|()"))
        return self._prefix.get(key) or self._short.get(key) or self._full.get(key)

    def by_domain(self, host: str | None) -> Outlet | None:
        """The outlet of a host name or address: its domain or a subdomain of it."""
        host = host_of(host) if host else None
        while host and "." in host:
            if host in self._domains:
                return self._domains[host]
            host = host.split(".", 1)[1]
        return None

    def english(self, name: str | None) -> str | None:
        """The English name of the outlet called `name` (its registry name), else None."""
        outlet = self._by_name.get(match_key(name)) if name else None
        return outlet.name_en if outlet else None

    def same(self, a: str | None, b: str | None) -> bool:
        """Whether two names (or domains) stand for the same outlet."""
        if not a or not b:
            return False
        left, right = self.named(a), self.named(b)
        return left is right if left and right else match_key(a) == match_key(b)


def outlets_from(doc: Document) -> Outlets:
    """The registry of config/outlets.yml; SchemaError naming the file, line and field of every problem."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), dict) or not data["outlets"]:
        raise SchemaError([doc.problem("outlets" if isinstance(data, dict) else None,
                                       "expected a mapping `outlets:` of outlet ids to outlets")])
    problems, outlets = [], []
    for key, entry in data["outlets"].items():
        where = f"outlets.{key}"
        if not isinstance(key, str) or not ID.match(key):
            problems.append(doc.problem(where, f"expected an id of lower-case letters, digits and '-', found {key!r}"))
            continue
        found = field_problems(doc, entry, FIELDS, where)
        if not found:
            found = [doc.problem(f"{where}.domains", f"expected a domain like vnexpress.net, found {d!r}")
                     for d in entry.get("domains") or [] if not DOMAIN.match(d.lower())]
            found += [doc.problem(f"{where}.bylines", f"expected a mapping with `printed` and `author` (text), found {b!r}")
                      for b in entry.get("bylines") or []
                      if not (isinstance(b, dict) and set(b) == {"printed", "author"}
                              and all(isinstance(v, str) and v.strip() for v in b.values()))]
        problems += found
        if not found:
            outlets.append(Outlet(
                id=key, name=entry["name"].strip(), name_en=entry["name_en"].strip(), kind=entry["kind"],
                **{name: tuple(s.strip() for s in entry.get(name) or ())
                   for name in ("domains", "mastheads", "short_names", "prefixes", "dates")},
                bylines=tuple((b["printed"], b["author"]) for b in entry.get("bylines") or ())))
    problems += _claimed_twice(doc, outlets)
    if problems:
        raise SchemaError(problems)
    return Outlets(tuple(outlets), doc.digest)


def _claimed_twice(doc: Document, outlets: list[Outlet]) -> list:
    """A name, prefix or domain that two outlets claim (it could name either)."""
    problems, seen = [], {}
    for outlet in outlets:
        claims = [("name", n) for n in (outlet.name, *outlet.mastheads, *outlet.short_names)]
        claims += [("prefix", p) for p in outlet.prefixes] + [("domain", d) for d in outlet.domains]
        for kind, text in claims:
            key = (kind, match_key(text))
            if seen.setdefault(key, outlet.id) != outlet.id:
                problems.append(doc.problem(f"outlets.{outlet.id}",
                                            f"{kind} {text!r} is also claimed by outlets.{seen[key]}"))
    return problems
