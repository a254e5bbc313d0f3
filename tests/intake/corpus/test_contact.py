"""The contact detail: a phone number or an email address, as people type them."""

import pytest

from bot.intake.state import Setting
from tests.intake.corpus.reading import (
    Back,
    Case,
    Ends,
    Question,
    Stays,
    Takes,
    Unclear,
    cases,
    check,
    check_size,
    ids,
)

pytestmark = pytest.mark.pure

ASKS = Question()
UNCLEAR = Unclear()


def phone(e164: str) -> Takes:
    return Takes({"kind": "phone", "value": e164})


def email(address: str, *also: str) -> Takes:
    return Takes(
        {"kind": "email", "value": address},
        also=tuple({"kind": "email", "value": other} for other in also),
    )


MOBILE = phone("+31612345678")
LANDLINE = phone("+31187123456")
ANNA = email("anna@example.nl")

PHONES = [
    ("06 12345678", MOBILE),
    ("0612345678", MOBILE),
    ("06-12345678", MOBILE),
    ("06 1234 5678", MOBILE),
    ("06 12 34 56 78", MOBILE),
    ("06-1234 5678", MOBILE),
    ("(06) 12345678", MOBILE),
    ("06.12.34.56.78", MOBILE),
    ("+31 6 12345678", MOBILE),
    ("+31612345678", MOBILE),
    ("+31 (0)6 12345678", MOBILE),
    ("+31 6 1234 5678", MOBILE),
    ("0031612345678", MOBILE),
    ("0031 6 12345678", MOBILE),
    (" 06 12345678 ", MOBILE),
    ("06 12345678.", MOBILE),
    ("0612345678!", MOBILE),
    ("0187-123456", LANDLINE),
    ("0187 123456", LANDLINE),
    ("0187123456", LANDLINE),
    ("0187 12 34 56", LANDLINE),
    ("(0187) 123456", LANDLINE),
    ("+31 187 123 456", LANDLINE),
    ("+31187123456", LANDLINE),
    ("0187 48 12 34", phone("+31187481234")),
    ("0111-123456", phone("+31111123456")),
    ("010-1234567", phone("+31101234567")),
    ("020 123 4567", phone("+31201234567")),
    ("085-1234567", phone("+31851234567")),
    ("06 87654321", phone("+31687654321")),
    ("06-23456789", phone("+31623456789")),
    ("06 3456 7890", phone("+31634567890")),
    ("0641234567", phone("+31641234567")),
    ("0628765432", phone("+31628765432")),
    ("0653219876", phone("+31653219876")),
    ("0187 651234", phone("+31187651234")),
    ("0187-481516", phone("+31187481516")),
    ("0111 654321", phone("+31111654321")),
    ("0181 123456", phone("+31181123456")),
    ("010 4567890", phone("+31104567890")),
    ("070-1234567", phone("+31701234567")),
    ("06 48 12 36 90", phone("+31648123690")),
    ("+31 6 48123690", phone("+31648123690")),
    ("0031 187 123456", LANDLINE),
    ("+31 (0)187 123456", LANDLINE),
    ("0187/123456", LANDLINE),
    ("06/12345678", MOBILE),
    ("+31-6-12345678", MOBILE),
    ("0612-345678", MOBILE),
    ("0621 43 65 87", phone("+31621436587")),
    ("0655443322", phone("+31655443322")),
    ("06 11223344", phone("+31611223344")),
    ("+32 470 12 34 56", phone("+32470123456")),
    ("+49 151 23456789", phone("+4915123456789")),
]
EMAILS = [
    ("anna@example.nl", ANNA),
    ("Anna@example.nl", email("Anna@example.nl", "anna@example.nl")),
    ("anna@Example.NL", ANNA),
    (" anna@example.nl ", ANNA),
    ("anna@example.nl.", ANNA),
    ("j.de.vries@gmail.com", email("j.de.vries@gmail.com")),
    ("piet+bot@hotmail.nl", email("piet+bot@hotmail.nl")),
    ("info@dorpsbelang-herkingen.nl", email("info@dorpsbelang-herkingen.nl")),
    ("k.vaandrager@ziggo.nl", email("k.vaandrager@ziggo.nl")),
    ("familievisser@kpnmail.nl", email("familievisser@kpnmail.nl")),
    ("m_tanis@outlook.com", email("m_tanis@outlook.com")),
    ("henk1957@live.nl", email("henk1957@live.nl")),
    ("secretaris@oranjevereniging-ouddorp.nl", email("secretaris@oranjevereniging-ouddorp.nl")),
    ("zoe@ex-ample.nl", email("zoe@ex-ample.nl")),
    ("a@b.nl", email("a@b.nl")),
    ("bewoner@goeree-overflakkee.nl", email("bewoner@goeree-overflakkee.nl")),
    ("marijke.tanis@planet.nl", email("marijke.tanis@planet.nl")),
    ("jan@jansen.frl", email("jan@jansen.frl")),
    ("buurt.molenwijk@gmail.com", email("buurt.molenwijk@gmail.com")),
    ("voetbal.jeugd@vv-ouddorp.nl", email("voetbal.jeugd@vv-ouddorp.nl")),
    ("ANNA@EXAMPLE.NL", email("ANNA@example.nl", "anna@example.nl")),
    ("gerda.breen@zeelandnet.nl", email("gerda.breen@zeelandnet.nl")),
    ("teun@mosselman.com", email("teun@mosselman.com")),
    ("l.tieleman@hetnet.nl", email("l.tieleman@hetnet.nl")),
    ("corrie_kroon@yahoo.com", email("corrie_kroon@yahoo.com")),
]
IN_WORDS = [
    ("mijn nummer is 06 12345678", MOBILE),
    ("Mijn nummer is 0612345678", MOBILE),
    ("bel me op 06-12345678", MOBILE),
    ("tel. 06 12345678", MOBILE),
    ("telefoon: 06 12345678", MOBILE),
    ("06 12345678 (na 17 uur)", MOBILE),
    ("mail: anna@example.nl", ANNA),
    ("e-mail: anna@example.nl", ANNA),
    ("mijn mail is anna@example.nl", ANNA),
    ("Mijn e-mailadres is anna@example.nl", ANNA),
    ("je kunt me mailen op anna@example.nl", ANNA),
]
GARBAGE = [
    "abc",
    "123",
    "06",
    "0612",
    "06 1234567",
    "06123456789",
    "12345678901234567890",
    "anna@",
    "@example.nl",
    "anna@@example.nl",
    "anna@example",
    "anna example nl",
    "www.example.nl",
    "https://example.nl",
    "weet ik niet",
    "geen",
    "nee",
    "liever niet",
    "bel me maar",
    "ja",
    "Anna de Vries",
    "Dorpsweg 12, Herkingen",
    "x" * 255,
    "ik heb geen telefoon en ook geen mail, maar je kunt langskomen op de Dorpsweg 12",
    "😊",
    "?!",
    "0",
    "nvt",
    "geen telefoon",
    "heb ik niet",
    "anna(at)example.nl",
    "06-abcdefgh",
    "Middelharnis",
    "1234",
    "bel maar naar mijn dochter",
    "👍",
    "ok",
]

