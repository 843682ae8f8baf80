"""Journeys in a real browser: Debian's Chromium driven by Playwright, against `lexvn
serve`'s WSGI server (waitress) on loopback. Screenshots of the main pages are written to
test-artifacts/ (or $LEXVN_ARTIFACTS)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from waitress.server import create_server

from search_app.web.app import create_app
from tests.conftest import ROOT, SAMPLES

CHROMIUM = os.environ.get("LEXVN_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("LEXVN_ARTIFACTS", ROOT / "test-artifacts"))


@pytest.fixture(scope="module")
def base_url(samples_db):
    server = create_server(create_app(samples_db), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def page(base_url):
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: apt-get install chromium (.ci/run does)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.errors = errors
        yield page
        browser.close()


def _in_view(page, unit_id: str) -> bool:
    return page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.top >= -5 && r.top < window.innerHeight; }""",
        unit_id,
    )


def test_search_open_hit_follow_citation(page, base_url):
    page.goto(f"{base_url}/")
    page.screenshot(path=ARTIFACTS / "home.png", full_page=True)
    page.fill("input[name=q]", "thoi han cua hop dong lao dong")
    page.press("input[name=q]", "Enter")
    expect(page.locator(".hit").first).to_be_visible()
    page.screenshot(path=ARTIFACTS / "results.png", full_page=True)
    link = page.locator(".hit-title").first
    href = link.get_attribute("href")
    unit_id = href.split("#")[1]
    link.click()
    page.wait_for_url(f"**{href.split('#')[0]}*")
    assert _in_view(page, unit_id), "the page did not scroll to the unit"
    page.screenshot(path=ARTIFACTS / "document-unit.png")
    # a citation on the page, inside the unit when it has one
    cite = page.locator(f"[id='{unit_id}'] a.cite[href*='#']")
    if cite.count() == 0:
        cite = page.locator("a.cite[href*='#']")
    target = cite.first.get_attribute("href")
    target_unit = target.split("#")[1]
    cite.first.click()
    page.wait_for_url(f"**{target.split('#')[0]}*")
    expect(page.locator(f"[id='{target_unit}']")).to_be_visible()
    assert _in_view(page, target_unit), "the citation did not land on its target"
    assert not page.errors, page.errors


def test_changing_the_date_changes_an_amended_unit(page, base_url):
    unit = "chuong_1__dieu_3__khoan_5"
    page.goto(f"{base_url}/van-ban/22/2023/QH15/{unit}?ngay=2024-06-01")
    text = page.locator(f"[id='{unit}']")
    expect(text).to_contain_text("vốn vay ưu đãi của nhà tài trợ nước ngoài")
    page.fill("input[name=ngay]", "2025-06-01")
    page.click(".date-form button")
    page.wait_for_url("**ngay=2025-06-01*")
    expect(page.locator(f"[id='{unit}']")).to_contain_text("vốn vay ưu đãi nước ngoài")
    expect(page.locator(f"[id='{unit}'] .note")).to_contain_text("Được sửa đổi, bổ sung bởi")
    assert _in_view(page, unit)
    page.screenshot(path=ARTIFACTS / "document-amended.png")
    page.click(f"[id='{unit}'] .note >> text=Các phiên bản")
    expect(page.locator(".timeline li")).to_have_count(2)
    page.screenshot(path=ARTIFACTS / "unit-versions.png", full_page=True)


def test_draft_check_page_marks_findings(page, base_url, tmp_path):
    draft = tmp_path / "du-thao.txt"
    text = (SAMPLES / "codes/bo-luat-lao-dong-2019.txt").read_text(encoding="utf-8")
    draft.write_text(text.replace("Điều 5. ", "Điều 7. ", 1), encoding="utf-8")
    page.goto(f"{base_url}/kiem-tra-du-thao")
    page.set_input_files("input[name=file]", str(draft))
    page.click("form.draft-form button")
    expect(page.locator(".verdict")).to_contain_text("Không đạt")
    expect(page.locator("li.marked .findings li.error").first).to_contain_text(
        "structure.dieu-sequence"
    )
    page.screenshot(path=ARTIFACTS / "draft-check.png", full_page=False)


def test_unknown_document_page_on_a_phone(page, base_url):
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(f"{base_url}/van-ban/999/2099/QH99")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    page.goto(f"{base_url}/van-ban/45-2019-QH14")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"horizontal scroll on a phone: {width}px"
    page.screenshot(path=ARTIFACTS / "document-phone.png")
    page.set_viewport_size({"width": 1280, "height": 800})
