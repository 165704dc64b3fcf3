from facilitator.core import codes


def test_new_codes_are_eight_unambiguous_characters():
    seen = {codes.new_code() for _ in range(2000)}
    assert len(seen) == 2000
    for code in seen:
        assert len(code) == 8 and set(code) <= set(codes.ALPHABET)
        assert not set(code) & set("ILOU")


def test_a_code_typed_with_dashes_spaces_or_lookalike_letters_is_understood():
    assert codes.normalise("k7qm-4txr") == "K7QM4TXR"
    assert codes.normalise(" K7QM 4TXR ") == "K7QM4TXR"
    assert codes.normalise("O1LI-ABCD") == "0111ABCD"


def test_a_code_of_the_wrong_length_or_with_other_characters_is_refused():
    assert codes.normalise("ABC") is None
    assert codes.normalise("ABCDEFGH9") is None
    assert codes.normalise("ABCD$FGH") is None
    assert codes.normalise(None) is None


def test_codes_are_shown_in_two_groups_of_four():
    assert codes.display("K7QM4TXR") == "K7QM-4TXR"
