/* Filters start folded on phones (results first); wide screens show them open.
   A static file, not an inline <script>: the Content-Security-Policy allows no inline code. */
(function () {
  function unfold() {
    var facets = document.querySelector("details.facets");
    if (facets && window.matchMedia("(min-width: 56rem)").matches) { facets.open = true; }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", unfold);
  } else {
    unfold();
  }
  document.addEventListener("htmx:afterSwap", unfold);
})();
