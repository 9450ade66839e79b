"""Claims and advertising rules read as a medical editor reads: a false claim is caught in any
phrasing, its refutation, its history and true statements nearby are not. Every text here is
a short document of its own; `FLAG` texts must draw the named rule, `PASS` texts must draw no
finding at all from the claims and advertising packs."""

from __future__ import annotations

import re

import pytest

from medlint.config import Config
from medlint.document import parse_document
from medlint.engine import RunOptions, lint_document

from conftest import TODAY

PACKS = ("claims/", "advertising/")

FLAG: list[tuple[str, str]] = [
    # supplement-cures-cancer: the claim, whatever the disease named
    ("claims/supplement-cures-cancer", "This mushroom extract dissolves tumours in a month."),
    ("claims/supplement-cures-cancer",
     "High-dose vitamin C kills cancer cells and melts tumours away."),
    ("claims/supplement-cures-cancer", "Curcumin capsules reverse type 2 diabetes in weeks."),
    ("claims/supplement-cures-cancer", "A turmeric supplement cured my neighbour's arthritis."),
    # alkaline diet: the claim's own "cannot" is part of the claim
    ("claims/alkaline-diet-cures-cancer",
     "Cancer can't live in an alkaline body, so load up on greens."),
    ("claims/alkaline-diet-cures-cancer", "Tumours can't grow when your body's pH is alkaline."),
    ("claims/alkaline-diet-cures-cancer",
     "Doctors won't tell you that alkaline water starves tumours."),
    ("claims/alkaline-diet-cures-cancer",
     "Not only does an alkaline diet prevent cancer, it also melts fat."),
    # replacing treatment, in any order of words
    ("claims/alternative-instead-of-treatment",
     "My aunt chose the Gerson regime over chemotherapy."),
    ("claims/alternative-instead-of-treatment",
     "He is turning to turmeric paste instead of chemo."),
    ("claims/alternative-instead-of-treatment",
     "Instead of radiotherapy, he drank carrot juice every morning."),
    ("claims/alternative-instead-of-treatment",
     "With this herbal protocol you don't need surgery."),
    ("claims/alternative-instead-of-treatment",
     "Chemotherapy can be replaced by high-dose vitamin C infusions."),
    ("claims/alternative-instead-of-treatment",
     "Skip the chemo: cannabis oil shrinks tumours naturally."),
    ("claims/alternative-instead-of-treatment",
     "Many patients now prefer homeopathy to conventional treatment."),
    # HIV and AIDS: the denial in its several forms
    ("claims/hiv-does-not-cause-aids", "AIDS comes from drug use, not HIV."),
    ("claims/hiv-does-not-cause-aids", "Hunger and poppers, not HIV, are the true cause of AIDS."),
    ("claims/hiv-does-not-cause-aids", "HIV is not the cause of AIDS."),
    ("claims/hiv-does-not-cause-aids",
     "HIV has never been shown to cause AIDS, the pamphlet says."),
    ("claims/hiv-does-not-cause-aids", "AIDS is not caused by HIV but by malnutrition."),
    # vaccines and autism
    ("claims/vaccines-cause-autism",
     "Autism became more common after MMR arrived, so the vaccine is responsible."),
    ("claims/vaccines-cause-autism", "Vaccines are to blame for the rise in autism."),
    ("claims/vaccines-cause-autism", "Thimerosal in childhood shots triggers autism."),
    # laetrile, black salve, chlorine dioxide
    ("claims/laetrile", "Laetrile kills cancer cells without harming healthy tissue."),
    ("claims/laetrile", "Vitamin B17 from apricot seeds prevents tumours."),
    ("claims/black-salve", "Bloodroot salve removes skin cancers without surgery."),
    ("claims/black-salve", "Black salve cured the melanoma on my arm."),
    ("claims/chlorine-dioxide", "Drinking MMS every morning cures malaria and autism."),
    ("claims/chlorine-dioxide", "Chlorine dioxide kills the virus in your body within hours."),
    # chemotherapy and spread
    ("claims/chemotherapy-spreads-cancer", "Chemotherapy makes tumours spread to the liver."),
    ("claims/chemotherapy-spreads-cancer", "Chemo triggers metastasis in many patients."),
    # receptor status without its sign
    ("claims/receptor-sign-missing", "Fulvestrant is licensed for ER  advanced breast cancer."),
    ("claims/receptor-sign-missing", "Tamoxifen is used for ER  tumours after surgery."),
    ("claims/receptor-sign-missing", "Trastuzumab changed the outlook for HER2 breast cancer."),
    ("claims/receptor-sign-missing", "Estrogen drives the growth of ER breast cancer cells."),
    ("claims/receptor-sign-missing", "Women with ER/PR breast cancer were enrolled."),
    # product claims near a product, a price or an order line
    ("advertising/product-health-claim",
     "ImmuneMax Gummies are clinically proven to boost your immune system. Only $24.99."),
    ("advertising/product-health-claim", "LiverClear™ detoxifies your liver in seven days."),
    ("advertising/product-health-claim",
     "PureRoot Tea flushes toxins from your body.\n\nOrder now and get free shipping."),
    ("advertising/product-health-claim",
     "VitaGuard supports immune health all winter. Buy online today."),
    ("advertising/product-health-claim", "Our formula supports immune health, just $29.99."),
    ("advertising/product-health-claim", "ClearCell Drops - Promotes detoxification."),
    ("advertising/product-health-claim", "SmartShield Patch - Reduces phone radiation by 90%!"),
    ("advertising/product-disease-claim", "CalmRoot™ relieves depression without side effects."),
    ("advertising/product-disease-claim",
     "GlucoBalance capsules reverse diabetes naturally. Order by phone at 800-555-0100."),
    ("advertising/product-disease-claim", "Our herbal blend prevents Alzheimer's disease, $39.95."),
    # sales block: a real sales prompt
    ("advertising/sales-block",
     "VitaShield capsules support a healthy immune response. Only $39.95 per bottle.\n\n"
     "Order by phone at 800-555-0142 or buy now online with free shipping."),
    # testimonials used as evidence
    ("advertising/testimonial", "This tea cured my gout in ten days."),
    ("advertising/testimonial", "I stopped my chemo and took TumorAway. My tumour has gone!"),
    ("advertising/testimonial",
     "> \"I quit my treatment and used the drops. Three months later my scan was clear.\""),
    ("advertising/testimonial", "My husband went into remission after three months on the tea."),
    ("advertising/testimonial",
     "My sister died last spring. The cancer spread to her lungs right after chemo."),
    ("advertising/testimonial", "These capsules healed my psoriasis completely."),
]

