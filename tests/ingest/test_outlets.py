"""scripts.ingest.outlets: the outlet registry (config/outlets.yml), its schema, its lookups, and the
date and byline examples of every outlet read back by ingest."""
import pytest

from scripts.core.schema import SchemaError, parse_yaml
from scripts.ingest.bylines import byline_author
from scripts.ingest.dates import dateline_date, find_dateline
from scripts.ingest.outlets import outlets_from
from tests.support.project import checkout

RULES = checkout().cleaning_rules()
OUTLETS = checkout().outlets()


def registry(text: str):
    return outlets_from(parse_yaml(text, "outlets.yml"))


def test_the_registry_holds_every_kind_of_outlet():
    assert len(OUTLETS) >= 40
    assert {o.kind for o in OUTLETS.outlets} == {"newspaper", "provincial", "magazine", "agency", "broadcaster",
                                                 "online", "aggregator"}
    assert all(o.name_en and o.domains for o in OUTLETS.outlets)


@pytest.mark.parametrize("text, outlet", [
    ("Báo Nhân Dân", "nhandan"), ("BÁO THANH HÓA", "baothanhhoa"), ("Báo Hà Tĩnh điện tử", "baohatinh"),
    ("Logo báo điện tử Đảng Cộng sản Việt Nam", "dangcongsan"), ("TUOI TRE ONLINE", "tuoitre"),
    ("Báo điện tử Dân Trí", "dantri"), ("baochinhphu.vn", "baochinhphu"), ("Báo Thanh Hoá", "baothanhhoa"),
])
def test_mastheads_and_site_names_name_their_outlet(text, outlet):
    assert OUTLETS.named(text).id == outlet


def test_a_short_name_is_a_menu_word_too_and_names_an_outlet_only_when_asked():
    assert OUTLETS.named("Lao động", short=False) is None  # "Lao động" is also a section of many sites
    assert OUTLETS.named("Lao động").id == "laodong"
    assert OUTLETS.named("Việt Nam") is None  # no outlet's name once "News" is cut: "Việt Nam News" is one name


def test_prefixes_domains_and_copyright_lines():
    assert [OUTLETS.by_prefix(m).id for m in ("Dân trí", "TTO", "PL+", "VOV.VN", "TGVN")] == \
        ["dantri", "tuoitre", "phapluatplus", "vov", "baoquocte"]
    assert OUTLETS.by_domain("https://media.phapluatplus.vn/x.jpg").id == "phapluatplus"
    assert OUTLETS.by_domain("https://www.vnexpress.net/a.html").id == "vnexpress"
    assert OUTLETS.by_domain("https://example.com/") is None
    assert OUTLETS.mentioned("© 1997-2024. Toàn bộ bản quyền thuộc VnExpress").id == "vnexpress"
    assert OUTLETS.english("Báo Nhân Dân") == "Nhan Dan" and OUTLETS.english("Báo Mẫu") is None
    assert OUTLETS.same("vnexpress.net", "VnExpress") and not OUTLETS.same("VnExpress", "Báo Dân trí")


@pytest.mark.parametrize("outlet", [o for o in OUTLETS.outlets if o.dates], ids=lambda o: o.id)
def test_every_date_example_of_the_registry_is_read(outlet):
    for printed in outlet.dates:
        found = dateline_date(printed, RULES)
        assert found not in (False, None) or find_dateline(printed, RULES), printed


@pytest.mark.parametrize("outlet", [o for o in OUTLETS.outlets if o.bylines], ids=lambda o: o.id)
def test_every_byline_example_of_the_registry_gives_its_author(outlet):
    for printed, author in outlet.bylines:
        assert byline_author(printed, RULES) == author


@pytest.mark.parametrize("text, message", [
    ("outlets: []\n", "outlets.yml:1: field 'outlets': expected a mapping `outlets:`"),
    ("outlets:\n  Bad Id:\n    name: X\n    name_en: X\n    kind: online\n",
     "outlets.yml:2: field 'outlets.Bad Id': expected an id of lower-case letters"),
    ("outlets:\n  x:\n    name: X\n    kind: online\n", "outlets.yml:2: field 'outlets.x.name_en': missing or empty"),
    ("outlets:\n  x:\n    name: X\n    name_en: X\n    kind: blog\n",
     "outlets.yml:5: field 'outlets.x.kind': expected one of newspaper"),
    ("outlets:\n  x:\n    name: X\n    name_en: X\n    kind: online\n    domains: [not a domain]\n",
     "outlets.yml:6: field 'outlets.x.domains': expected a domain like vnexpress.net"),
    ("outlets:\n  x:\n    name: X\n    name_en: X\n    kind: online\n    colour: red\n",
     "outlets.yml:6: field 'outlets.x.colour': unknown field"),
    ("outlets:\n  x:\n    name: Báo X\n    name_en: X\n    kind: online\n"
     "  y:\n    name: Báo Y\n    name_en: Y\n    kind: online\n    short_names: [báo x]\n",
     "outlets.yml:6: field 'outlets.y': name 'báo x' is also claimed by outlets.x"),
])
def test_a_bad_registry_names_the_file_line_and_field(text, message):
    with pytest.raises(SchemaError) as error:
        registry(text)
    assert str(error.value).startswith(message), str(error.value)


def test_the_registry_is_read_again_when_it_changes(tmp_path):
    from tests.support.project import fixture_project

    project = fixture_project(tmp_path)
    before = project.cleaning_rules()
    path = project.config_file("outlets")
    path.write_text(path.read_text(encoding="utf-8").replace("name_en: Nhan Dan", "name_en: The People"),
                    encoding="utf-8")
    after = project.cleaning_rules()
    assert after.outlets.english("Báo Nhân Dân") == "The People" and before.outlets.english("Báo Nhân Dân") == "Nhan Dan"
    assert after.digest != before.digest  # ingest's fingerprint changes: every source is cleaned again
