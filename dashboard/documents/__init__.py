"""The officer's year-end documents in Word: the annual summary report (báo cáo tổng kết) and the
nomination list with its cover letter (danh sách đề nghị, tờ trình), filled from the same tables
the app shows into .docx templates the office can edit (templates/, docxtpl)."""
