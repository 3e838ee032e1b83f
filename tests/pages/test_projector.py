"""Trình chiếu: no sidebar, four slides that advance with "next" (and on their own), pause."""

SLIDES = [
    "Xếp hạng thi đua",
    "Số chỉ tiêu đạt theo đơn vị",
    "Chỉ số chính qua các năm (toàn cụm)",
    "Điểm nổi bật của năm",
]


def test_no_sidebar_widgets_on_the_projector(app):
    at = app("projector")
    assert not at.sidebar.selectbox and not at.sidebar.get("button_group")


def test_next_goes_through_every_slide_and_back(app):
    at = app("projector")
    seen = [at.title[0].value]
    for _ in range(4):
        at.button(key="slide_next").click().run()
        assert not at.exception, at.exception
        seen.append(at.title[0].value)
    assert seen == [*SLIDES, SLIDES[0]]


def test_highlights_show_the_year_in_big_numbers(app):
    at = app("projector", year="2025")
    for _ in range(3):
        at.button(key="slide_next").click().run()
    cards = {m.label: m.value for m in at.metric}
    assert "Dẫn đầu năm 2025" in cards and "Cán bộ, công chức, viên chức" in cards


def test_pause_stops_and_play_resumes(app):
    at = app("projector")
    assert at.button(key="slide_toggle").proto.label == "Tạm dừng"
    at.button(key="slide_toggle").click().run()
    assert at.session_state["slide_paused"] is True
    assert at.button(key="slide_toggle").proto.label == "Tự chạy"