DUTCH = [
    *PHONES,
    *EMAILS,
    *IN_WORDS,
    *((text, UNCLEAR) for text in GARBAGE),
    ("waarom wil je mijn nummer?", ASKS),
    ("moet dat echt?", ASKS),
    ("kan het ook zonder?", ASKS),
    ("wie belt mij?", ASKS),
    ("krijg ik dan reclame?", ASKS),
    ("wie ziet mijn nummer?", ASKS),
    ("mag het ook een vast nummer zijn?", ASKS),
    ("is een e-mailadres ook goed?", ASKS),
    ("w.padmos@kpnplanet.nl", email("w.padmos@kpnplanet.nl")),
    ("a.grinwis@caiway.nl", email("a.grinwis@caiway.nl")),
    ("06 52 43 17 89", phone("+31652431789")),
    ("terug", Back()),
    ("stop", Ends()),
    ("help", Stays()),
    ("overslaan", UNCLEAR),  # the contact detail cannot be skipped
]
ENGLISH = [
    ("06 12345678", MOBILE),
    ("+31 6 12345678", MOBILE),
    ("anna@example.nl", ANNA),
    ("john.smith@example.com", email("john.smith@example.com")),
    ("my email is john@example.com", email("john@example.com")),
    ("you can call me on +31 6 12345678", MOBILE),
    ("no", UNCLEAR),
    ("I don't know", UNCLEAR),
    ("why do you need my number?", ASKS),
    ("back", Back()),
    ("help", Stays()),
]

CORPUS: list[Case] = [*cases(DUTCH, "nl"), *cases(ENGLISH, "en")]


@pytest.mark.parametrize("case", CORPUS, ids=ids(CORPUS))
def test_an_answer_to_the_contact_question_is_read_as_meant(setting: Setting, case: Case) -> None:
    check(setting, "contact", case)


def test_the_contact_corpus_is_large_enough() -> None:
    check_size(CORPUS)
