"""Personal data in text: true positives, the near misses a government document is full of, and
property tests whose ID numbers and card numbers are built from the standards' check rules,
written here independently of zfxxgk.scan.personal."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from zfxxgk.scan import Kind, scan_text
from zfxxgk.scan.finding import digest


def kinds(text: str) -> list[str]:
    return [f.kind for f in scan_text(text)]


# -- independent check rules ---------------------------------------------------------------------

def mod11_2(first17: str) -> str:
    """ISO 7064 MOD 11-2 in its recursive form (GB 11643 Annex): not the weight table."""
    p = 0
    for ch in first17:
        p = ((p + int(ch)) * 2) % 11
    return "0123456789X"[(12 - p) % 11]


def luhn_digit(body: str) -> str:
    """The check digit that makes body+digit pass Luhn, from the sum of digits of the doubles."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return str((10 - total % 10) % 10)


def looks_like_id(value: str) -> bool:
    """A province code (first digit 1–9, as 11–83 and 9x are) and a real birth date in place."""
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return value[0] != "0" and date(1900, 1, 1) <= born <= date.today()


def id18(region: str = "430103", born: str = "19900101", seq: str = "123") -> str:
    first = region + born + seq
    return first + mod11_2(first)


def card(body: str) -> str:
    return body + luhn_digit(body)


ID = id18()  # 430103199001011234
CARD = card("622202138123456789")  # 19 digits


def test_the_rules_agree_with_known_numbers():
    assert id18("11010519491231", "", "002") == "11010519491231002X"  # GB 11643's own example
    assert card("411111111111111") == "4111111111111111"  # the well-known Visa test number


# -- 居民身份证号码 ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"身份证号：{ID}。", f"{ID}", f"（{ID[:-1]}x）" if ID.endswith("X") else f"证件号码{ID}，",
    "申请人身份证11010519491231002X", "申请人身份证11010519491231002x",
    "身份证号" + "".join(chr(ord(c) + 0xFEE0) for c in ID),  # full-width digits
])
def test_id_numbers_are_found(text):
    assert kinds(text) == [Kind.ID_CARD]


def test_id_excerpt_is_masked_and_digest_is_of_the_value():
    [f] = scan_text(f"身份证号：{ID}", place="正文第2段")
    assert f.excerpt == ID[:6] + "********" + ID[-4:] and ID not in f.excerpt + f.message
    assert f.place == "正文第2段" and f.digest == digest(ID) and len(f.digest) == 16
    assert "条例第十五条" in f.message


def test_old_15_digit_id():
    [f] = scan_text("身份证 430103900101123 号")
    assert f.kind == Kind.ID_CARD and f.excerpt == "430103*****1123"


@pytest.mark.parametrize("text", [
    ID[:-1] + ("5" if ID[-1] != "5" else "6"),  # wrong check character
    id18(born="19901301"),  # month 13, right check character
    id18(born="20990101"),  # born in the future
    id18(born="18800101"),  # before 1900
    id18(region="000000"),  # no such province
    id18(region="990103"),
    ID + "1", "1" + ID, ID + "12",  # inside longer digit runs
    "91430100MA4L1234XY", "11430321006222335X",  # 统一社会信用代码, one with letters, one all digits
    "MA" + ID, ID + "AB",  # glued to letters
    "430103901301123",  # 15 digits, month 13
    "000014348/2023-00045", "11430321MB1A23456X/2023-00012",  # 索引号
    "湘政办发〔2023〕13号", "2023年12月31日", "20231231", "金额 430,103,199,001.01 元",
])
def test_id_near_misses(text):
    assert Kind.ID_CARD not in kinds(text), text
    assert Kind.BANK_CARD not in kinds(text), text


@given(st.sampled_from(["110101", "430103", "440305", "310115", "650102", "810000", "830000"]),
       st.dates(date(1900, 1, 1), date.today()), st.integers(0, 999),
       st.text(alphabet="，。：的是号码申请人 ", max_size=6), st.text(alphabet="，。：的是号码申请人 ", max_size=6))
def test_any_valid_id_is_found_and_masked(region, born, seq, before, after):
    value = id18(region, born.strftime("%Y%m%d"), f"{seq:03d}")
    findings = scan_text(before + value + after)
    assert [f.kind for f in findings] == [Kind.ID_CARD]
    assert findings[0].excerpt == value[:6] + "*" * 8 + value[-4:]


@given(st.sampled_from(["110101", "430103", "440305"]), st.dates(date(1900, 1, 1), date.today()),
       st.integers(0, 999), st.sampled_from("0123456789X"))
def test_any_other_check_character_is_not_an_id(region, born, seq, wrong):
    value = id18(region, born.strftime("%Y%m%d"), f"{seq:03d}")
    assume(wrong != value[-1])
    assert kinds("号码" + value[:-1] + wrong + "。") == []


