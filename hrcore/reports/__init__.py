"""Reports: what each page (or tab) shows, computed in one place.

One module per page.  Each public function is a report in the manner of a
Frappe HRMS report's ``execute(filters)``: it takes the store, as the user sees
it, and plain values (the page's filters: a period, a department id, a
threshold), and returns a frozen dataclass holding every figure, table and
chart series the page renders.  A report never imports streamlit, never
formats for a language (it returns numbers, dates and codes; the page words
them), and is what the overview's tiles and the page itself both call, so a
question has one answer wherever it is asked.

Pages call a report through ``views._common.report``, which caches it per
user's scope, data version and arguments.
"""
