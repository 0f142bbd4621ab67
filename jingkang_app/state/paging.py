"""Search + paging shared by list pages. A page state mixes this in and implements ``_fetch()``."""

import reflex as rx

from jingkang_app.state.base import AppState

PAGE_SIZE = 20


class PagedListState(AppState, mixin=True):
    search: str = ""
    offset: int = 0
    total: int = 0

    @rx.var
    def page_label(self) -> str:
        if not self.total:
            return ""
        last = min(self.offset + PAGE_SIZE, self.total)
        return self.tr("list.page", first=self.offset + 1, last=last, total=self.total)

    @rx.var
    def has_previous(self) -> bool:
        return self.offset > 0

    @rx.var
    def has_next(self) -> bool:
        return self.offset + PAGE_SIZE < self.total

    def _fetch(self):
        raise NotImplementedError

    @rx.event
    def submit_search(self, form_data: dict):
        self.search = str(form_data.get("search") or "")[:32]
        self.offset = 0
        return self._fetch()

    @rx.event
    def next_page(self):
        if self.offset + PAGE_SIZE < self.total:
            self.offset += PAGE_SIZE
        return self._fetch()

    @rx.event
    def previous_page(self):
        self.offset = max(0, self.offset - PAGE_SIZE)
        return self._fetch()
