"""views.projector.parse_show: the slides and seconds a link asks for, or the default with what
was not understood."""

from dashboard.views.projector import SECONDS, SLIDES, parse_show


def test_slides_in_the_order_asked_and_the_seconds():
    show = parse_show("trends, Ranking ,targets", "20")
    assert (show.slides, show.every, show.invalid) == (("trends", "ranking", "targets"), 20, ())


def test_missing_or_empty_parameters_take_the_default():
    for slides, every in ((None, None), ("", " "), (",", None)):
        show = parse_show(slides, every)
        assert (show.slides, show.every) == (SLIDES, SECONDS)
    assert parse_show(",", None).invalid == ("slides=,",)


def test_unknown_or_repeated_slides_are_reported():
    assert parse_show("ranking,pie", None).invalid == ("slides=ranking,pie",)
    assert parse_show("ranking,ranking", None).slides == SLIDES
    assert parse_show("ranking,ranking", None).invalid == ("slides=ranking,ranking",)


def test_every_outside_five_to_six_hundred_seconds_is_reported():
    assert parse_show(None, "5").every == 5 and parse_show(None, "600").every == 600
    for bad in ("4", "601", "-20", "1.5", "abc"):
        show = parse_show("targets", bad)
        assert show.slides == ("targets",)  # the other parameter still counts
        assert (show.every, show.invalid) == (SECONDS, (f"every={bad}",))
