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


def test_slides_chosen_and_ordered_by_the_link(app):
    at = app("projector", slides="highlights,ranking", every="20")
    assert not at.exception and not at.toast
    seen = [at.title[0].value]
    at.button(key="slide_next").click().run()
    seen.append(at.title[0].value)
    at.button(key="slide_next").click().run()
    seen.append(at.title[0].value)
    assert seen == [SLIDES[3], SLIDES[0], SLIDES[3]]
    assert at.caption[0].value.endswith("1/2")


def test_previous_goes_back_round_the_show(app):
    at = app("projector", slides="ranking,targets,trends")
    at.button(key="slide_prev").click().run()
    assert at.title[0].value == SLIDES[2]  # from the first back to the last


def test_bad_link_values_give_a_notice_and_the_default(app):
    at = app("projector", slides="ranking,pie", every="2")
    assert not at.exception
    notice = at.toast[0].value
    # the link's text is data: Markdown-escaped, so it shows as typed
    assert r"slides\=ranking,pie" in notice and r"every\=2" in notice
    assert "mỗi trang 15 giây" in notice
    # the default show: all four slides
    assert at.title[0].value == SLIDES[0] and at.caption[0].value.endswith("1/4")


def test_highlights_name_units_by_their_short_names(app):
    at = app("projector", year="2025", slides="highlights")
    cards = {m.label: m.value for m in at.metric}
    leader = cards["Dẫn đầu năm 2025"]
    # the demo cluster's names all begin "Trường Chính trị tỉnh": the card drops it
    assert leader and "Trường Chính trị" not in leader


def test_a_link_can_ask_for_the_early_warnings_slide(app):
    """?slides=warnings: the slide's heading, the one-line summary of the cluster's warnings
    (the demo's CUM4 has a unit behind on its monthly ratings every year) and its table, in
    HTML (st.table), whose type follows the viewport as the headings' does."""
    at = app("projector", slides="warnings", every="600")
    assert not at.exception and not at.warning
    assert at.title[0].value == "Cảnh báo sớm"
    assert "chậm bình xét tháng" in at.subheader[0].value
    assert not at.dataframe  # a data grid's canvas type would stay 14 px on a 4K screen
    table = at.table[0].value
    assert list(table.columns) == ["Đơn vị", "Cảnh báo", "Chi tiết"] and table.shape[0] >= 1
