"""Danish name parts for roads, providers and persons (with æøå and multi-word names on
purpose: they exercise the encodings and fixed-width fields)."""

ROAD_PREFIXES = ["", "Store ", "Lille ", "Nye "]
ROAD_STEMS = ["Ege", "Birke", "Bøge", "Hasle", "Rose", "Lærke", "Skov", "Mølle", "Kirke", "Strand",
              "Vester", "Øster", "Nørre", "Sønder", "Fjord", "Eng", "Mose", "Bakke", "Kilde", "Hede",
              "Linde", "Ahorn", "Kastanie", "Æble", "Pile", "Kløver", "Havre", "Rug", "Hvede", "Ny",
              "Gammel", "Sten", "Sand", "Dal", "Hyld", "Tjørne", "Syrene", "Grøn", "Sol", "Måge"]
ROAD_SUFFIXES = ["vej", "gade", "vænget", "alle", "parken", "stien", "toften", "haven", "høj",
                 "bakken", "lund", "torvet", "engen", "marken"]

MALE_FIRST_NAMES = [
    "Peter", "Jens", "Lars", "Michael", "Henrik", "Thomas", "Søren", "Jan", "Niels", "Anders",
    "Rasmus", "Mads", "Jesper", "Morten", "Frederik", "Mikkel", "Jørgen", "Christian", "Martin",
    "Kim", "William", "Noah", "Oscar", "Lucas", "Carl", "Emil", "Malthe", "Alfred", "Valdemar",
    "Bjørn", "Asger", "Søren Kaj", "Hans Ulrik", "Ærø"]
FEMALE_FIRST_NAMES = [
    "Anne", "Kirsten", "Mette", "Hanne", "Helle", "Susanne", "Lene", "Maria", "Marianne", "Inge",
    "Karen", "Camilla", "Louise", "Charlotte", "Pia", "Emma", "Ida", "Clara", "Freja", "Alma",
    "Ella", "Sofie", "Agnes", "Nora", "Laura", "Bodil", "Birgitte", "Åse", "Sørine", "Lærke",
    "Mathilde", "Ellen Margrethe", "Anne-Sofie"]
LAST_NAMES = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Østergaard", "Kjær", "Lund",
    "Bøgh", "Dalgaard", "Skovgaard", "Nørgaard", "Bach", "Frølund", "Søndergaard", "Ægidius",
    "Holm", "Vestergaard", "Å. Knudsen"]


def first_names_for(sex: str) -> list[str]:
    return MALE_FIRST_NAMES if sex == "M" else FEMALE_FIRST_NAMES
