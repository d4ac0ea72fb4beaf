"""The case system's grant types (bevillingstyper): legal bases, functions and units.

``legal_old`` is the legal basis before the 2024 Barnets Lov; ``case_ref`` says whether the
grant's postings carry its id; ``refund`` is the state refund in percent (booked at month end);
``cc`` is the cost center of the postings."""

GRANT_TYPES = {
    "placement": dict(area="children", legal="BL §43", legal_old="SEL §52 stk. 3 nr. 7",
                      code="ANB", name="Anbringelse uden for hjemmet", function="5.28.20",
                      unit="day", case_ref=True, art="4.0", dept="Børn og Familie", cc="4110"),
    "preventive": dict(area="children", legal="BL §32 stk. 1 nr. 2",
                       legal_old="SEL §52 stk. 3 nr. 2", code="FOR",
                       name="Praktisk pædagogisk støtte i hjemmet", function="5.28.21",
                       unit="hour", case_ref=True, art="4.0", dept="Børn og Familie", cc="4120"),
    "contact": dict(area="children", legal="BL §32 stk. 1 nr. 4",
                    legal_old="SEL §52 stk. 3 nr. 6", code="KON", name="Fast kontaktperson",
                    function="5.28.21", unit="month", case_ref=True, art="4.0",
                    dept="Børn og Familie", cc="4120"),
    "botilbud108": dict(area="adults", legal="SEL §108", legal_old="SEL §108", code="B108",
                        name="Længerevarende botilbud", function="5.38.50", unit="day",
                        case_ref=True, art="4.0", dept="Voksenhandicap", cc="4210"),
    "stoette85": dict(area="adults", legal="SEL §85", legal_old="SEL §85", code="S85",
                      name="Socialpædagogisk støtte", function="5.38.38", unit="hour",
                      case_ref=True, art="4.0", dept="Voksenhandicap", cc="4220"),
    "bpa96": dict(area="disability", legal="SEL §96", legal_old="SEL §96", code="BPA",
                  name="Borgerstyret personlig assistance", function="5.38.38", unit="hour",
                  case_ref=True, art="5.2", dept="Handicap", cc="4230"),
    "tilskud95": dict(area="disability", legal="SEL §95", legal_old="SEL §95", code="K95",
                      name="Kontant tilskud til hjælp", function="5.38.38", unit="month",
                      case_ref=True, art="5.2", dept="Handicap", cc="4230"),
    "kontant": dict(area="employment", legal="LAS §25", legal_old="LAS §25", code="KTH",
                    name="Kontanthjælp", function="5.57.73", unit="month", case_ref=False,
                    art="5.2", dept="Jobcenter", cc="5110", refund=30),
    "ressource": dict(area="employment", legal="LAB §68 b", legal_old="LAB §68 b", code="RES",
                      name="Ressourceforløbsydelse", function="5.58.82", unit="month",
                      case_ref=False, art="5.2", dept="Jobcenter", cc="5120"),
    "ptillaeg": dict(area="pension", legal="PL §14", legal_old="PL §14", code="PTL",
                     name="Personligt tillæg", function="5.48.67", unit="once", case_ref=True,
                     art="5.2", dept="Pension", cc="5310"),
    "hjemmehjaelp": dict(area="elderly", legal="SEL §83", legal_old="SEL §83", code="HJH",
                         name="Personlig og praktisk hjælp", function="5.30.26", unit="hour",
                         case_ref=True, art="4.0", dept="Ældre og Sundhed", cc="6110"),
    "specund": dict(area="school", legal="FSL §20 stk. 2", legal_old="FSL §20 stk. 2",
                    code="SPU", name="Vidtgående specialundervisning", function="3.22.01",
                    unit="month", case_ref=True, art="4.0", dept="Skoleforvaltningen", cc="3110"),
}


def grant_type(key: str, **overrides) -> dict:
    """A grant type with some fields changed (e.g. a monthly price where it is usually daily)."""
    return dict(GRANT_TYPES[key], **overrides)