PASS: list[str] = [
    # true statements about other diseases
    "Vitamin C cures scurvy, the disease of long sea voyages.",
    "Doxycycline capsules kill the germ behind Lyme disease.",
    "In Wilson disease, chelation eliminates the copper that builds up.",
    "Vitamin D supplements reverse rickets, a bone disease of children.",
    "Iodine supplements have all but eliminated goitre, an iodine deficiency disease.",
    "Imatinib capsules shrink tumours in most people with gastrointestinal stromal tumour.",
    "In laboratory dishes curcumin kills some cancer cells; people are another matter.",
    # glossaries: a dash is not a product
    "Antibiotics – medicines that kill bacteria or stop them growing.",
    "Insulin – a hormone medicine that treats diabetes.",
    "Soap and water - kills germs and prevents infections.",
    "Metformin: a tablet that treats type 2 diabetes.",
    "Vaccines – train the immune system and boost immunity against infections.",
    # public-health pages
    "Quitting smoking is hard. Call 1-800-784-8669 for free help from a trained coach.\n\n"
    "The quitline is free and open every day. Call today; medicines to help you quit may be "
    "free or cost as little as $5.",
    "Risk factors include smoking, obesity and alcohol. Eating fruit and vegetables may help "
    "prevent cancer, and regular exercise may lower the risk too.",
    "Since 2023, Medicare has capped insulin at $35 a month. Without insurance, a vial can cost "
    "$98 to $300.\n\nIf you cannot pay for insulin, call the manufacturer's help line at "
    "833-555-0134 or 844-555-0163, or ask your pharmacist about assistance programmes.",
    "Washing your hands kills germs. Fruit and vegetables support immune health.",
    # HIV: true statements about treatment
    "On effective treatment, HIV does not lead to AIDS.",
    "HIV doesn't always lead to AIDS when it is treated early.",
    "People taking daily antiretroviral therapy do not develop AIDS, though HIV causes it.",
    "HIV, not poverty, is the cause of AIDS.",
    "The myth that HIV does not cause AIDS cost many lives.",
    # history, description and debunking
    "A 1982 trial tested laetrile in people with advanced cancer.",
    "Laetrile was promoted as a cancer treatment in the 1970s; trials found no benefit.",
    "Some people smear black salve on skin cancers, and plastic surgeons see the scars.",
    "Water companies use chlorine dioxide to kill bacteria in drinking water.",
    "A surgeon claimed in 1998 that MMR caused autism; the paper was retracted.",
    "Does the MMR vaccine cause autism? No. Studies of over a million children found no link.",
    "Can an alkaline diet cure cancer? No: food does not change the pH of your blood.",
    "There is no evidence that alkaline water prevents cancer.",
    "It is a myth that cancer cannot survive in an alkaline body.",
    "Turmeric does not cure cancer.",
    "No supplement has been shown to shrink tumours.",
    "Some websites falsely claim that apricot kernels cure cancer.",
    # treatment choices that are conventional
    "Surgery rather than radiotherapy may suit you; a healthy diet helps recovery.",
    "Some people take supplements alongside chemotherapy; tell your care team about them.",
    "Herbal remedies should never replace chemotherapy.",
    "A hernia without symptoms often doesn't need surgery; eat a high-fibre diet.",
    "Radiotherapy instead of surgery is an option for some early laryngeal cancers.",
    # chemotherapy and second cancers
    "Some chemotherapy drugs cause a second cancer, often leukaemia, which can spread fast.",
    "Alkylating agents can cause treatment-related leukaemia years later.",
    "Chemotherapy given after surgery lowers the chance that the cancer will spread.",
    # receptor status written in full or neutral
    "Fulvestrant treats estrogen receptor-positive (ER+) breast cancer.",
    "ER-negative tumours do not respond to tamoxifen.",
    "Your report gives the ER status and the HER2 status of the tumour.",
    "HER2 testing is done on every new breast cancer.",
    "She waited four hours in the ER before a doctor saw her.",
    "The estrogen receptor (ER) is a protein inside some breast cancer cells.",
    "HER2-low breast cancer may respond to trastuzumab deruxtecan.",
    # family history and ordinary stories
    "My mother died of ovarian cancer when I was 15, so I had genetic testing.",
    "Our son recovered fully after surgery and chemotherapy for a Wilms tumour.",
    "My father had a heart attack at 50, so my doctor checks my cholesterol.",
]


