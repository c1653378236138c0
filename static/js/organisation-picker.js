/*
 * The organisation picker, searching as one types (PPS-portaal, our own code).
 *
 * Without this script the picker works as a form: "Zoeken" sends the form
 * back and the server narrows the list (organisations/search.py). With it,
 * typing in the search box asks the server for the organisations found
 * (JSON, at most 25), replaces the options of the list (a native select
 * with several rows: arrow keys choose, as in any list box) and writes the
 * number found in the status line, which screen readers announce
 * (role="status"). Enter in the search box searches instead of sending the
 * form; arrow down moves to the list. The chosen organisation stays in the
 * list while one searches on.
 */
(function () {
  "use strict";

  var DELAY_MS = 250;

  function setUp(picker) {
    var url = picker.getAttribute("data-search-url");
    var input = picker.querySelector("[data-picker-search]");
    var button = picker.querySelector("[data-picker-button]");
    var status = picker.querySelector("[data-picker-status]");
    var list = picker.querySelector("select");
    if (!url || !input || !status || !list || !window.fetch) {
      return;
    }
    var timer = null;
    var controller = null;
    var lastQuery = input.value.trim();

    if (button) {
      button.hidden = true; // the list follows the typing: no button needed
    }
    input.setAttribute("aria-controls", list.id);

    function chosenOption() {
      return list.selectedIndex >= 0 ? list.options[list.selectedIndex] : null;
    }

    function show(data) {
      var chosen = chosenOption();
      var chosenValue = chosen ? chosen.value : null;
      var fragment = document.createDocumentFragment();
      var seen = false;
      data.results.forEach(function (result) {
        var option = document.createElement("option");
        option.value = String(result.id);
        option.textContent = result.label;
        if (option.value === chosenValue) {
          option.selected = true;
          seen = true;
        }
        fragment.appendChild(option);
      });
      if (chosen && !seen) {
        // Keep what was chosen, first in the list.
        var kept = document.createElement("option");
        kept.value = chosen.value;
        kept.textContent = chosen.textContent;
        kept.selected = true;
        fragment.insertBefore(kept, fragment.firstChild);
      }
      list.replaceChildren(fragment);
      status.textContent = data.status;
    }

    function search() {
      var query = input.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      var address = url + "?zoek=" + encodeURIComponent(query);
      window
        .fetch(address, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          signal: controller ? controller.signal : undefined,
        })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(show)
        .catch(function (error) {
          if (error && error.name === "AbortError") {
            return;
          }
          // The form still works: "Zoeken" asks the server again.
          lastQuery = null;
          if (button) {
            button.hidden = false;
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        window.clearTimeout(timer);
        search();
      } else if (event.key === "ArrowDown" && list.options.length) {
        event.preventDefault();
        if (list.selectedIndex < 0) {
          list.selectedIndex = 0;
        }
        list.focus();
      }
    });
  }

  function start() {
    var pickers = document.querySelectorAll("[data-organisation-picker]");
    Array.prototype.forEach.call(pickers, setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
