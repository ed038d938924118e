from orgmodel.didyoumean import suggest


def test_suggest_among_many_ids_still_finds_the_near_one():
    ids = [f"kommune-{i}-medarbejder-{j}" for i in range(300) for j in range(300)]
    assert suggest("kommune-12-medarbeider-7", ids) == " Did you mean 'kommune-12-medarbejder-7'?"
    assert suggest("ssp-silkborg", ids + ["ssp-silkeborg"]) == " Did you mean 'ssp-silkeborg'?"


def test_no_suggestion_for_something_unlike_everything():
    assert suggest("xyz", ["kredsraad-mvj", "lokalraad-silkeborg"]) == ""


def test_the_word_itself_is_never_suggested():
    assert suggest("under", ["under", "name"]) == ""
    assert suggest("under", ["under", "undr"]) == " Did you mean 'undr'?"