# -- 手机号码 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "联系电话：13812345678", "手机 138-1234-5678", "手机 138 1234 5678", "+86 13812345678", "+86-138-1234-5678",
    "(+86)13812345678", "008613812345678", "电话19912345678。", "１３８１２３４５６７８",
])
def test_mobiles_are_found(text):
    findings = scan_text(text)
    assert [f.kind for f in findings] == [Kind.MOBILE]
    assert findings[0].excerpt.endswith("****" + findings[0].excerpt[-4:]) and "****" in findings[0].excerpt


def test_mobile_excerpt_and_same_number_written_two_ways_is_one_finding():
    findings = scan_text("13812345678 或 138-1234-5678")
    assert [f.excerpt for f in findings] == ["138****5678"]


@pytest.mark.parametrize("text", [
    "办公电话：0731-88888888", "0731-8888 8888", "(0731)58881234", "4008-123-456", "12345",
    "138123456789", "913812345678", "2138123456789", "流水号1381234567800",  # inside longer digit runs
    "12812345678",  # 12x is not a mobile prefix
    "1381234567", "138-1234-567", "138-1234 5678",  # too short; mixed separators
    "金额13,812,345,678元", "2023年1月3日", "湘政发〔2023〕13号",
])
def test_mobile_near_misses(text):
    assert Kind.MOBILE not in kinds(text), text


# -- 银行卡号 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"开户账号：{CARD}", "卡号 " + " ".join(CARD[i:i + 4] for i in range(0, 19, 4)), "卡号4111111111111111",
    "卡号 4111-1111-1111-1111", "卡号 " + card("621700123412341"),
])
def test_bank_cards_are_found(text):
    findings = scan_text(text)
    assert [f.kind for f in findings] == [Kind.BANK_CARD]
    digits = "".join(ch for ch in text if ch.isdigit())
    assert findings[0].excerpt == digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


@pytest.mark.parametrize("text", [
    CARD[:-1] + str((int(CARD[-1]) + 1) % 10),  # Luhn-invalid
    "4111111111111112", "6222 0213 8123 4568",
    card("722202138123456"), card("122202138123456"), card("222202138123456"),  # no plausible start
    card("620000000012345"),  # a run of eight zeros: a serial number
    CARD + "1", "9" + CARD,  # inside longer digit runs
    "6222 0213 8123 4567 8901",  # five groups: 20 digits
    card("62220213812345678") + "AB",
])
def test_bank_card_near_misses(text):
    assert Kind.BANK_CARD not in kinds(text), text


@given(st.sampled_from(["62", "60", "65", "4", "5", "35", "9"]), st.integers(16, 19), st.randoms(use_true_random=False),
       st.booleans())
def test_any_luhn_valid_card_is_found(prefix, length, rnd, spaced):
    body = prefix + "".join(str(rnd.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    value = card(body)
    assume("00000000" not in value)
    assume(not (len(value) == 18 and looks_like_id(value)))  # an ID number with a typo, by design not a card
    written = " ".join(value[i:i + 4] for i in range(0, len(value), 4)) if spaced else value
    assert kinds("账号：" + written + "。") == [Kind.BANK_CARD]


@given(st.text(alphabet="0123456789", min_size=20, max_size=60))
def test_long_digit_runs_are_never_personal_data(run):
    assert kinds("编号" + run + "号") == []


# -- 详细住址 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "住长沙市岳麓区麓山路12号麓山小区3栋2单元301室", "家住5幢201室", "现住2单元402", "枫林苑3-2-301室",
    "花石镇花石村3组12号", "幸福花园2号楼1201室", "B栋3单元1102",
])
def test_dwelling_addresses_are_found(text):
    findings = scan_text(text)
    assert [f.kind for f in findings] == [Kind.ADDRESS], text
    assert not any(ch.isdigit() for ch in findings[0].excerpt)


@pytest.mark.parametrize("text", [
    "地址：湘潭县易俗河镇天易大道1号", "受理地点：县政府办公楼3楼301室", "县政务服务中心1号楼203室",
    "花石村3组集体土地", "征收花石村3组、5组土地", "第2单元3课时", "第二单元学习", "2023年3月12号",
])
def test_agency_addresses_and_land_parcels_are_not_dwellings(text):
    assert Kind.ADDRESS not in kinds(text), text


def test_many_kinds_in_one_text_each_once_in_order():
    text = f"张三，身份证{ID}，手机13812345678，卡号{CARD}，住麓山小区3栋2单元301室。手机13812345678。"
    assert kinds(text) == [Kind.ID_CARD, Kind.MOBILE, Kind.BANK_CARD, Kind.ADDRESS]
