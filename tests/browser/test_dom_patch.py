"""lib/dom.js's patch(), in Chromium: a live update changes the page only where it differs,
so what a person typed, chose, opened and focused stays, and kept buttons run the latest handler."""
from __future__ import annotations

import pytest

SETUP = """
async () => {
  const dom = await import("/ui/lib/dom.js");
  window.dom = dom;
  document.body.replaceChildren();
  window.root = document.createElement("div");
  document.body.append(window.root);
  return true;
}
"""


@pytest.fixture
def server(module_server):
    """The module's one server: these tests only load lib/dom.js from it, each in a page of its own."""
    return module_server


@pytest.fixture
def page(server, phone_context):
    page = phone_context().new_page()
    page.goto(f"{server.url}/healthz")
    assert page.evaluate(SETUP)
    return page


def test_what_is_typed_and_where_the_caret_is_survive_a_patch_that_moves_things_around(page):
    kept = page.evaluate("""() => {
      const { h, patch } = dom;
      const draw = (n, first) => patch(root,
        first ? h("p", { class: "banner", text: "Paused" }) : null,
        h("p", { id: "holder", text: `Speaker ${n}` }),
        h("textarea", { id: "pledge", dataset: { draft: "x" } }),
        h("input", { type: "radio", name: "c", value: "3" }),
        h("details", { id: "pulse" }, h("summary", { text: "Pulse" })));
      draw(1, false);
      const box = document.getElementById("pledge");
      box.value = "I will bring soup";
      box.focus();
      box.setSelectionRange(7, 7);
      root.querySelector("input[type=radio]").checked = true;
      document.getElementById("pulse").open = true;
      for (let n = 2; n < 12; n++) draw(n, n % 2 === 0);
      const now = document.getElementById("pledge");
      return [now === box, now.value, document.activeElement === now, now.selectionStart,
              root.querySelector("input[type=radio]").checked, document.getElementById("pulse").open,
              document.getElementById("holder").textContent, root.querySelectorAll(".banner").length];
    }""")
    assert kept == [True, "I will bring soup", True, 7, True, True, "Speaker 11", 0]


def test_a_kept_button_runs_the_handler_of_the_latest_render_not_the_first(page):
    said = page.evaluate("""() => {
      const { h, onPage, patch } = dom;
      const said = [];
      const draw = (volunteered) => {
        const note = h("p", { id: "note" });
        patch(root, h("button", { id: "host", text: volunteered ? "I'd rather not host" : "I'll host a table",
          onclick: () => { said.push(volunteered); onPage(note).textContent = `was ${volunteered}`; } }), note);
      };
      draw(false);
      const button = document.getElementById("host");
      button.click();
      draw(true);
      document.getElementById("host").click();
      return [document.getElementById("host") === button, said, document.getElementById("note").textContent];
    }""")
    assert said == [True, [False, True], "was true"]


def test_keyed_items_keep_their_own_element_when_the_list_changes(page):
    kept = page.evaluate("""() => {
      const { h, patch } = dom;
      const draw = (ids) => patch(root, h("ul", {}, ids.map((id) => h("li", { dataset: { key: `q-${id}` } },
        h("select", {}, ["private", "shared"].map((v) => h("option", { value: v, text: v }))), ` question ${id}`))));
      draw([1, 2, 3]);
      const second = root.querySelector('[data-key="q-2"]');
      second.querySelector("select").value = "shared";
      draw([2, 3]);  // the first is withdrawn: the second keeps its element and its choice
      const now = root.querySelector('[data-key="q-2"]');
      return [now === second, now.querySelector("select").value, root.querySelector('[data-key="q-3"] select').value,
              root.querySelectorAll("li").length];
    }""")
    assert kept == [True, "shared", "private", 2]


def test_attributes_follow_the_render_but_a_typed_value_and_an_opened_details_are_the_persons(page):
    seen = page.evaluate("""() => {
      const { h, patch } = dom;
      const draw = (word, hidden) => patch(root,
        h("input", { id: "word", value: word }),
        h("input", { id: "untouched", value: word }),
        h("p", { id: "error", hidden, text: "Not sent" }),
        h("details", { id: "me" }, h("summary", { text: "change" })));
      draw("calm", true);
      document.getElementById("word").value = "hopeful";   // typed by the person
      document.getElementById("me").open = true;
      draw("rested", false);
      return [document.getElementById("word").value, document.getElementById("untouched").value,
              document.getElementById("error").hidden, document.getElementById("me").open];
    }""")
    assert seen == ["hopeful", "rested", False, True]


def test_a_chosen_option_stays_chosen_when_options_are_added_above_it(page):
    chosen = page.evaluate("""() => {
      const { h, patch } = dom;
      const draw = (themes) => patch(root, h("select", { id: "card-theme" }, h("option", { value: "", text: "No theme" }),
        themes.map((t) => h("option", { value: t, text: `Theme ${t}` }))));
      draw(["2", "3"]);
      document.getElementById("card-theme").value = "3";
      draw(["1", "2", "3"]);  // the facilitator adds a theme
      const select = document.getElementById("card-theme");
      return [select.value, [...select.options].map((o) => o.value)];
    }""")
    assert chosen == ["3", ["", "1", "2", "3"]]
