// Shows the "Imprimir" buttons (hidden without JavaScript, where the browser's own menu prints)
// and makes them print the page.
document.querySelectorAll('.solo-con-script').forEach(function (e) { e.hidden = false; });
document.querySelectorAll('[data-imprimir]').forEach(function (b) {
  b.addEventListener('click', function () { window.print(); });
});
