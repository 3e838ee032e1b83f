"""The filters live in the URL: a shared link opens the same view, a change is written back,
and an invalid value falls back to the default with a notice."""


def test_link_opens_the_same_view(app):
    at = app("overview", year="2022", cluster="KHOI3_VPQH", lang="en")
    assert at.selectbox(key="w_year").value == 2022
    assert at.selectbox(key="w_cluster").value == "KHOI3_VPQH"
    assert at.segmented_control(key="w_lang").value == "en"
    assert not at.warning


def test_a_change_is_written_to_the_url(app):
    at = app("ranking")
    at.selectbox(key="w_year").select(2021).run()
    assert at.query_params["year"] == "2021"
    at.segmented_control(key="w_lang").set_value("en").run()
    assert at.query_params["lang"] == "en" and at.title[0].value == "Ranking"


def test_invalid_values_fall_back_with_a_notice(app):
    at = app("overview", year="1890", cluster="<b>nope</b>", lang="fr")
    assert not at.exception
    assert at.selectbox(key="w_year").value == 2025  # the latest year with data
    assert at.segmented_control(key="w_lang").value == "vi"
    notices = [w.value for w in at.warning]
    assert len(notices) == 3
    assert any("1890" in n and "2025" in n for n in notices)
    # the URL text is shown as typed: Markdown-escaped, never as HTML
    assert any(r"\<b\>nope\</b\>" in n for n in notices)
    assert at.query_params["year"] == "2025" and at.query_params["lang"] == "vi"


def test_a_unit_of_another_cluster_is_refused(app):
    at = app("unit", cluster="CUM4_DBSH", unit="NOT_A_UNIT")
    assert any(r"NOT\_A\_UNIT" in w.value for w in at.warning)
    assert at.selectbox(key="w_unit").value == ""  # the whole cluster
