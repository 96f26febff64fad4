// What Material's JavaScript bundle did for the portal's pages, without the bundle. The portal uses neither
// Material's instant navigation nor its search, and the drawer, the tabs and the menu sections open with CSS
// checkboxes, so the 114 KB bundle mostly ran idle on every page load: on a cheap phone that was the page's
// longest task. Every page works without this file; it adds what the bundle added:
// - the keyboard focus ring (Material's CSS draws it on elements with the class "focus-visible");
// - Enter or Space on a focused menu arrow opens its section, as on a button;
// - the drawer closes after a link in it moves within the page, on Escape, and when Back restores the page;
// - the header's shadow and the page title in the header once the page is scrolled;
// - the "back to top" button while the reader scrolls up (navigation.top);
// - the table of contents marks the section being read;
// - closed <details> open for printing, and when a link points inside one.
(function () {
  "use strict";
  var header = document.querySelector(".md-header");
  var main = document.querySelector(".md-main");
  var drawer = document.getElementById("__drawer");
  var top = document.querySelector(".md-top");
  var title = document.querySelector("[data-md-component=header-title]");
  var heading = document.querySelector(".md-content h1");
  var links = [].slice.call(document.querySelectorAll("[data-md-component=toc] a.md-nav__link"));
  var targets = links.map(function (a) {
    return document.getElementById(decodeURIComponent(a.hash.slice(1)));
  });

  document.addEventListener("focusin", function (event) {
    var el = event.target;
    try {
      if (el.matches(":focus-visible")) el.classList.add("focus-visible");
    } catch (e) {
      // A browser without :focus-visible keeps its own focus ring.
    }
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.classList) event.target.classList.remove("focus-visible");
  });

  function closeDrawer() {
    if (drawer) drawer.checked = false;
  }
  document.addEventListener("keydown", function (event) {
    var el = document.activeElement;
    if (event.key === "Escape") closeDrawer();
    else if ((event.key === "Enter" || event.key === " ") && el instanceof HTMLLabelElement && el.htmlFor) {
      event.preventDefault();
      el.click();
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) closeDrawer();
  });

  function reveal() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var details = target && target.closest("details:not([open])");
    if (details) {
      details.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", function () {
    closeDrawer();
    reveal();
  });
  reveal();

  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = [].slice.call(document.querySelectorAll(".md-content details:not([open])"));
    closedForPrint.forEach(function (d) {
      d.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) {
      d.open = false;
    });
  });

  if (!header) return;
  // Nothing below reads the layout (sizes, positions, scroll offsets) before the reader scrolls: no forced layout
  // while the page loads. A page opened scrolled (reload, Back) gets its scroll event then.
  var watching = false;
  function watchTitle(edge) {
    // The page title replaces the site name in the header once the page's heading is scrolled under it.
    watching = true;
    if (!title || !heading || !("IntersectionObserver" in window)) return;
    new IntersectionObserver(
      function (entries) {
        var entry = entries[entries.length - 1];
        title.classList.toggle("md-header__title--active", !entry.isIntersecting && entry.boundingClientRect.top < 0);
      },
      { rootMargin: "-" + edge + "px 0px 0px 0px" }
    ).observe(heading);
  }

  if (top) {
    top.setAttribute("tabindex", "-1"); // hidden (transparent), so out of the tab order
    top.addEventListener("click", function (event) {
      event.preventDefault();
      window.scrollTo({ top: 0 });
    });
  }
  var lastY = 0; // not window.scrollY: reading it makes the browser lay the page out inside this script
  var pending = false;

  function update() {
    pending = false;
    var y = window.pageYOffset;
    var edge = header.offsetHeight;
    if (!watching) watchTitle(edge);
    var past = main ? main.getBoundingClientRect().top <= edge : y > 0;
    header.classList.toggle("md-header--shadow", past);
    if (top) {
      var hidden = !(past && y < lastY && y > 0);
      if (top.hidden !== hidden) {
        top.hidden = hidden;
        if (hidden) {
          top.setAttribute("tabindex", "-1");
          top.blur();
        } else {
          top.removeAttribute("tabindex");
        }
      }
    }
    lastY = y;
    if (links.length) {
      var atEnd = window.innerHeight + y >= document.documentElement.scrollHeight - 1;
      var current = -1;
      targets.forEach(function (target, i) {
        if (target && (atEnd || target.getBoundingClientRect().top <= edge + 16)) current = i;
      });
      links.forEach(function (a, i) {
        a.classList.toggle("md-nav__link--passed", i <= current);
        a.classList.toggle("md-nav__link--active", i === current);
      });
    }
  }
  window.addEventListener(
    "scroll",
    function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    },
    { passive: true }
  );
})();
