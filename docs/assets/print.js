// The "In bài viết" / "In thủ tục" buttons: a listener here, not an inline onclick,
// so the Content-Security-Policy can forbid inline script.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".cchc-print");
  if (button) window.print();
});