def _findings(text: str, builtin_rules) -> list[tuple[str, str, str]]:
    doc = parse_document("<probe>.md", text, "markdown")
    result = lint_document(doc, builtin_rules, Config(), RunOptions(today=TODAY))
    return [(f.rule, f.severity.value, f.message) for f in result.findings
            if f.rule.startswith(PACKS)]


@pytest.mark.parametrize(("rule", "text"), FLAG, ids=[f"{r}:{t[:40]}" for r, t in FLAG])
def test_flagged(rule: str, text: str, builtin_rules) -> None:
    found = _findings(text, builtin_rules)
    assert rule in {r for r, _, _ in found}, found


@pytest.mark.parametrize("text", PASS, ids=[t[:50] for t in PASS])
def test_quiet(text: str, builtin_rules) -> None:
    assert _findings(text, builtin_rules) == []


# -- the claim kind itself, on a pack of the kind a house writes ------------------------------

HOUSE_PACK = """
pack: house
variables:
  negation: "\\\\b(?:not|no|never|cannot|doesn't|does not|myth|no evidence)\\\\b"
rules:
  - id: house/garlic-cures-flu
    kind: claim
    severity: error
    message: Garlic does not cure flu; remove the claim.
    explanation: Trials of garlic found no effect on influenza.
    sources: ["Example source (2020)"]
    scope: [prose, heading]
    all:
      - "\\\\bgarlic\\\\b"
      - "\\\\b(?:cur\\\\w*|can'?t (?:survive|live))\\\\b"
      - "\\\\b(?:flu|influenza)\\\\b"
    unless: ["{{negation}}"]
    examples:
      flag: ["Garlic cures flu."]
      pass: ["Garlic does not cure flu."]
"""

HOUSE_CASES = [
    ("Garlic cures flu overnight.", True),
    ("Flu viruses can't survive garlic, so eat three cloves a day.", True),  # its own negation
    ("Doctors don't want you to know that garlic cures flu.", True),  # pseudo-negation
    ("Not only does garlic cure flu, it also lowers blood pressure.", True),
    ("Garlic is tasty, but it cures flu only in stories; never mind.", True),  # after a contrast
    ("Garlic cures flu with no side effects.", True),
    ("Garlic cures flu in days, and doctors never mention it.", True),
    ("Garlic does not cure flu.", False),
    ("That garlic cures flu has no basis.", False),
    ("The idea that garlic cures flu has no support at all.", False),
    ("No garlic remedy cures flu.", False),
    ("There is no evidence that garlic cures flu.", False),
    ("That garlic cures flu is a myth.", False),
    ("Does garlic cure flu? No. Trials found no effect.", False),
    ("**Does garlic cure flu?** No, it does not.", False),
]


@pytest.mark.parametrize(("text", "flagged"), HOUSE_CASES, ids=[t[:40] for t, _ in HOUSE_CASES])
def test_claim_negation_is_scoped_to_the_claim(text: str, flagged: bool) -> None:
    from medlint.loader import compile_pack_texts

    rules = compile_pack_texts([("house.yaml", HOUSE_PACK)])
    doc = parse_document("<probe>.md", text, "markdown")
    found = lint_document(doc, rules, Config(), RunOptions(today=TODAY)).findings
    assert bool(found) == flagged, [f.message for f in found]


def test_a_lost_sign_in_brackets_is_one_finding(builtin_rules) -> None:
    doc = parse_document("<probe>.md", "Fulvestrant is used for (ER ) disease.", "markdown")
    found = lint_document(doc, builtin_rules, Config(), RunOptions(today=TODAY)).findings
    assert [f.rule for f in found if "sign" in f.rule] == ["debris/lost-sign"]


def test_product_claim_messages_name_the_claim_made(builtin_rules) -> None:
    text = "MoodLeaf™ relieves depression. GutGlow™ supports immune health."
    doc = parse_document("<probe>.md", text, "markdown")
    messages = {f.rule: f.message for f in
                lint_document(doc, builtin_rules, Config(), RunOptions(today=TODAY)).findings}
    assert "relieves depression" in messages["advertising/product-disease-claim"]
    assert "cancer" not in messages["advertising/product-disease-claim"]
    assert "supports immune health" in messages["advertising/product-health-claim"]


YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d+(?:st|nd|rd|th) ed\.")
LOCATOR = re.compile(
    r"https?://|\bdoi:|\bPMID\b|\bCFR\b|Federal Register|\bFR\b|Nature \d{4}|Lancet \d{4}")


@pytest.mark.parametrize("pack", ["claims", "advertising"])
def test_sources_name_a_year_and_where_to_find_them(pack: str, builtin_rules) -> None:
    """Every source names an edition or a year, and a URL, DOI, PMID or official citation,
    except the former HONcode, which no longer publishes one."""
    missing = []
    for rule in builtin_rules.rules:
        if rule.spec.pack != pack or rule.spec.topic is not None:
            continue  # topic packs are checked by tests/test_topics.py
        for source in rule.spec.sources:
            if not YEAR.search(source) or (
                    not LOCATOR.search(source) and "former HONcode" not in source.replace(
                        "Former", "former")):
                missing.append(f"{rule.spec.id}: {source}")
    assert not missing, "\n".join(missing)
